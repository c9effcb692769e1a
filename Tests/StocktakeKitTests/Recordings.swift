import Testing
import Foundation

/// The real responses in `../shared/recordings/`, read in place (never copied
/// into the repository). A test that needs them is enabled in CI, where their
/// absence fails it, and wherever they are; elsewhere it is skipped with a reason.
enum Recordings {
    /// `../shared/recordings` beside the package root.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/recordings")

    static var enabled: Bool {
        FileManager.default.fileExists(atPath: root.path) || ProcessInfo.processInfo.environment["CI"] == "true"
    }

    static let skipReason: Comment = "needs ../shared/recordings beside the package (a clone alone has none)"

    /// The text of the recording at `path` under the folder.
    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }
}
