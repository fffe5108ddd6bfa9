import AlChainSolver
import Foundation

/// Merges the folders of a sharded batch into what one machine's batch of the same set writes: every scenario's
/// folder, `summary.csv` and the JUnit XML byte for byte, plus a merged `batch-manifest.json`. Refuses, listing
/// each, scenarios that are missing, solved twice, or solved twice from different inputs.
public enum BatchMerge {
    /// Why shards cannot be merged.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public enum Kind: String, Sendable {
            /// A scenario of the set that no shard folder finished.
            case missing
            /// A scenario finished in more than one shard folder from the same inputs.
            case duplicate
            /// A scenario finished in more than one shard folder from different inputs or solver options.
            case conflict
            /// Shard folders cut from different scenario sets, base data or CSV options.
            case mismatch
        }
        public var kind: Kind
        /// The scenario, for missing, duplicate and conflict.
        public var scenario: String?
        public var detail: String

        public var description: String { "\(kind.rawValue): " + (scenario.map { "\($0) — " } ?? "") + detail }
    }

    /// The shards do not form the set exactly; every problem found, scenarios in batch order.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public var problems: [Problem]
        public var description: String {
            "cannot merge: \(problems.count) problem\(problems.count == 1 ? "" : "s")\n" + problems.map { "  \($0)" }.joined(separator: "\n")
        }
    }

    /// A shard folder that cannot be read: missing, or not written by `alchain batch`.
    public struct UnreadableShard: Error, Sendable, CustomStringConvertible {
        public var directory: String
        public var reason: String
        public var description: String { "\(directory): \(reason)" }
    }

    /// A shard folder and its batch manifest.
    public struct ShardFolder: Sendable {
        public var directory: String
        public var manifest: BatchManifest
    }

    /// What a merge wrote.
    public struct Merged: Sendable {
        /// Every scenario's outcome, in batch order.
        public var outcomes: [ScenarioOutcome]
        public var manifest: BatchManifest
    }

    /// Reads the batch manifest of each folder.
    public static func read(_ directories: [String]) throws -> [ShardFolder] {
        try directories.map { dir in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw UnreadableShard(directory: dir, reason: "no such folder")
            }
            let manifest: BatchManifest?
            do {
                manifest = try BatchManifest.read(from: dir)
            } catch {
                throw UnreadableShard(directory: dir, reason: "\(BatchManifest.fileName) is not a batch manifest: \(error)")
            }
            guard let manifest else {
                throw UnreadableShard(directory: dir, reason: "no \(BatchManifest.fileName): not a folder written by `alchain batch`")
            }
            return ShardFolder(directory: dir, manifest: manifest)
        }
    }

    /// Checks that the shards cover their set exactly once; returns, per scenario in batch order, the folder that
    /// holds it and its outcome.
    public static func check(_ shards: [ShardFolder]) throws(Refusal) -> [(scenario: String, directory: String, outcome: ScenarioOutcome)] {
        guard let first = shards.first else { throw Refusal(problems: [Problem(kind: .mismatch, detail: "no shard folders given")]) }
        var problems: [Problem] = []
        for other in shards.dropFirst() {
            problems += mismatches(first, other)
        }
        if !problems.isEmpty { throw Refusal(problems: problems) }

        // Every finished scenario folder of every shard, by scenario.
        var found: [String: [(directory: String, outcome: ScenarioOutcome, manifest: RunManifest)]] = [:]
        for shard in shards {
            for name in shard.manifest.scenarios {
                if let done = BatchRunner.finished(BatchRunner.directory(name, in: shard.directory)) {
                    found[name, default: []].append((shard.directory, done.outcome, done.manifest))
                }
            }
        }
        let given = Set(shards.map(\.manifest.shard))
        var merged: [(String, String, ScenarioOutcome)] = []
        for name in first.manifest.setScenarios {
            let copies = found[name] ?? []
            switch copies.count {
            case 0:
                problems.append(Problem(kind: .missing, scenario: name, detail: whyMissing(name, shards: shards, given: given)))
            case 1:
                merged.append((name, copies[0].directory, copies[0].outcome))
            default:
                let differences = copies.dropFirst().flatMap { differencesOfInputs(copies[0].manifest, $0.manifest) }
                let places = copies.map(\.directory).joined(separator: " and ")
                if differences.isEmpty {
                    problems.append(Problem(kind: .duplicate, scenario: name, detail: "solved in \(places); give each shard once"))
                } else {
                    problems.append(Problem(kind: .conflict, scenario: name,
                                            detail: "solved from different inputs in \(places): " + Array(Set(differences)).sorted().joined(separator: "; ")))
                }
            }
        }
        if !problems.isEmpty { throw Refusal(problems: problems) }
        return merged
    }

    /// Checks the shards, then writes the merged batch into `output` (scenario folders copied, summary.csv, the
    /// JUnit XML to `junit` when given, batch-manifest.json). Nothing is written when the check fails.
    public static func merge(_ shards: [ShardFolder], into output: String, junit: String?) throws -> Merged {
        let entries = try check(shards)
        let fm = FileManager.default
        do {
            try fm.createDirectory(atPath: output, withIntermediateDirectories: true)
        } catch {
            throw ModelError(.cannotWrite, "cannot create the output folder: \(error.localizedDescription)", file: output)
        }
        for entry in entries {
            try copyScenarioFolder(BatchRunner.directory(entry.scenario, in: entry.directory), to: BatchRunner.directory(entry.scenario, in: output))
        }
        let outcomes = entries.map(\.outcome)
        let first = shards[0].manifest
        try BatchRunner.writeSummary(outcomes, to: output, junit: junit, excelBOM: first.excelBOM)
        var manifest = first
        manifest.host = ProcessInfo.processInfo.hostName
        manifest.shard = .whole
        manifest.shardSource = nil
        manifest.scenarios = first.setScenarios
        manifest.started = BatchManifest.now()
        manifest.finished = manifest.started
        manifest.wallSeconds = nil  // each shard's wall time and memory are in `merged`
        manifest.peakRSSKiB = nil
        manifest.merged = shards.map {
            .init(directory: $0.directory, shard: $0.manifest.shard, shardSource: $0.manifest.shardSource, host: $0.manifest.host,
                  scenarios: $0.manifest.scenarios.count, wallSeconds: $0.manifest.wallSeconds, peakRSSKiB: $0.manifest.peakRSSKiB)
        }
        try manifest.write(to: output)
        return Merged(outcomes: outcomes, manifest: manifest)
    }

    /// What makes two shard folders unmergeable whatever their scenarios: another set, other base data, other CSV options.
    static func mismatches(_ a: ShardFolder, _ b: ShardFolder) -> [Problem] {
        var problems: [Problem] = []
        if a.manifest.setScenarios != b.manifest.setScenarios {
            let sa = Set(a.manifest.setScenarios), sb = Set(b.manifest.setScenarios)
            problems.append(Problem(kind: .mismatch, detail: "\(a.directory) and \(b.directory) were cut from different scenario sets (only in the first: "
                + list(a.manifest.setScenarios.filter { !sb.contains($0) }) + "; only in the second: " + list(b.manifest.setScenarios.filter { !sa.contains($0) }) + ")"))
        }
        let files = differingKeys(a.manifest.baseInputs, b.manifest.baseInputs)
        if !files.isEmpty {
            problems.append(Problem(kind: .mismatch, detail: "\(a.directory) and \(b.directory) were solved from different base data: \(files.joined(separator: ", ")) differ"))
        }
        if a.manifest.excelBOM != b.manifest.excelBOM {
            problems.append(Problem(kind: .mismatch, detail: "\(a.directory) and \(b.directory) differ in --excel (byte-order mark)"))
        }
        return problems
    }

    /// How two runs of one scenario differ in what decides its result: input files, overrides, solver options.
    static func differencesOfInputs(_ a: RunManifest, _ b: RunManifest) -> [String] {
        var out = differingKeys(a.inputHashes, b.inputHashes).map { "\($0) differs (SHA-256)" }
        if a.overrides != b.overrides { out.append("the overrides differ") }
        for key in differingKeys(a.solver, b.solver) {
            out.append("solver \(key): \(a.solver[key] ?? "unset") vs \(b.solver[key] ?? "unset")")
        }
        return out
    }

    static func differingKeys(_ a: [String: String], _ b: [String: String]) -> [String] {
        Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
    }

    static func whyMissing(_ name: String, shards: [ShardFolder], given: Set<Shard>) -> String {
        if let holder = shards.first(where: { $0.manifest.scenarios.contains(name) }) {
            return "shard \(holder.manifest.shard) (\(holder.directory)) did not finish it; rerun that shard with --resume"
        }
        let counts = Set(given.map(\.count))
        if counts.count == 1, let n = counts.first {
            let owner = Shard.assignment(shards[0].manifest.setScenarios, count: n)[name] ?? 0
            return "it belongs to shard \(owner)/\(n), which was not given"
        }
        return "no shard given holds it"
    }

    static func list(_ names: [String]) -> String { names.isEmpty ? "none" : names.joined(separator: ", ") }

    /// Copies a scenario folder (its final files only, not temporaries) into place: into a hidden sibling first,
    /// then renamed over any earlier copy, so the output never holds a half-copied folder.
    static func copyScenarioFolder(_ source: String, to destination: String) throws {
        let fm = FileManager.default
        let staging = AtomicPath(destination).temporaryPath
        do {
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
            for file in try fm.contentsOfDirectory(atPath: source).sorted() where !file.hasPrefix(".") {
                try fm.copyItem(atPath: (source as NSString).appendingPathComponent(file), toPath: (staging as NSString).appendingPathComponent(file))
            }
            if fm.fileExists(atPath: destination) { try fm.removeItem(atPath: destination) }
            try fm.moveItem(atPath: staging, toPath: destination)
        } catch {
            try? fm.removeItem(atPath: staging)
            throw ModelError(.cannotWrite, "cannot copy \(source): \(error.localizedDescription)", file: destination)
        }
    }
}
