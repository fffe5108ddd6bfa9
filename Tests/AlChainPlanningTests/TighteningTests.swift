import AlChainIO
import AlChainPlanning
import AlChainSolver
import Foundation
import Testing

/// Metamorphic: tightening a target shrinks the feasible set, so the least cost can only rise (or the plan
/// become infeasible, i.e. +∞). Each variant changes one target of a copy of the inputs in memory.
///
/// The shipped plan has seven model years and takes seconds per solve; these run on the same data reduced to
/// the years 2025, 2027 and 2030 (weights 1, 2, 5): every target holds from 2027, the potline, project and
/// retirement decisions stay integer, and each solve takes well under a second — so they are solved to a proven
/// optimum (MIP gap 0) and compared almost exactly.
@Suite struct TighteningTests {
    struct Tightening: Sendable, CustomTestStringConvertible {
        let target: String
        let change: @Sendable (Double) -> Double
        let label: String
        var testDescription: String { "\(target) \(label)" }
    }

    static let tightenings: [Tightening] = [
        Tightening(target: "recycled-share", change: { _ in 25 }, label: "20 → 25 %"),
        Tightening(target: "primary-local-conversion", change: { _ in 97 }, label: "95 → 97 %"),
        Tightening(target: "processing-capacity", change: { $0 * 1.1 }, label: "+10 %"),
        Tightening(target: "benchmark-share", change: { _ in 75 }, label: "70 → 75 %"),
        Tightening(target: "alumina-local-conversion", change: { _ in 75 }, label: "70 → 75 %"),
        Tightening(target: "red-mud-use", change: { _ in 20 }, label: "15 → 20 %"),
    ]

    /// The reduced Guizhou inputs.
    static func reducedInputs() throws -> PlanInputs {
        var inputs = try InputLoader.load(Locations.guizhou)
        inputs.settings.years = [2025, 2027, 2030]
        inputs.settings.yearWeights = [1, 2, 5]
        return inputs
    }

    /// Solver options: the plan's own (cuts, time limit) with a proven optimum.
    static func options(_ inputs: PlanInputs) -> SolverOptions {
        PlanSolver.options(for: inputs.settings) { $0.mipGap = 0 }
    }

    /// The objective, `+∞` for a proven infeasible plan; anything else (time limit, unbounded) is a failure.
    static func cost(_ inputs: PlanInputs) throws -> Double {
        let solution = try PlanSolver.solve(inputs, options: options(inputs)).solution
        switch solution.status {
        case .optimal: return try #require(solution.objective)
        case .infeasible: return .infinity
        default:
            Issue.record("no proven result: \(solution.status)")
            return .nan
        }
    }

    @Test func tighteningNeverLowersTheOptimalCost() async throws {
        let base = try Self.reducedInputs()
        #expect(base.settings.objective == .cost)
        let baseCost = try Self.cost(base)
        #expect(baseCost.isFinite, "the reduced base plan must be feasible")
        // Each solve proves its optimum within the relative gap g, so the two optima compared are each off by at
        // most g·|z|; with g = 0 only the solver's feasibility tolerance is left.
        let gap = Self.options(base).mipGap
        let tolerance = (gap + 1e-7) * max(1, abs(baseCost))

        let costs = try await withThrowingTaskGroup(of: (String, Double).self) { group in
            for t in Self.tightenings {
                var inputs = base
                let i = try #require(inputs.targets.firstIndex { $0.id == t.target }, "no target \(t.target)")
                #expect(inputs.targets[i].enabled && inputs.targets[i].op == .atLeast)
                let tightened = t.change(inputs.targets[i].value)
                #expect(tightened > inputs.targets[i].value, "\(t.testDescription) does not tighten")
                inputs.targets[i].value = tightened
                group.addTask { (t.testDescription, try Self.cost(inputs)) }
            }
            var out: [(String, Double)] = []
            for try await r in group { out.append(r) }
            return out
        }
        #expect(costs.count == Self.tightenings.count)
        for (label, cost) in costs.sorted(by: { $0.0 < $1.0 }) {
            #expect(cost >= baseCost - tolerance, "\(label): optimum \(cost) below the base \(baseCost)")
        }
        // Not vacuous: at least one of these targets binds, so its tightening costs something.
        #expect(costs.contains { $0.1 > baseCost + tolerance }, "no tightening changed the optimum: \(costs)")
    }
}
