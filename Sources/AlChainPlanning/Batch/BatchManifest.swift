import AlChainSolver
import Crypto
import Foundation

/// The batch-level manifest, `batch-manifest.json` in a batch's (or shard's, or merge's) output folder: which
/// set of scenarios the run was cut from, which of them it solved, from which base data, where and how long.
/// Written when the run starts (so an unfinished shard is recognisable) and again when it ends.
public struct BatchManifest: Codable, Sendable, Equatable {
    /// The file name inside the output folder.
    public static let fileName = "batch-manifest.json"

    public var alchainVersion: String
    public var glpkVersion: String
    /// The machine that ran it (`hostname`).
    public var host: String
    /// This run's shard; 1/1 for a whole batch.
    public var shard: Shard
    /// Where the shard came from (`--shard 2/3`, or the scheduler's variables); nil for a whole batch.
    public var shardSource: String?
    /// Every scenario of the set, in batch order (what a single machine would solve).
    public var setScenarios: [String]
    /// The scenarios this run solves, in batch order.
    public var scenarios: [String]
    /// SHA-256 of each base input file (Models/ and the inputs folder), by file name.
    public var baseInputs: [String: String]
    /// Whether CSV files carry a UTF-8 byte-order mark (`--excel`).
    public var excelBOM: Bool
    /// ISO 8601 UTC start time.
    public var started: String
    /// ISO 8601 UTC end time; nil while running (or if the run was killed).
    public var finished: String?
    /// Wall time of the run, seconds.
    public var wallSeconds: Double?
    /// Peak resident memory of the process, KiB (`getrusage`), to size a scheduler's memory request.
    public var peakRSSKiB: Int?
    /// For a merge: the shards merged.
    public var merged: [MergedShard]?

    /// One shard folder of a merge.
    public struct MergedShard: Codable, Sendable, Equatable {
        public var directory: String
        public var shard: Shard
        public var shardSource: String?
        public var host: String
        public var scenarios: Int
        public var wallSeconds: Double?
        public var peakRSSKiB: Int?
    }

    /// A manifest for a run starting now.
    public init(alchainVersion: String, selection: Shard.Selection?, setScenarios: [String], scenarios: [String],
                baseInputs: [String: String], excelBOM: Bool) {
        self.alchainVersion = alchainVersion
        glpkVersion = Solver.glpkVersion
        host = ProcessInfo.processInfo.hostName
        shard = selection?.shard ?? .whole
        shardSource = selection?.source
        self.setScenarios = setScenarios
        self.scenarios = scenarios
        self.baseInputs = baseInputs
        self.excelBOM = excelBOM
        started = Self.now()
    }

    /// Marks the run finished: end time, wall time since `start` (a monotonic clock reading) and peak memory.
    public mutating func finish(since start: ContinuousClock.Instant) {
        finished = Self.now()
        let elapsed = ContinuousClock.now - start
        wallSeconds = ((Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18) * 1000).rounded() / 1000
        peakRSSKiB = Self.peakRSSKiB()
    }

    /// Writes the manifest atomically into `directory`.
    public func write(to directory: String) throws {
        try AtomicPath.write(try BatchRunner.jsonEncoder().encode(self), to: (directory as NSString).appendingPathComponent(Self.fileName))
    }

    /// Reads `directory/batch-manifest.json`; nil when the file does not exist.
    public static func read(from directory: String) throws -> BatchManifest? {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try BatchRunner.jsonDecoder().decode(BatchManifest.self, from: data)
    }

    /// The hashes of the base input files, keyed by file name (table names are unique across Models/ and the
    /// inputs folder), so that the same data in two checkouts or folders compares equal.
    public static func baseInputs(_ base: RawInputs) -> [String: String] {
        var hashes: [String: String] = [:]
        for file in base.tables.values.map(\.file) + [base.settings.file, base.metrics.file] {
            if let hash = BatchRunner.sha256(of: file) { hashes[(file as NSString).lastPathComponent] = hash }
        }
        return hashes
    }

    static func now() -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: Date())
    }

    static func peakRSSKiB() -> Int? {
        var usage = rusage()
        #if os(Linux)
        let who = RUSAGE_SELF.rawValue
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return nil }
        #if os(macOS)
        return Int(usage.ru_maxrss) / 1024  // bytes on macOS
        #else
        return Int(usage.ru_maxrss)  // KiB on Linux
        #endif
    }
}
