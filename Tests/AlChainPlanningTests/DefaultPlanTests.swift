import AlChainIO
import AlChainPlanning
import AlChainSolver
import Foundation
import Testing

/// The shipped Guizhou plan, solved once (`DefaultPlan`), checked through what it exports: the CSV files are
/// parsed back and every claim recomputed from them, never read from the solver.
@Suite struct DefaultPlanTests {
    @Test func solvesToOptimality() throws {
        let p = try DefaultPlan.get()
        #expect(p.result.status == .optimal, "\(p.result.solverStatus)")
        #expect(p.result.isMIP)
        #expect(!p.result.flows.isEmpty && !p.result.capacities.isEmpty)
    }

    /// Σ production + import + collection + transport in − consumption − export − disposal − transport out = 0
    /// for every (year, node, commodity), where the node is the park for a commodity that cannot travel (liquid
    /// metal, the fabrication melt, red mud) and the cluster otherwise.
    @Test func massBalanceClosesInExportedFlows() throws {
        let p = try DefaultPlan.get()
        let balances = try Recompute.balances(p.table("flows.csv"), transportable: Recompute.transportable(Locations.guizhou.modelsDirectory))
        let years = Set(balances.keys.map(\.year))
        #expect(years == Set(p.inputs.settings.years), "every model year has flows")
        #expect(balances.count >= 10 * years.count, "only \(balances.count) balance nodes")
        for (node, b) in balances.sorted(by: { $0.key.description < $1.key.description }) {
            // 1e-6 of what passes through the node, plus the file's rounding: tonnes are printed to 3 decimals.
            let tolerance = 1e-6 * b.gross + 0.0005 * Double(b.terms)
            #expect(abs(b.net) <= tolerance, "\(node): in − out = \(b.net) t of \(b.gross) t through the node (\(b.terms) flows)")
        }
        // Liquid metal is balanced in parks, so a park that taps it must use or cast all of it there.
        let liquid = balances.keys.filter { $0.commodity == "liquid_al" }
        let parks = Set(p.inputs.clusters.flatMap(\.parks))
        #expect(!liquid.isEmpty && liquid.allSatisfy { parks.contains($0.node) })
    }

    /// Each target's achieved value, recomputed from flows.csv, capacity.csv, power.csv and power_use.csv with the metric's
    /// definition in Models/metrics.toml, is the one compliance.csv reports, and the default plan meets them all.
    @Test func complianceRecomputedFromExportedTables() throws {
        try Recompute.checkCompliance(try DefaultPlan.get())
    }

    /// The base year reproduces every fact of calibration.csv within its tolerance.
    @Test func calibrationFactsWithinTolerance() throws {
        let p = try DefaultPlan.get()
        let comparisons = Calibration.compare(p.result, inputs: p.inputs)
        #expect(!comparisons.isEmpty && comparisons.count == p.inputs.calibration.count)
        for c in comparisons {
            let model = try #require(c.model, "\(c.fact.fact): quantity '\(c.fact.quantity)' unknown to AlChain")
            #expect(c.withinTolerance, "\(c.fact.fact) (\(c.fact.scope), \(c.fact.year)): model \(model) vs fact \(c.fact.value) \(c.fact.unit), tolerance \(c.fact.tolerance)")
        }
    }

    /// The two provincial facts BRIEF §3 fixes, checked against the plan whatever calibration.csv says:
    /// electrolytic capacity ≈ 1.789 Mt/yr and output value 1,080.15 亿元 in 2025.
    @Test func baseYearMatchesBriefFacts() throws {
        let p = try DefaultPlan.get()
        let base = p.inputs.settings.baseYear
        #expect(base == 2025)
        let smelting = p.result.capacities.filter { $0.year == base && $0.stage == "smelting" }.reduce(0) { $0 + $1.capacityT }
        #expect(abs(smelting - 1_789_000) <= 0.01 * 1_789_000, "electrolytic capacity \(smelting) t")
        let outputValue = p.result.provinceOutputValue(base)
        #expect(abs(outputValue - 1080.15) <= 0.05 * 1080.15, "output value \(outputValue) 亿元")
    }

    /// Every file is written, UTF-8 without a byte-order mark (that is `--excel`'s), and parses as RFC 4180 with
    /// rows as wide as the header (the documented headers are checked through the binary, in PlanCLITests).
    @Test func exportedFilesAreWrittenAndParse() throws {
        let p = try DefaultPlan.get()
        #expect(Set(p.files.keys) == Set(PlanExport.fileNames))
        for name in PlanExport.fileNames {
            let data = try #require(p.files[name])
            #expect(!data.starts(with: [0xEF, 0xBB, 0xBF]), "\(name) has a BOM without --excel")
            #expect(!(try p.table(name).rows.isEmpty), "\(name)")
        }
    }
}
