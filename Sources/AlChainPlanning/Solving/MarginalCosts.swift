import AlChainIO
import AlChainModeling
import AlChainSolver
import Foundation

/// What one unit more or less of a binding target really costs: the LP with the integer decisions fixed at
/// the plan's, re-solved with the target tightened and relaxed by one unit (a percentage point, a kt, an
/// 亿元), beside the dual that claims to say the same. At a degenerate corner the dual is one of many and can
/// be far from either re-solve; such targets are flagged.
public struct MarginalCost: Sendable, Equatable {
    public var target: String
    public var scope: String
    public var year: Int
    /// percentage point, kt or 亿元.
    public var perUnit: String
    /// The dual price as reported in compliance.csv (discounted million yuan per unit of tightening).
    public var dualPrice: Double?
    /// Objective worsening when tightened by one unit (`nil`: infeasible with the integers fixed).
    public var tightenCost: Double?
    /// Objective improvement when relaxed by one unit.
    public var relaxSaving: Double?
    /// Whether the dual differs from either re-solve by more than 2 % (plus 0.001 million yuan).
    public var disagrees: Bool
}

/// Re-solves around every binding target of a plan (`alchain explain`; not part of `solve`, which stays fast).
public enum MarginalCosts {
    /// The marginal costs of `result`'s binding targets (its compliance records in the model's target-row order).
    public static func resolve(_ plan: SolvedPlan, _ result: PlanResult, options: SolverOptions) throws -> [MarginalCost] {
        guard plan.solution.hasSolution, let duals = plan.dualSolution, let z0 = duals.objective else { return [] }
        let chain = plan.chain
        let fixed = plan.chain.model.isMIP ? chain.model.fixingIntegers(at: plan.solution) : chain.model
        let minimize = chain.model.sense == .minimize
        var lp = PlanSolver.lpOptions(options)
        lp.computeSensitivity = false
        lp.sensitivityRows = nil
        lp.branchingPriority = nil
        var out: [MarginalCost] = []
        for (row, record) in zip(chain.targetRows, result.compliance) where record.binding {
            let target = row.target
            let step = row.denominator == nil ? 1.0 : 0.01
            let tightenSign: Double = target.op == .atMost ? -1 : 1
            func cost(_ direction: Double) throws -> Double? {
                var m = fixed
                m.setBounds(row.constraint, lower: -.infinity, upper: .infinity)
                let v = target.modelValue + direction * tightenSign * step
                let lhs = row.denominator.map { row.numerator - v * $0 } ?? row.numerator
                let rhs = row.denominator == nil ? v : 0
                let shifted: LinearConstraint = switch target.op {
                case .atLeast: lhs >= rhs
                case .atMost: lhs <= rhs
                case .equal: lhs == rhs
                }
                m.add(shifted, name: "marginal_\(target.id)_\(row.year)")
                var o = lp
                if var basis = duals.result.basis {
                    basis.rows.append(.basic)
                    o.warmStart = basis
                }
                let s = try m.solve(options: o)
                guard s.status == .optimal, let z = s.objective else { return nil }
                return minimize ? z - z0 : z0 - z
            }
            let tighten = try cost(1)
            let relax = try cost(-1).map { -$0 }
            let price = record.shadowPrice
            func differs(_ x: Double?) -> Bool {
                guard let price, let x else { return price != nil || x != nil }
                return abs(x - price) > 1e-3 + 0.02 * max(abs(x), abs(price))
            }
            out.append(MarginalCost(
                target: target.id, scope: target.scope, year: row.year,
                perUnit: row.denominator != nil ? "percentage point" : (target.unit == "t" ? "kt" : target.unit),
                dualPrice: price, tightenCost: tighten, relaxSaving: relax, disagrees: differs(tighten) || differs(relax)))
        }
        return out
    }

    /// The marginal costs as CSV (marginal_costs.csv).
    public static func csv(_ costs: [MarginalCost]) -> CSVWriter {
        var w = CSVWriter(header: ["target", "scope", "year", "per_unit", "dual_price_myuan", "tighten_cost_myuan", "relax_saving_myuan", "dual_disagrees", "integers"])
        func n(_ x: Double?) -> String { x.map { CSVWriter.number($0, decimals: 4) } ?? "infeasible" }
        for c in costs {
            w.appendRow([c.target, c.scope, "\(c.year)", c.perUnit, c.dualPrice.map { CSVWriter.number($0, decimals: 4) } ?? "",
                         n(c.tightenCost), n(c.relaxSaving), c.disagrees ? "yes" : "no", "fixed"])
        }
        return w
    }
}
