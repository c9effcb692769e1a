import Foundation
import Reliability
import GRDB
import Simulator
@testable import StocktakeKit
import Testing

/// A full disk is reported as one, with what to free, and loses nothing.
@Suite("A full disk")
struct DiskFullTests {
    /// Mounts a small tmpfs (root only) for the body, and unmounts it after.
    static func withSmallDisk(megabytes: Int, _ body: (String) async throws -> Void) async throws -> Bool {
        let mountPoint = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-full-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: mountPoint) }
        guard getuid() == 0, await run("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", mountPoint]) == 0 else {
            return false
        }
        do {
            try await body(mountPoint)
        } catch {
            _ = await run("/usr/bin/umount", [mountPoint])
            throw error
        }
        _ = await run("/usr/bin/umount", [mountPoint])
        return true
    }

    static func run(_ tool: String, _ arguments: [String]) async -> Int32 {
        guard let child = try? SpawnedChild(tool, arguments, environment: ProcessInfo.processInfo.environment) else { return -1 }
        return await child.wait()
    }

    /// Fills the file system holding `folder` until about `leave` bytes are free.
    static func fill(_ folder: String, leaving leave: UInt64) throws {
        let free = StorageSpace.freeBytes(near: folder + "/x") ?? 0
        guard free > leave else { return }
        FileManager.default.createFile(atPath: folder + "/filler", contents: Data(count: Int(free - leave)))
    }

    @Test("Scopes that find no space fail with \"disk is full\", the inventory stays whole, and the next sync settles")
    func diskFull() async throws {
        let fleet = FleetConfiguration(seed: 23, servers: 80, drives: 160, zones: SyncHarness.zones)
        let simulator = try FleetSimulator(configuration: fleet)
        let mounted = try await Self.withSmallDisk(megabytes: 48) { folder in
            try await SimulatorServer.withRunning(simulator) { baseURL in
                let harness = SyncHarness(
                    simulator: simulator, baseURL: baseURL, databasePath: folder + "/db/inventory.sqlite",
                    configuration: SyncHarness.configuration(baseURL: baseURL, zones: fleet.zones, pageSize: 10, maxRetries: 1))
                try await harness.sync()
                let before = try harness.read { db in try Row.fetchAll(db, sql: "SELECT * FROM drives ORDER BY account, id").map(\.description) }
                try simulator.advanceEpoch(churn: 0.6)
                try Self.fill(folder, leaving: 160 << 10)
                let report = try await harness.sync()
                let failed = report.scopes.filter { $0.outcome == .failed }
                #expect(!failed.isEmpty, "with 160 KB free, some scope cannot be staged or applied")
                #expect(failed.allSatisfy { $0.error?.contains("is full") == true && $0.error?.contains("free space") == true },
                        "\(failed.map(\.line))")
                #expect(!failed.contains { $0.error?.contains("malformed") == true })
                let status = try ReadOnlyInventory(path: harness.databasePath).status()
                #expect(status.contains { $0.lastError?.contains("is full") == true }, "status shows the full disk")
                let check = try harness.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") }
                #expect(check == "ok")
                if report.applied == 0 {
                    #expect(try harness.read { db in try Row.fetchAll(db, sql: "SELECT * FROM drives ORDER BY account, id").map(\.description) } == before)
                }
                try FileManager.default.removeItem(atPath: folder + "/filler")
                #expect(try await harness.sync().exitCode == 0)
                let stored = try harness.read { try ExpectedInventory(database: $0) }
                ExpectedInventory.expectEqual(stored, ExpectedInventory(simulator.groundTruth()))
            }
        }
        if !mounted {
            print("note: the disk-full test needs root and tmpfs mounts; not run here")
        }
    }
}
