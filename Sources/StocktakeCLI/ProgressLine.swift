import Foundation
import StocktakeKit
import Synchronization

/// The live line `stocktake sync` keeps at the bottom of a terminal: pages,
/// objects and scopes per account, redrawn a few times a second. Scope lines
/// are printed above it; it is erased when the sync ends.
final class ProgressLine: Sendable {
    let progress = SyncProgress()
    private let drawn = Mutex(false)

    /// Redraws until the task is cancelled, then erases the line.
    func run() async {
        while !Task.isCancelled {
            drawn.withLock { drawn in
                Self.emit("\r\u{1B}[K" + Self.fit(progress.line))
                drawn = true
            }
            try? await Task.sleep(for: .milliseconds(150))
        }
        drawn.withLock { drawn in
            if drawn { Self.emit("\r\u{1B}[K") }
            drawn = false
        }
    }

    /// Prints `text` as a line of its own, above the live line.
    func print(_ text: String) {
        drawn.withLock { drawn in
            Self.emit((drawn ? "\r\u{1B}[K" : "") + text + "\n")
            drawn = false
        }
    }

    /// Cut to the terminal's width (`COLUMNS`, else 120), so the line never wraps.
    private static func fit(_ text: String) -> String {
        let width = Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 120
        return text.count < width ? text : String(text.prefix(max(10, width - 2))) + "…"
    }

    private static func emit(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
