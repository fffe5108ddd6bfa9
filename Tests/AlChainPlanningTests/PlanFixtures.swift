import AlChainIO
import AlChainPlanning
import AlChainSolver
import Foundation
import Testing

/// Where the test data live: the checkout (found from this file) and the tiny fixture beside the tests.
enum Locations {
    /// The checkout this file is in.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// The shipped Guizhou plan: `Models/` and `Inputs/guizhou/`.
    static let guizhou = DataLocation(
        modelsDirectory: root.appendingPathComponent("Models").path,
        inputsDirectory: root.appendingPathComponent("Inputs/guizhou").path)
    /// The hand-sized plan of `TinyPlanTests`.
    static let tinyRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/tiny")
    static let tiny = DataLocation(
        modelsDirectory: tinyRoot.appendingPathComponent("Models").path,
        inputsDirectory: tinyRoot.appendingPathComponent("Inputs").path)
}

/// A plan solved and exported, with the exported CSV files read back as bytes (the folder is removed).
struct ExportedPlan: Sendable {
    let inputs: PlanInputs
    let plan: SolvedPlan
    let result: PlanResult
    /// File name → bytes, as `PlanExport.write` wrote them (without BOM).
    let files: [String: Data]

    /// Solves `inputs` with the settings' own solver options, exports the plan into a temporary folder and
    /// reads every file back.
    /// With `closestTo`, the plan nearest to that reference within the MIP gap (the what-if default).
    static func solve(_ inputs: PlanInputs, options: SolverOptions? = nil, closestTo reference: PlanReference? = nil) throws -> ExportedPlan {
        let plan = try PlanSolver.solve(inputs, options: options ?? PlanSolver.options(for: inputs.settings), closestTo: reference)
        let result = PlanResult(plan)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("alchain-plan-tests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try PlanExport.write(result, to: folder.path, excelBOM: false)
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return ExportedPlan(inputs: inputs, plan: plan, result: result, files: files)
    }

    /// An exported file parsed back with the project's RFC 4180 reader.
    func table(_ name: String) throws -> CSVTable {
        let data = try #require(files[name], "\(name) was not written")
        return try CSVTable.parse(try #require(String(data: data, encoding: .utf8), "\(name) is not UTF-8"), file: name)
    }
}

/// The shipped Guizhou plan, solved once per test process (the MIP takes seconds) and shared by every test.
enum DefaultPlan {
    private static let solved: Result<ExportedPlan, any Error> = Result {
        try ExportedPlan.solve(try InputLoader.load(Locations.guizhou))
    }

    /// The solved default plan; throws (failing the caller) if loading or solving threw.
    static func get() throws -> ExportedPlan { try solved.get() }
}

/// Reads the exported CSV files back and recomputes from them what the report claims.
enum Recompute {
    /// Signed contributions to the balance of (year, node, commodity), from flows.csv alone.
    struct Node: Hashable, CustomStringConvertible {
        var year: Int
        var node: String
        var commodity: String
        var description: String { "\(commodity) at \(node) in \(year)" }
    }

    /// The flow kinds documented in README.md and their sign at the node they touch.
    static let inbound: Set<String> = ["production", "import", "collection"]
    static let outbound: Set<String> = ["consumption", "export", "disposal"]

    /// Σ in − Σ out per node, the gross throughput Σ|term| and the number of terms, from flows.csv.
    /// `transportable` says which commodities are balanced per cluster (the others per park).
    static func balances(_ flows: CSVTable, transportable: [String: Bool]) throws -> [Node: (net: Double, gross: Double, terms: Int)] {
        var out: [Node: (net: Double, gross: Double, terms: Int)] = [:]
        func add(_ key: Node, _ tonnes: Double) {
            var e = out[key] ?? (0, 0, 0)
            e.net += tonnes
            e.gross += abs(tonnes)
            e.terms += 1
            out[key] = e
        }
        for row in flows.rows {
            let year = try row.integer("year")
            let kind = try row.requiredText("kind")
            let commodity = try row.requiredText("commodity")
            let tonnes = try row.number("tonnes")
            let moves = try #require(transportable[commodity] as Bool?, "flows.csv:\(row.line): unknown commodity \(commodity)")
            #expect(tonnes >= 0, "flows.csv:\(row.line): negative tonnes \(tonnes)")
            if kind == "transport" {
                #expect(moves, "flows.csv:\(row.line): \(commodity) cannot travel but is transported")
                add(Node(year: year, node: try row.requiredText("origin"), commodity: commodity), -tonnes)
                add(Node(year: year, node: try row.requiredText("destination"), commodity: commodity), tonnes)
                continue
            }
            // A commodity that cannot travel is balanced in its park, the others in the cluster.
            let node = moves ? try row.requiredText("cluster") : try row.requiredText("park")
            if inbound.contains(kind) {
                add(Node(year: year, node: node, commodity: commodity), tonnes)
            } else if outbound.contains(kind) {
                add(Node(year: year, node: node, commodity: commodity), -tonnes)
            } else {
                Issue.record("flows.csv:\(row.line): undocumented flow kind '\(kind)'")
            }
        }
        return out
    }

    /// Each target's achieved value, recomputed from flows.csv, capacity.csv, power.csv and power_use.csv with the
    /// metric's definition in Models/metrics.toml, is the one compliance.csv reports and meets the target; every
    /// enabled target is reported in every year it holds, and rules.csv reports every rule met.
    static func checkCompliance(_ p: ExportedPlan) throws {
        let flows = try p.table("flows.csv"), capacity = try p.table("capacity.csv"), power = try p.table("power.csv")
        let powerUse = try p.table("power_use.csv")
        let compliance = try p.table("compliance.csv")
        var reported = Set<String>()
        for row in compliance.rows {
            let target = try row.requiredText("target"), scope = try row.requiredText("scope"), unit = try row.text("unit")
            let year = try row.integer("year")
            let metric = try #require(p.inputs.chain.metric(try row.requiredText("metric")))
            func measure(_ terms: [MeasureTerm]) throws -> Double {
                try Recompute.measure(terms, scope: scope, year: year, inputs: p.inputs, flows: flows, capacity: capacity, power: power, powerUse: powerUse)
            }
            let numerator = try measure(metric.numerator)
            let recomputed: Double
            if metric.isRatio {
                let denominator = try measure(metric.denominator)
                recomputed = denominator > 1e-9 ? 100 * numerator / denominator : 100
            } else {
                recomputed = unit == "t" ? 1000 * numerator : numerator
            }
            let achieved = try row.number("achieved"), required = try row.number("required")
            let where_ = "compliance.csv:\(row.line) \(target) \(scope) \(year)"
            // compliance.csv prints 4 decimals; the recomputation sums 3-decimal tonnes.
            let tolerance = 1e-6 * max(1, abs(achieved)) + 1e-3
            #expect(abs(recomputed - achieved) <= tolerance, "\(where_): recomputed \(recomputed), reported \(achieved) \(unit)")
            #expect(try row.text("met") == "yes", "\(where_): not met")
            switch try row.text("op") {
            case ">=": #expect(recomputed >= required - tolerance, "\(where_): \(recomputed) < \(required)")
            case "<=": #expect(recomputed <= required + tolerance, "\(where_): \(recomputed) > \(required)")
            case "=": #expect(abs(recomputed - required) <= tolerance, "\(where_): \(recomputed) ≠ \(required)")
            case let op: Issue.record("\(where_): unknown operator \(op)")
            }
            reported.insert("\(target) \(year)")
        }
        // Every enabled target is reported in every model year it holds.
        let years = p.inputs.settings.years
        let expected = Set(p.inputs.targets.filter(\.enabled).flatMap { t in years.filter { t.applies(in: $0) }.map { "\(t.id) \($0)" } })
        #expect(!expected.isEmpty)
        #expect(reported == expected)
        #expect(compliance.rows.count == expected.count, "a target reported twice in one year")
        let rules = try p.table("rules.csv")
        #expect(!rules.rows.isEmpty)
        for row in rules.rows {
            let rule = try row.text("rule")
            #expect(try row.text("met") == "yes", "rules.csv:\(row.line): \(rule) not met")
        }
    }

    /// Which commodities travel, read from a `commodities.csv`.
    static func transportable(_ modelsDirectory: String) throws -> [String: Bool] {
        let table = try CSVTable.read((modelsDirectory as NSString).appendingPathComponent("commodities.csv"))
        var out: [String: Bool] = [:]
        for row in table.rows { out[try row.requiredText("id")] = try row.flag("transportable", default: true) }
        return out
    }

    /// The value of a metric's measure terms in a scope and year, in model units (kt, GWh, 亿元), computed from the
    /// exported flows, capacity and power tables and the metric's definition in `Models/metrics.toml`.
    static func measure(
        _ terms: [MeasureTerm], scope: String, year: Int, inputs: PlanInputs, flows: CSVTable, capacity: CSVTable, power: CSVTable,
        powerUse: CSVTable
    ) throws -> Double {
        let chain = inputs.chain
        var total = 0.0
        for term in terms {
            func stageSelected(_ process: String) throws -> Bool {
                let p = try #require(chain.process(process), "unknown process \(process)")
                return term.stages.isEmpty || term.stages.contains(p.stage)
            }
            func tagSelected(_ commodity: String) throws -> Bool {
                let k = try #require(chain.commodity(commodity), "unknown commodity \(commodity)")
                return term.tags.isEmpty || !term.tags.isDisjoint(with: k.tags)
            }
            var value = 0.0
            switch term.kind {
            case .input, .output, .outputValue:
                let kind = term.kind == .input ? "consumption" : "production"
                for row in flows.rows {
                    guard try row.integer("year") == year, try row.text("kind") == kind else { continue }
                    guard try scope == "province" || row.text("cluster") == scope else { continue }
                    let commodity = try row.text("commodity")
                    guard try stageSelected(try row.text("process")), try tagSelected(commodity) else { continue }
                    let kt = try row.number("tonnes") / 1000
                    // Output value in 亿元: kt × 1000 t/kt × 元/t ÷ 10⁸ 元/亿元 = kt × 元/t ÷ 10⁵.
                    value += term.kind == .outputValue ? kt * (inputs.price(commodity, year)?.valuePrice ?? 0) / 100_000 : kt
                }
            case .capacity:
                for row in capacity.rows {
                    guard try row.integer("year") == year else { continue }
                    guard try scope == "province" || row.text("cluster") == scope else { continue }
                    let p = try #require(chain.process(try row.text("process")))
                    guard term.stages.isEmpty || term.stages.contains(p.stage) else { continue }
                    if let m = term.acMax, !((p.acKWhPerT ?? .infinity) <= m) { continue }
                    if let m = term.acAbove, !((p.acKWhPerT ?? -.infinity) > m) { continue }
                    if let m = term.cellKABelow, !((p.cellKA ?? .infinity) < m) { continue }
                    value += try row.number("capacity_t") / 1000
                }
            case .cleanPower where !term.stages.isEmpty, .power where !term.stages.isEmpty:
                // Electricity of a stage set and the clean power allocated to it (power_use.csv).
                let key = term.stages.map(\.rawValue).sorted().joined(separator: "+")
                for row in powerUse.rows {
                    guard try row.integer("year") == year, try row.text("stages") == key else { continue }
                    guard try scope == "province" || row.text("cluster") == scope else { continue }
                    value += try row.number(term.kind == .cleanPower ? "clean_allocated_gwh" : "use_gwh")
                }
            case .cleanPower, .power:
                for row in power.rows {
                    guard try row.integer("year") == year else { continue }
                    guard try scope == "province" || row.text("cluster") == scope else { continue }
                    if term.kind == .cleanPower, try !row.flag("clean", default: false) { continue }
                    value += try row.number("gwh")
                }
            case .sales:
                for row in flows.rows {
                    guard try row.integer("year") == year, try row.text("kind") == "export" else { continue }
                    guard try scope == "province" || row.text("cluster") == scope else { continue }
                    if try tagSelected(try row.text("commodity")) { value += try row.number("tonnes") / 1000 }
                }
            }
            total += term.factor * value
        }
        return total
    }
}

/// `a` equals `b` within `relative` of the larger magnitude (and `absolute` near zero).
func close(_ a: Double, _ b: Double, relative: Double = 1e-6, absolute: Double = 1e-9) -> Bool {
    abs(a - b) <= max(absolute, relative * max(abs(a), abs(b)))
}
