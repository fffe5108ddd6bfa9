import Foundation
import Testing

@testable import AlChainServer

/// The run store: a run appears only when complete, survives a restart, and no client text names a file.
struct RunStoreTests {
    func temporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("alchain-runstore-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func entry(_ id: String) -> RunStore.Entry {
        RunStore.Entry(id: id, created: "2026-12-01T00:00:00Z", scenario: nil, set: ["targets.a.value": "1"], status: "optimal", objective: 1, files: [])
    }

    @Test func aRunIsListedOnlyWhenCommittedAndAgainAfterARestart() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try RunStore(directory: dir)
        let (id, folder) = try store.begin()
        try Data("a,b\r\n".utf8).write(to: URL(fileURLWithPath: folder + "/flows.csv"))
        try Data("secret".utf8).write(to: URL(fileURLWithPath: folder + "/notes.txt"))
        #expect(store.all.isEmpty && store.entry(id) == nil)
        let unfinished = try store.begin()  // never committed: as if the server were killed mid-run
        try store.commit(entry(id), folder: folder)
        #expect(store.all.map(\.id) == [id])
        #expect(store.entry(id)?.files == ["flows.csv"])
        #expect(store.file(id, "flows.csv") == dir + "/\(id)/flows.csv")
        #expect(store.file(id, "notes.txt") == nil && store.file(id, "run.json") == nil && store.file(id, "../../etc/passwd") == nil)

        let reopened = try RunStore(directory: dir)
        #expect(reopened.all.map(\.id) == [id])
        #expect(!FileManager.default.fileExists(atPath: unfinished.folder))
        let next = try reopened.begin()
        #expect(next.id > id && next.id.hasPrefix("0002-"))  // the unfinished run's number is free again
    }

    @Test func runIDsAreASequenceNumberAndSixHexDigitsOnly() {
        #expect(RunStore.isRunID("0001-a3f09c"))
        for bad in ["", "../etc", "0001-A3F09C", "0001-a3f09", "1-a3f09c", "0001-a3f09c/..", "0001-a3f09c-1", "٠٠٠١-a3f09c"] {
            #expect(!RunStore.isRunID(bad), "\(bad)")
        }
    }
}
