import Foundation
import Synchronization

/// Starts child processes one at a time. Foundation's `Process.run()` on Linux
/// crashed (a bad memcpy inside it) when tests launched processes from several
/// threads at the same moment; every launch in the harness and the tests goes here.
public enum ProcessLauncher {
    private static let turn = Mutex<Void>(())

    /// Runs `process` (it then goes on by itself); launches take turns.
    public static func run(_ process: Process) throws {
        try turn.withLock { _ in try process.run() }
    }
}
