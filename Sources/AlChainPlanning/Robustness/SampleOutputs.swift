import AlChainIO
import AlChainSolver
import Foundation

/// The files a sample writes from its draws' records: `draws.csv`, `decisions.csv` and `percentiles.csv`. They hold
/// no times and are sorted, so the same seed gives byte-identical files whatever the number of threads.
public enum SampleOutputs {
    /// The files written, in order.
    public static let fileNames = ["draws.csv", "decisions.csv", "percentiles.csv"]
    /// A decision taken in at least this share of the draws with a plan (`DrawRecord.hasPlan`) belongs to the robust core.
    public static let robustShare = 0.9

    /// Headline keys that draws.csv gives columns of their own (or that name the run, not the plan).
    static let ownColumns: Set<String> = ["scenario", "status", "objective", "objective_million_yuan"]

    /// `draws.csv`: one row per draw — its drawn values, status, objective, headline figures, decisions and message.
    public static func draws(_ records: [DrawRecord], parameters: [UncertainParameter]) -> CSVWriter {
        var headlineKeys: [String] = []
        var seen = Set<String>()
        for r in records {
            for pair in r.headline where !ownColumns.contains(pair[0]) && seen.insert(pair[0]).inserted { headlineKeys.append(pair[0]) }
        }
        var csv = CSVWriter(header: ["draw"] + parameters.map(\.key) + ["status", "objective_million_yuan"] + headlineKeys + ["decisions", "message"])
        for r in records {
            let headline = Dictionary(r.headline.map { ($0[0], $0[1]) }, uniquingKeysWith: { a, _ in a })
            var row: [String] = ["\(r.draw)"]
            row += r.values.map { CSVWriter.number($0, decimals: 6) }
            row += [r.status, r.objectiveMillionYuan.map { CSVWriter.number($0, decimals: 3) } ?? ""]
            row += headlineKeys.map { headline[$0] ?? "" }
            row += [r.decisions.joined(separator: " "), r.message ?? ""]
            csv.appendRow(row)
        }
        return csv
    }

    /// `decisions.csv`: every decision any draw with a plan takes, with the share of those draws taking it, whether
    /// it is robust (≥ 90 %) and whether the plan of the point data (`base`) takes it; robust first, then by share.
    public static func decisions(_ records: [DrawRecord], base: Set<String>) -> CSVWriter {
        var (feasible, count) = shares(records)
        for key in base where count[key] == nil { count[key] = 0 }
        var csv = CSVWriter(header: ["decision", "unit", "year", "draws_taking", "feasible_draws", "share", "robust", "in_point_plan"])
        let order = count.keys.sorted { (count[$0]!, $1) > (count[$1]!, $0) }
        for key in order {
            let parts = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            let share = feasible == 0 ? 0 : Double(count[key]!) / Double(feasible)
            csv.appendRow(parts + ["\(count[key]!)", "\(feasible)", CSVWriter.number(share, decimals: 4),
                                   share >= robustShare ? "yes" : "no", base.contains(key) ? "yes" : "no"])
        }
        return csv
    }

    /// The number of draws with a plan (optimal, or stopped at the time limit with one) and, per decision key, how
    /// many of them take it.
    public static func shares(_ records: [DrawRecord]) -> (feasible: Int, count: [String: Int]) {
        let feasible = records.filter(\.hasPlan)
        var count: [String: Int] = [:]
        for r in feasible { for key in Set(r.decisions) { count[key, default: 0] += 1 } }
        return (feasible.count, count)
    }

    /// `percentiles.csv`: P5, P50 and P95 (nearest rank) with the minimum and maximum of every figure over the
    /// draws with a plan that have it.
    public static func percentiles(_ records: [DrawRecord]) -> CSVWriter {
        var values: [String: [Double]] = [:]
        for r in records where r.hasPlan { for (k, v) in r.figures { values[k, default: []].append(v) } }
        var csv = CSVWriter(header: ["quantity", "key", "year", "unit", "draws", "min", "p5", "p50", "p95", "max"])
        for key in values.keys.sorted() {
            let xs = values[key]!.sorted()
            func rank(_ p: Double) -> String { CSVWriter.number(xs[max(0, Int((p * Double(xs.count)).rounded(.up)) - 1)], decimals: 3) }
            csv.appendRow(key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                + ["\(xs.count)", rank(0), rank(0.05), rank(0.5), rank(0.95), CSVWriter.number(xs.last!, decimals: 3)])
        }
        return csv
    }

