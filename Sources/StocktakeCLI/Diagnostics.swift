import ArgumentParser
import Foundation
import StocktakeKit

/// Messages for people, on stderr.
enum Diagnostics {
    static func error(_ message: String) {
        write("error: \(message)")
    }

    static func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
