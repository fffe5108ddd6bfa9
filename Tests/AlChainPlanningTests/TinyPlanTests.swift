import AlChainIO
import AlChainPlanning
import AlChainSolver
import Foundation
import Testing

/// A plan small enough to solve by hand: `Fixtures/tiny` (same schema as Models/ and Inputs/guizhou).
///
/// One cluster `c1` with one park; years 2025 and 2026, weights w = 1 and 2, base year 2025, discount rate
/// r = 10 %, so δ₂₀₂₅ = 1, δ₂₀₂₆ = 1/1.1 and the operating weights are W₂₀₂₅ = 1, W₂₀₂₆ = 2/1.1.
/// Money in million yuan (kt × 元/t ÷ 1000).
///
/// - smelting (500 kA, AC 12,950 ≤ 13,000): 2 t alumina → 1 t liquid Al, 13,000 kWh/t at 0.40 元/kWh,
///   other cost 4,000 元/t; casting: 1 t liquid → 1 t ingot, 100 元/t; no gas, CO2 price 0.
/// - alumina is only imported, at 3,000 元/t; ingot sells at 10,000 元/t, with a market minimum of 60 kt in 2025
///   and 120 kt in 2026. A tonne of ingot costs 2 × 3,000 + 13,000 × 0.40 + 4,000 + 100 = 15,300 元 to make,
///   more than it sells for, so exactly the minimum is made and sold.
/// - the old smelter has 100 kt/yr; a candidate 500 kA line (one unit of 50 kt, from 2026, capex 8,000 元/t,
///   fixed O&M 300 元/t·yr) must be built for 2026's 120 kt. Replacement 1:1 with nothing retired and a quota
///   of 100 kt means 50 kt of indices at 1,000 元/t (limit 50 kt); they are bought in 2026, when they are
///   discounted (δ₂₀₂₆ < δ₂₀₂₅).
///
/// 2025 (W = 1): imports 120 kt × 3 = 360; electricity 60 kt × 13 GWh/kt × 0.40 = 312;
///   operating 60 × 4 + 60 × 0.1 = 246; revenue −60 × 10 = −600 → 318.
/// 2026 (W = 2/1.1): imports 240 × 3 = 720; electricity 120 × 13 × 0.40 = 624; operating 120 × 4 + 120 × 0.1
///   = 492; fixed O&M 50 × 0.3 = 15; revenue −120 × 10 = −1,200 → 651, weighted 1,302/1.1.
/// Capital, 2026 (δ = 1/1.1): capex 50 × 8 = 400; indices 50 × 1 = 50 → 450/1.1.
/// Optimum = 318 + (1,302 + 450)/1.1 = 318 + 1,592.727… = 1,910.727272… million yuan.
@Suite struct TinyPlanTests {
    static let handDerivedOptimum = 318 + (2 * 651 + 450) / 1.1

    static let solved: Result<ExportedPlan, any Error> = Result {
        try ExportedPlan.solve(try InputLoader.load(Locations.tiny))
    }

    @Test func objectiveEqualsHandDerivedOptimum() throws {
        let p = try Self.solved.get()
        #expect(p.inputs.settings.mipGap == 0, "the fixture asks for a proven optimum")
        #expect(p.result.status == .optimal)
        #expect(p.result.isMIP, "the new potline is a whole unit")
        let objective = try #require(p.result.objectiveMillionYuan)
        #expect(close(objective, Self.handDerivedOptimum), "objective \(objective), by hand \(Self.handDerivedOptimum)")
    }

    @Test func decisionsAreTheHandDerivedOnes() throws {
        let p = try Self.solved.get()
        let newLine = p.result.capacities.filter { $0.unit == "new_line" }.sorted { $0.year < $1.year }.map(\.capacityT)
        #expect(newLine == [0, 50_000])
        let sold = p.result.flows.filter { $0.kind == .export && $0.commodity == "al_ingot" }
        #expect(sold.map(\.year) == [2025, 2026])
        #expect(zip(sold.map(\.tonnes), [60_000.0, 120_000]).allSatisfy { close($0, $1) })
        let indices = try #require(p.result.rules.first { $0.rule == "index-purchase-limit" })
        #expect(close(indices.lhs, 50_000))
        let capital = p.result.costs.filter { $0.year == 2026 && ($0.category == .capex || $0.category == .capacityIndices) }
        #expect(close(capital.reduce(0) { $0 + $1.millionYuan }, 450))
        #expect(close(p.result.costs.reduce(0) { $0 + $1.discountedMillionYuan }, Self.handDerivedOptimum), "costs.csv adds up to the objective")
    }

    @Test func massBalanceClosesAndCalibrates() throws {
        let p = try Self.solved.get()
        let balances = try Recompute.balances(p.table("flows.csv"), transportable: Recompute.transportable(Locations.tiny.modelsDirectory))
        // alumina and ingot at c1, liquid metal in the park, in both years.
        #expect(Set(balances.keys.map { "\($0.commodity)@\($0.node)" }) == ["alumina@c1", "al_ingot@c1", "liquid_al@测试园区"])
        for (node, b) in balances { #expect(abs(b.net) <= 1e-6 * b.gross + 0.0005 * Double(b.terms), "\(node): \(b.net)") }
        let calibration = Calibration.compare(p.result, inputs: p.inputs)
        #expect(calibration.count == 1 && calibration.allSatisfy(\.withinTolerance))
    }
}
