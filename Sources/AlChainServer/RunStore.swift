import Foundation

/// The runs made from the server, one folder each under `out/runs/<id>/`. A run is written into a hidden
/// temporary folder and renamed into place when complete, so a killed server leaves only complete runs (and
/// temporary folders, removed at the next start); a restart lists the runs made before.
final class RunStore: @unchecked Sendable {
    /// What the history shows of one run (also `run.json` in its folder, with the full answer beside it).
    struct Entry: Codable, Sendable {
        var id: String
        var created: String
        var scenario: String?
        var set: [String: String]
        var status: String
        var objective: Double?
        var files: [String]
    }

    /// The files of a run a client may download, by name; nothing else in a run folder is served.
    static let downloadable: Set<String> = [
        "report.html", "plan.xlsx", "flows.csv", "capacity.csv", "compliance.csv", "rules.csv", "costs.csv", "power.csv",
        "power_use.csv", "clusters.csv", "summary.csv", "decisions.csv", "names.csv", "manifest.json", "answer.json",
    ]

    let directory: String
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var next = 1

    /// Opens (creating) `directory`, removes unfinished temporary folders and indexes the complete runs.
    init(directory: String) throws {
        self.directory = directory
        let fm = FileManager.default
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for name in try fm.contentsOfDirectory(atPath: directory) {
            let path = (directory as NSString).appendingPathComponent(name)
            if name.hasPrefix(".tmp-") { try? fm.removeItem(atPath: path); continue }
            guard RunStore.isRunID(name), let data = fm.contents(atPath: (path as NSString).appendingPathComponent("run.json")),
                  let entry = try? JSONDecoder().decode(Entry.self, from: data) else { continue }
            entries[entry.id] = entry
            next = max(next, (Int(name.prefix { $0 != "-" }) ?? 0) + 1)
        }
    }

    /// A run id: a sequence number and six hex digits; anything else from a client is refused before any file is opened.
    static func isRunID(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && parts[0].count >= 4 && parts[0].allSatisfy(\.isASCII) && parts[0].allSatisfy(\.isNumber)
            && parts[1].count == 6 && parts[1].allSatisfy(\.isHexDigit) && parts[1] == parts[1].lowercased()
    }

    /// Every complete run, oldest first.
    var all: [Entry] {
        lock.lock(); defer { lock.unlock() }
        return entries.values.sorted { $0.id < $1.id }
    }

    /// The run with this id, if it is complete.
    func entry(_ id: String) -> Entry? {
        guard RunStore.isRunID(id) else { return nil }
        lock.lock(); defer { lock.unlock() }
        return entries[id]
    }

    /// The folder of a complete run.
    func folder(_ id: String) -> String? {
        entry(id).map { (directory as NSString).appendingPathComponent($0.id) }
    }

    /// The path of a downloadable file of a complete run, or nil (unknown run, name not downloadable, or absent).
    func file(_ id: String, _ name: String) -> String? {
        guard RunStore.downloadable.contains(name), let entry = entry(id), entry.files.contains(name), let folder = folder(id) else { return nil }
        return (folder as NSString).appendingPathComponent(name)
    }

    /// A new run id and its temporary folder; `write` fills the folder, then `commit` publishes it.
    func begin() throws -> (id: String, folder: String) {
        lock.lock()
        let n = next
        next += 1
        lock.unlock()
        let id = String(format: "%04d-%06x", n, UInt32.random(in: 0..<0x1000000))
        let folder = (directory as NSString).appendingPathComponent(".tmp-\(id)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return (id, folder)
    }

    /// Writes `run.json` last into the temporary folder, then renames the folder into place (atomic on one file system).
    func commit(_ entry: Entry, folder: String) throws {
        let entry = try RunStore.writeEntry(entry, folder: folder)
        let final = (directory as NSString).appendingPathComponent(entry.id)
        guard rename(folder, final) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: final, NSLocalizedDescriptionKey: "cannot rename \(folder) to \(final): \(String(cString: strerror(errno)))"])
        }
        lock.lock()
        entries[entry.id] = entry
        lock.unlock()
    }

    /// Records files added to a complete run later (report.html and plan.xlsx, written on first download).
    func noteFiles(_ id: String) {
        guard let old = entry(id), let folder = folder(id), let entry = try? RunStore.writeEntry(old, folder: folder) else { return }
        lock.lock()
        entries[id] = entry
        lock.unlock()
    }

    /// `entry` with the folder's downloadable files listed, written as the folder's `run.json` (atomically).
    static func writeEntry(_ entry: Entry, folder: String) throws -> Entry {
        var entry = entry
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        entry.files = names.filter { RunStore.downloadable.contains($0) }.sorted()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        try encoder.encode(entry).write(to: URL(fileURLWithPath: (folder as NSString).appendingPathComponent("run.json")), options: .atomic)
        return entry
    }

    /// Removes an unfinished temporary folder (after a failure).
    func abandon(folder: String) { try? FileManager.default.removeItem(atPath: folder) }
}
