import Foundation
import Reliability
#if canImport(Glibc)
import Glibc
#endif

/// A child process run to its end, with its wall time and peak resident memory.
///
/// The peak is the child's `VmHWM` (from `/proc/PID/status`, sampled every
/// 10 ms while it runs), not `wait4`'s `ru_maxrss`: after a vfork-style spawn,
/// Linux carries the parent's high-water mark into the child's `ru_maxrss`
/// at `exec`, which made a 1M-resource sync look like it held the benchmark's own memory.
struct ChildProcess {
    var status: Int32
    var seconds: Double
    var peakResidentBytes: Int
    var output: String

    /// Runs `path` with `arguments`; stdout and stderr go to a file that is read back.
    static func run(_ path: String, _ arguments: [String]) throws -> ChildProcess {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString).log").path
        defer { unlink(log) }
        let started = ContinuousClock.now
        let pid = try SpawnedChild(path, arguments, environment: ProcessInfo.processInfo.environment, stdout: log, stderr: nil).pid
        var status: Int32 = 0
        var peak = 0
        while true {
            let waited = waitpid(pid, &status, WNOHANG)
            if waited == pid || (waited < 0 && errno != EINTR) { break }
            peak = max(peak, highWaterMark(pid) ?? 0)
            usleep(10_000)
        }
        let elapsed = ContinuousClock.now - started
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return ChildProcess(status: exitCode, seconds: elapsed.seconds, peakResidentBytes: peak, output: output)
    }

    /// The process's peak resident memory so far, in bytes (`VmHWM`), or nil once it has gone.
    static func highWaterMark(_ pid: pid_t) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int(line.dropFirst("VmHWM:".count).trimmingCharacters(in: .whitespaces).dropLast(3)
                .trimmingCharacters(in: .whitespaces))
        else { return nil }
        return kilobytes * 1024
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}


/// The median of some measurements.
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}
