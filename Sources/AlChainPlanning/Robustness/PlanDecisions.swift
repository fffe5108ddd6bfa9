import AlChainSolver
import Foundation

/// One decision of a plan, a row of its `decisions.csv`: a unit built or retired in a year, or capacity indices
/// bought in a year. Sampling and alternative plans compare plans decision by decision through `key`.
public struct PlanDecision: Sendable, Equatable {
    /// `build`, `retire` or `buy_indices`.
    public var decision: String
    /// The unit built or retired; the cluster (`province`) for indices bought.
    public var unit: String
    public var year: Int
    /// Tonnes per year built, retired or bought (not part of the decision's identity).
    public var tonnes: Double
    /// The capacity record the decision comes from (nil for indices bought).
    public var capacity: CapacityRecord?

    /// The decision's identity, `decision|unit|year`, stable across runs and plans.
    public var key: String { Self.key(decision, unit, year) }

    /// The identity of a decision row, `decision|unit|year`: the one place its format is written.
    public static func key(_ decision: String, _ unit: String, _ year: Int) -> String { "\(decision)|\(unit)|\(year)" }

    /// The unit or cluster a decision is about, as `decisions.csv` writes it.
    public static let indicesCluster = "province"

    /// Every decision of a solved plan, in `decisions.csv` order: units by the capacity records' order, then indices by year.
    public static func all(_ plan: SolvedPlan, _ result: PlanResult) -> [PlanDecision] {
        var out: [PlanDecision] = []
        for c in result.capacities where c.builtT > 0.5 || c.retiredT > 0.5 {
            let built = c.builtT > 0.5
            out.append(PlanDecision(decision: built ? "build" : "retire", unit: c.unit, year: c.year, tonnes: built ? c.builtT : c.retiredT, capacity: c))
        }
        guard !result.flows.isEmpty else { return out }
        for y in plan.chain.inputs.settings.years {
            let tonnes = plan.solution.value(plan.chain.indices[y]) * 1000
            guard tonnes > 0.5 else { continue }
            out.append(PlanDecision(decision: "buy_indices", unit: indicesCluster, year: y, tonnes: tonnes, capacity: nil))
        }
        return out
    }
}
