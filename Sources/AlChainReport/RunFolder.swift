import AlChainIO
import Foundation

/// A plan's run folder (`solve --out` or one scenario of a batch) read back from its CSV files, plus
/// `manifest.json` and `outcome.json` where present. Every number comes from these files.
public struct RunFolder: Sendable {
    /// One row of `flows.csv`.
    public struct Flow: Sendable {
        public var year: Int
        public var kind, cluster, park, unit, process, commodity, origin, destination, mode: String
        public var tonnes: Double
    }
    /// One row of `capacity.csv`.
    public struct Capacity: Sendable {
        public var year: Int
        public var unit, nameZh, origin, cluster, park, process, stage: String
        public var initialT, keptT, builtT, retiredT, capacityT, outputT: Double
    }
    /// One row of `compliance.csv`.
    public struct Target: Sendable {
        public var target, metric, scope, op, unit, source: String
        public var year: Int
        public var required, achieved: Double
        public var met, binding: Bool
        public var shadowPrice, holdsFrom, holdsTo: Double?
    }
    /// One row of `rules.csv`.
    public struct Rule: Sendable {
        public var rule, scope, description: String
        public var year: Int?
        public var valueT, limitT: Double
        public var met: Bool
    }
    /// One row of `costs.csv`.
    public struct Cost: Sendable {
        public var year: Int
        public var category: String
        public var millionYuan, discountedMillionYuan: Double
    }
    /// One row of `power.csv`.
    public struct Power: Sendable {
        public var year: Int
        public var cluster, source: String
        public var gwh: Double
        public var clean: Bool
        public var co2Kt: Double
    }
    /// One row of `clusters.csv`.
    public struct ClusterYear: Sendable {
        public var year: Int
        public var cluster: String
        public var outputValueYi, processCO2Kt, powerCO2Kt: Double
    }
    /// One row of `decisions.csv` (written by `solve --out` and `batch` since the report exists).
    public struct DecisionRow: Sendable {
        public var year: Int
        public var decision, unit, nameZh, nameEn, cluster, park, process, project, cellClass, source: String
        public var cellKA, acKWhPerT, units, capexMillionYuan: Double?
        public var capacityT: Double
    }
    /// `manifest.json`: versions, input hashes, overrides and solver settings. The JSON of AlChainPlanning's
    /// `RunManifest`, decoded here on its own so that the report depends on the files, not on the GLPK layers.
    public struct Manifest: Codable, Sendable {
        public var alchainVersion: String
        public var glpkVersion: String
        public var scenario: String
        public var inputHashes: [String: String]
        public var overrides: [String]
        public var solver: [String: String]
    }
    /// The part of `outcome.json` the report shows.
    public struct Outcome: Codable, Sendable {
        public var name: String
        public var description: String
        public var expect: String
        public var status: String
        public var message: String?

        public init(name: String, description: String, expect: String, status: String, message: String?) {
            self.name = name
            self.description = description
            self.expect = expect
            self.status = status
            self.message = message
        }
    }

    /// The folder's path.
    public var path: String
    public var flows: [Flow] = []
    public var capacity: [Capacity] = []
    public var targets: [Target] = []
    public var rules: [Rule] = []
    public var costs: [Cost] = []
    public var power: [Power] = []
    public var clusters: [ClusterYear] = []
    /// `summary.csv` as (key, value) pairs in file order.
    public var summary: [(key: String, value: String)] = []
    /// `decisions.csv`, or `nil` for a folder written before it existed.
    public var decisionRows: [DecisionRow]?
    /// Names from `names.csv` (ids shown as they are when it is missing).
    public var names = Names()
    public var manifest: Manifest?
    public var outcome: Outcome?

    /// The files the report cannot do without.
    public static let requiredFiles = ["flows.csv", "capacity.csv", "compliance.csv", "rules.csv", "costs.csv", "power.csv", "clusters.csv", "summary.csv"]

    /// The plan's years, ascending.
    public var years: [Int] { Array(Set(capacity.map(\.year))).sorted() }

    /// A value of `summary.csv`.
    public func summaryValue(_ key: String) -> String? { summary.first { $0.key == key }?.value }

    /// The scenario's name (summary.csv, else the folder's name).
    public var scenario: String { summaryValue("scenario") ?? (path as NSString).lastPathComponent }