    /// Draws by status, and the infeasible draws' conflicts (the targets that cannot hold together) by how often.
    public static func statusCounts(_ records: [DrawRecord]) -> (byStatus: [String: Int], conflicts: [(String, Int)]) {
        var byStatus: [String: Int] = [:], conflicts: [String: Int] = [:]
        for r in records {
            byStatus[r.status, default: 0] += 1
            if r.status != "optimal" { conflicts[r.message ?? r.status, default: 0] += 1 }
        }
        return (byStatus, conflicts.sorted { ($0.value, $1.key) > ($1.value, $0.key) })
    }

    /// Writes the three files into `directory`, atomically.
    public static func write(_ records: [DrawRecord], parameters: [UncertainParameter], base: Set<String>, to directory: String) throws {
        let files = [draws(records, parameters: parameters), decisions(records, base: base), percentiles(records)]
        for (name, csv) in zip(fileNames, files) {
            try AtomicPath.write(csv.data(excelBOM: false), to: (directory as NSString).appendingPathComponent(name))
        }
    }
}

/// `sample-manifest.json`: what a sample drew and from which data, where, how long and how it went. Written when
/// the run starts and again when it ends; `--resume` refuses a folder whose manifest drew something else.
public struct SampleManifest: Codable, Sendable, Equatable {
    public static let fileName = "sample-manifest.json"

    public var alchainVersion: String
    public var glpkVersion: String
    public var host: String
    public var scenario: String
    public var seed: UInt64
    public var draws: Int
    /// The uncertainty file and its SHA-256.
    public var uncertaintyFile: String
    public var uncertaintySHA256: String
    /// Each parameter: key, scale, distribution and where it is defined.
    public var parameters: [String]
    /// Whether draws were drawn towards the point-data plan (the closest-plan stage).
    public var closestPlan: Bool
    public var baseInputs: [String: String]
    public var started: String
    public var finished: String?
    public var wallSeconds: Double?
    public var peakRSSKiB: Int?
    /// Draws by status, once finished.
    public var statusCounts: [String: Int]?

    public init(alchainVersion: String, scenario: String, seed: UInt64, draws: Int, uncertaintyFile: String, parameters: [UncertainParameter],
                closestPlan: Bool, base: RawInputs) {
        self.alchainVersion = alchainVersion
        glpkVersion = Solver.glpkVersion
        host = ProcessInfo.processInfo.hostName
        self.scenario = scenario
        self.seed = seed
        self.draws = draws
        self.uncertaintyFile = uncertaintyFile
        uncertaintySHA256 = BatchRunner.sha256(of: uncertaintyFile) ?? ""
        self.parameters = parameters.map { "\($0.key) \($0.scale.rawValue) \($0.distribution.rawValue) (\($0.origin))" }
        self.closestPlan = closestPlan
        baseInputs = BatchManifest.baseInputs(base)
        started = BatchManifest.now()
    }

    /// Whether `other` (an earlier run's manifest) drew the same draws: the same scenario, seed, count, parameters and data.
    public func drawsSame(as other: SampleManifest) -> Bool {
        (scenario, seed, draws, uncertaintySHA256) == (other.scenario, other.seed, other.draws, other.uncertaintySHA256)
            && (parameters, closestPlan, baseInputs) == (other.parameters, other.closestPlan, other.baseInputs)
    }

    /// Marks the run finished.
    public mutating func finish(since start: ContinuousClock.Instant, records: [DrawRecord]) {
        var batch = BatchManifest(alchainVersion: alchainVersion, selection: nil, setScenarios: [], scenarios: [], baseInputs: [:], excelBOM: false)
        batch.finish(since: start)
        (finished, wallSeconds, peakRSSKiB) = (batch.finished, batch.wallSeconds, batch.peakRSSKiB)
        statusCounts = SampleOutputs.statusCounts(records).byStatus
    }

    public func write(to directory: String) throws {
        try AtomicPath.write(try BatchRunner.jsonEncoder().encode(self), to: (directory as NSString).appendingPathComponent(Self.fileName))
    }

    public static func read(from directory: String) -> SampleManifest? {
        FileManager.default.contents(atPath: (directory as NSString).appendingPathComponent(fileName))
            .flatMap { try? BatchRunner.jsonDecoder().decode(SampleManifest.self, from: $0) }
    }
}
