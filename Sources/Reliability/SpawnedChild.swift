import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn`, its output going to files.
///
/// Foundation's `Process.run()` on Linux crashed now and then inside the test
/// runner (SIGSEGV in a memcpy of its own), so the harness and the tests start
/// children themselves, as the benchmark does.
public struct SpawnedChild: Sendable {
    public let pid: pid_t

    /// Starts `path` with `arguments` and `environment`; stdin is `stdin` (a file) or /dev/null;
    /// stderr goes to its own file, or with `stderr: nil` into stdout's.
    public init(
        _ path: String, _ arguments: [String], environment: [String: String], stdin: String? = nil,
        stdout: String = "/dev/null", stderr: String? = "/dev/null"
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if let stderr {
            posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "cannot start \(path): \(String(cString: strerror(spawned)))"])
        }
        self.pid = pid
    }

    /// Waits for the child to end: its exit code, or the number of the signal that ended it.
    public func wait() async -> Int32 {
        var status: Int32 = 0
        while true {
            let waited = waitpid(pid, &status, WNOHANG)
            if waited == pid { break }
            if waited < 0, errno != EINTR { return -1 }
            // No event to await for a child's end without a thread of its own: look every 5 ms.
            try? await Task.sleep(for: .milliseconds(5))
        }
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : status & 0x7f
    }

    /// Sends `signal` to the child.
    public func signal(_ signal: Int32) {
        kill(pid, signal)
    }

    /// Waits for the child to end, SIGKILLing it after `killAfter` seconds when given and it still runs.
    public func wait(killAfter: Double?) async -> Int32 {
        guard let killAfter else { return await wait() }
        return await withTaskGroup(of: Int32?.self) { group in
            group.addTask { await wait() }
            group.addTask {
                guard (try? await Task.sleep(for: .milliseconds(Int(killAfter * 1000)))) != nil else { return nil }
                signal(SIGKILL)
                return nil
            }
            var status: Int32 = -1
            for await result in group {
                if let result {
                    status = result
                    group.cancelAll()
                }
            }
            return status
        }
    }
}