    /// Reads a run folder; a missing required file or a malformed row is a `DataError` naming file, line and column.
    public static func read(_ path: String) throws -> RunFolder {
        var texts: [String: String] = [:]
        for name in requiredFiles + ["decisions.csv", "names.csv"] {
            let file = (path as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: file) else { continue }
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                throw DataError(file: file, expected: "a readable UTF-8 CSV file", found: "unreadable bytes", rule: "encoding")
            }
            texts[name] = text
        }
        var run = try RunFolder(path: path, files: texts)
        let decoder = JSONDecoder()
        for (name, assign) in [("manifest.json", { (d: Data) throws in run.manifest = try decoder.decode(Manifest.self, from: d) }),
                               ("outcome.json", { (d: Data) throws in run.outcome = try decoder.decode(Outcome.self, from: d) })] {
            let file = (path as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            do { try assign(data) } catch {
                throw DataError(file: file, expected: "the JSON that alchain writes", found: "\(error)", rule: "malformed-json")
            }
        }
        return run
    }

    /// A run folder from CSV texts by file name (as `solve` holds them before writing); `path` names it in errors.
    public init(path: String, files: [String: String]) throws(DataError) {
        try self.init(path: path, files: files, reading: nil)
    }

    /// The part of a run folder its decisions are listed from (`Decision.of`): capacity, decisions, costs and
    /// names; the other tables stay empty and unread (the explorer lists each answer's decisions this way).
    public static func decisions(path: String, files: [String: String]) throws(DataError) -> RunFolder {
        try RunFolder(path: path, files: files, reading: ["capacity.csv", "decisions.csv", "costs.csv", "names.csv"])
    }

