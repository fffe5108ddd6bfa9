import AlChainIO
import AlChainPlanning
import AlChainSolver
import Foundation
import Testing

/// Near-optimal alternatives of the default plan (`alchain alternatives`), searched once per test process and
/// checked through the folders written: every claim is recomputed from the plans' CSV files.
@Suite struct AlternativesTests {
    static let slack = 0.02

    /// The search of the default plan, written into a temporary folder and read back.
    struct Written: Sendable {
        let set: AlternativeSet
        /// Plan name → its files as written.
        let plans: [String: ExportedPlan]
        let alternatives: CSVTable
        let plansTable: CSVTable
    }

    private static let written: Result<Written, any Error> = Result {
        let inputs = try InputLoader.load(Locations.guizhou)
        let set = try Alternatives.search(inputs, slack: slack, count: 2, options: PlanSolver.options(for: inputs.settings), timeLimit: 30)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("alchain-alternatives-tests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try set.write(to: folder.path, excelBOM: false)
        var plans: [String: ExportedPlan] = [:]
        for p in set.plans {
            let dir = folder.appendingPathComponent(p.name)
            var files: [String: Data] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) { files[name] = try Data(contentsOf: dir.appendingPathComponent(name)) }
            plans[p.name] = ExportedPlan(inputs: inputs, plan: p.plan, result: p.result, files: files)
        }
        return Written(set: set, plans: plans, alternatives: try CSVTable.read(folder.appendingPathComponent("alternatives.csv").path),
                       plansTable: try CSVTable.read(folder.appendingPathComponent("plans.csv").path))
    }

    static func get() throws -> Written { try written.get() }

    @Test func findsTheAlternativesAskedFor() throws {
        let w = try Self.get()
        #expect(w.set.notes.isEmpty, "\(w.set.notes)")
        #expect(w.set.plans.map(\.name) == ["base", "alt-1", "alt-2"])
        #expect(w.plansTable.rows.count == 3)
    }

    /// Each plan meets every target and rule, recomputed from its own compliance, flows, capacity and power files,
    /// and its mass balances close.
    @Test func everyAlternativeMeetsEveryTargetAndRule() throws {
        let w = try Self.get()
        let transportable = try Recompute.transportable(Locations.guizhou.modelsDirectory)
        for (name, p) in w.plans.sorted(by: { $0.key < $1.key }) {
            #expect(p.result.status == .optimal, "\(name): \(p.result.solverStatus)")
            try Recompute.checkCompliance(p)
            for (node, b) in try Recompute.balances(p.table("flows.csv"), transportable: transportable) {
                #expect(abs(b.net) <= 1e-6 * b.gross + 0.0005 * Double(b.terms), "\(name): \(node) in − out = \(b.net) t")
            }
        }
    }

    /// The cost objective is minimised: an alternative costs at most optimum + slack·|optimum| (the optimum may be
    /// negative, net of sales), read from each plan's summary.csv.
    @Test func everyAlternativeCostsAtMostTheSlackAboveTheOptimum() throws {
        let w = try Self.get()
        #expect(w.set.sense == .minimize)
        func objective(_ p: ExportedPlan) throws -> Double {
            let row = try #require(try p.table("summary.csv").rows.first { try $0.text("key") == "objective_million_yuan" })
            return try row.number("value")
        }
        let z = try objective(try #require(w.plans["base"]))
        for (name, p) in w.plans where name != "base" {
            let za = try objective(p)
            #expect(za <= z + Self.slack * abs(z) + 1e-6 * max(1, abs(z)), "\(name): \(za) > \(z) + \(Self.slack)·|\(z)|")
            #expect(za >= z - 1e-6 * max(1, abs(z)) - 1e-3, "\(name): \(za) below the optimum \(z)")
        }
        for row in w.plansTable.rows { #expect(try row.text("within_slack") == "yes", "plans.csv:\(row.line)") }
    }

    /// The plans' decisions.csv files differ pairwise (base against each alternative, alternatives among themselves).
    @Test func theAlternativesDecisionsDiffer() throws {
        let w = try Self.get()
        var decisions: [String: [String: Double]] = [:]
        for (name, p) in w.plans {
            let data = try #require(p.files["decisions.csv"])
            let text = try #require(String(data: data, encoding: .utf8))
            decisions[name] = Dictionary(try AlternativeDecision.read(text, file: "\(name)/decisions.csv").map { ($0.key, $0.amount) }, uniquingKeysWith: +)
        }
        let names = decisions.keys.sorted()
        for (i, a) in names.enumerated() {
            for b in names[(i + 1)...] { #expect(decisions[a] != decisions[b], "\(a) and \(b) take the same decisions") }
        }
        #expect(try w.alternatives.rows.contains { try $0.text("class") == "free choice" })
    }

    /// The Wuchuan refinery, committed in 2027 by the data (`planned_year`), is must-have; every must-have row is
    /// in every plan's decisions.csv and every free choice is missing from at least one.
    @Test func aForcedDecisionIsMustHave() throws {
        let w = try Self.get()
        let forced = try #require(w.set.base.plan.chain.inputs.candidates.first { $0.plannedYear != nil }, "the data commit a candidate")
        let row = try #require(try w.alternatives.rows.first {
            try $0.text("decision") == "build" && $0.text("unit") == forced.id && $0.integer("year") == forced.plannedYear!
        }, "alternatives.csv lists build \(forced.id) \(forced.plannedYear!)")
        #expect(try row.text("class") == "must-have")
        for r in w.alternatives.rows {
            let taken = try w.set.plans.map { try !r.text($0.name).isEmpty }
            #expect(try r.text("class") == (taken.allSatisfy { $0 } ? "must-have" : "free choice"), "alternatives.csv:\(r.line)")
            #expect(try r.integer("plans_taking") == taken.count { $0 })
        }
    }
}