    /// `reading`: the files to read (`nil`: all); a required file outside it is neither read nor required.
    init(path: String, files: [String: String], reading: Set<String>?) throws(DataError) {
        self.path = path
        func table(_ name: String) throws(DataError) -> CSVTable? {
            guard reading?.contains(name) ?? true, let text = files[name] else { return nil }
            return try CSVTable.parse(text, file: (path as NSString).appendingPathComponent(name))
        }
        func required(_ name: String, _ columns: [String]) throws(DataError) -> CSVTable? {
            guard reading?.contains(name) ?? true else { return nil }
            guard let t = try table(name) else {
                throw DataError(file: (path as NSString).appendingPathComponent(name), expected: "the plan's \(name) (alchain solve --out writes it)", found: "no such file", rule: "missing-file")
            }
            try t.require(columns)
            return t
        }
        func optional(_ row: CSVTable.Row, _ column: String) throws(DataError) -> Double? { try row.optionalNumber(column) }
        // A shadow price's range may be open: the CSV writes inf / -inf.
        func bound(_ row: CSVTable.Row, _ column: String) throws(DataError) -> Double? {
            switch try row.text(column) {
            case "inf": return .infinity
            case "-inf": return -.infinity
            default: return try row.optionalNumber(column)
            }
        }
        for r in try required("flows.csv", ["year", "kind", "cluster", "park", "unit", "process", "commodity", "origin", "destination", "mode", "tonnes"])?.rows ?? [] {
            flows.append(Flow(year: try r.integer("year"), kind: try r.text("kind"), cluster: try r.text("cluster"), park: try r.text("park"), unit: try r.text("unit"),
                              process: try r.text("process"), commodity: try r.text("commodity"), origin: try r.text("origin"), destination: try r.text("destination"),
                              mode: try r.text("mode"), tonnes: try r.number("tonnes")))
        }
        for r in try required("capacity.csv", ["year", "unit", "name_zh", "origin", "cluster", "park", "process", "stage", "initial_t", "kept_t", "built_t", "retired_t", "capacity_t", "output_t"])?.rows ?? [] {
            capacity.append(Capacity(year: try r.integer("year"), unit: try r.text("unit"), nameZh: try r.text("name_zh"), origin: try r.text("origin"), cluster: try r.text("cluster"),
                                     park: try r.text("park"), process: try r.text("process"), stage: try r.text("stage"), initialT: try r.number("initial_t"),
                                     keptT: try r.number("kept_t"), builtT: try r.number("built_t"), retiredT: try r.number("retired_t"),
                                     capacityT: try r.number("capacity_t"), outputT: try r.number("output_t")))
        }
        for r in try required("compliance.csv", ["target", "metric", "scope", "year", "op", "required", "achieved", "unit", "met", "binding", "shadow_price_myuan", "price_holds_from", "price_holds_to", "source"])?.rows ?? [] {
            targets.append(Target(target: try r.text("target"), metric: try r.text("metric"), scope: try r.text("scope"), op: try r.text("op"), unit: try r.text("unit"),
                                  source: try r.text("source"), year: try r.integer("year"), required: try r.number("required"), achieved: try r.number("achieved"),
                                  met: try r.flag("met", default: false), binding: try r.flag("binding", default: false), shadowPrice: try optional(r, "shadow_price_myuan"),
                                  holdsFrom: try bound(r, "price_holds_from"), holdsTo: try bound(r, "price_holds_to")))
        }
        for r in try required("rules.csv", ["rule", "scope", "year", "value_t", "limit_t", "met", "description"])?.rows ?? [] {
            rules.append(Rule(rule: try r.text("rule"), scope: try r.text("scope"), description: try r.text("description"), year: try r.optionalInteger("year"),
                              valueT: try r.number("value_t"), limitT: try r.number("limit_t"), met: try r.flag("met", default: false)))
        }
        for r in try required("costs.csv", ["year", "category", "million_yuan", "discounted_million_yuan"])?.rows ?? [] {
            costs.append(Cost(year: try r.integer("year"), category: try r.text("category"), millionYuan: try r.number("million_yuan"),
                              discountedMillionYuan: try r.number("discounted_million_yuan")))
        }
        for r in try required("power.csv", ["year", "cluster", "source", "gwh", "clean", "co2_kt"])?.rows ?? [] {
            power.append(Power(year: try r.integer("year"), cluster: try r.text("cluster"), source: try r.text("source"), gwh: try r.number("gwh"),
                               clean: try r.flag("clean", default: false), co2Kt: try r.number("co2_kt")))
        }
        for r in try required("clusters.csv", ["year", "cluster", "output_value_yi_yuan", "process_co2_kt", "power_co2_kt"])?.rows ?? [] {
            clusters.append(ClusterYear(year: try r.integer("year"), cluster: try r.text("cluster"), outputValueYi: try r.number("output_value_yi_yuan"),
                                        processCO2Kt: try r.number("process_co2_kt"), powerCO2Kt: try r.number("power_co2_kt")))
        }
        for r in try required("summary.csv", ["key", "value"])?.rows ?? [] { summary.append((try r.text("key"), try r.text("value"))) }
        if let t = try table("decisions.csv") {
            try t.require(["year", "decision", "unit", "name_zh", "name_en", "cluster", "park", "process", "project", "cell_class", "cell_ka", "ac_kwh_per_t", "units", "capacity_t", "capex_million_yuan", "source"])
            decisionRows = []
            for r in t.rows {
                decisionRows!.append(DecisionRow(
                    year: try r.integer("year"), decision: try r.choice("decision", ["build", "retire", "buy_indices"]), unit: try r.text("unit"), nameZh: try r.text("name_zh"),
                    nameEn: try r.text("name_en"), cluster: try r.text("cluster"), park: try r.text("park"), process: try r.text("process"), project: try r.text("project"),
                    cellClass: try r.text("cell_class"), source: try r.text("source"), cellKA: try optional(r, "cell_ka"), acKWhPerT: try optional(r, "ac_kwh_per_t"),
                    units: try optional(r, "units"), capexMillionYuan: try optional(r, "capex_million_yuan"), capacityT: try r.number("capacity_t")))
            }
        }
        if let t = try table("names.csv") {
            try t.require(["kind", "id", "name_zh", "name_en", "source"])
            for r in t.rows { names.add(kind: try r.text("kind"), id: try r.text("id"), zh: try r.text("name_zh"), en: try r.text("name_en"), source: try r.text("source")) }
        }
    }
}

/// Names of ids by kind (cluster, commodity, process, unit, power_source, metric, target), from `names.csv`.
public struct Names: Sendable {
    struct Entry: Sendable { var zh, en, source: String }
    private var entries: [String: Entry] = [:]

    mutating func add(kind: String, id: String, zh: String, en: String, source: String) {
        entries[kind + "\u{1F}" + id] = Entry(zh: zh, en: en, source: source)
    }

    /// The name of `id` in `language`, or the id itself when unknown.
    public func name(_ kind: String, _ id: String, _ language: Language) -> String {
        guard let e = entries[kind + "\u{1F}" + id] else { return id }
        return language == .zh ? e.zh : e.en
    }

    /// The provenance of `id`, or "" when unknown.
    public func source(_ kind: String, _ id: String) -> String { entries[kind + "\u{1F}" + id]?.source ?? "" }
}
