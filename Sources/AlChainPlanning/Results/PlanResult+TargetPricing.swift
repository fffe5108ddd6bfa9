import AlChainModeling
import AlChainSolver
import Foundation

/// What targets and capacities are worth: compliance with shadow prices and their ranges, and the capacities
/// that limit the plan most, from the dual solution.
extension PlanResult {
    /// Targets met or not, their shadow prices and the range over which each price holds; the rules.
    mutating func priceTargets(_ plan: SolvedPlan) {
        let chain = plan.chain
        let solution = plan.solution
        let duals = plan.dualSolution
        let minimize = chain.model.sense == .minimize
        let model = chain.model
        for row in chain.targetRows {
            let num = solution.value(row.numerator)
            let den = row.denominator.map { solution.value($0) }
            let target = row.target
            let achieved: Double
            if let den { achieved = den > 1e-9 ? 100 * num / den : 100 } else { achieved = target.unit == "t" ? t(num) : num }
            let lhsValue = den.map { num - target.modelValue * $0 } ?? num
            let rhs = den == nil ? target.modelValue : 0
            let scale = max(1, abs(rhs))
            let met: Bool = switch target.op {
            case .atLeast: lhsValue >= rhs - Self.tolerance * scale
            case .atMost: lhsValue <= rhs + Self.tolerance * scale
            case .equal: abs(lhsValue - rhs) <= Self.tolerance * scale
            }
            var price: Double? = nil
            if let d = duals?.dual(row.constraint) {
                // Tightening: raise a ≥ bound, lower a ≤ bound. A percentage point moves the row's bound by
                // 0.01 × denominator; a tonne target is priced per kt, a 亿元 target per 亿元.
                let perUnit = den.map { 0.01 * $0 } ?? 1
                let tighten: Double = target.op == .atMost ? -1 : 1
                price = d * perUnit * tighten * (minimize ? 1 : -1)
                if abs(price!) < 1e-9 { price = 0 }
            }
            let binding = abs(lhsValue - rhs) <= 1e-6 * scale
            // The row's right-hand-side range turned into the target's unit. The row holds the target with the
            // expression's constant moved into its bound, so what moves is δ = b − bound: a total's required value
            // moves by δ, a ratio's (N − v·D ≥ bound) by δ / D, D held at its optimum.
            var holds: (Double, Double)? = nil
            if let range = duals?.rhsRange(row.constraint) {
                let bounds = model.bounds(of: row.constraint)
                let bound = target.op == .atMost ? bounds.upper : bounds.lower
                func toTarget(_ b: Double) -> Double {
                    guard b.isFinite else { return b }
                    if let den { return den > 1e-9 ? 100 * (target.modelValue + (b - bound) / den) : .nan }
                    let v = target.modelValue + (b - bound)
                    return target.unit == "t" ? t(v) : v
                }
                holds = (toTarget(range.lower), toTarget(range.upper))
            }
            var record = ComplianceRecord(
                target: target.id, metric: target.metric, scope: target.scope, year: row.year, op: target.op.rawValue,
                required: target.value, achieved: achieved, unit: target.unit, met: met, shadowPrice: price,
                priceHoldsFrom: holds?.0, priceHoldsTo: holds?.1, binding: binding, source: target.source)
            if let den, let metric = chain.inputs.chain.metric(target.metric) {
                let kinds = Set((metric.numerator + metric.denominator).map(\.kind))
                let unit = kinds.isSubset(of: [.power, .cleanPower]) ? "GWh" : (kinds.isSubset(of: [.outputValue]) ? "亿元" : "t")
                let scale = unit == "t" ? 1000.0 : 1
                (record.numerator, record.denominator, record.ratioUnit) = (num * scale, den * scale, unit)
            }
            compliance.append(record)
        }
        for r in chain.ruleRows {
            let v = solution.value(r.value), limit = solution.value(r.limit)
            rules.append(RuleRecord(
                rule: r.id, scope: r.scope, year: r.year, lhs: t(v), bound: t(limit), met: v <= limit + Self.tolerance * max(1, abs(limit)),
                description: r.description))
        }
    }

    /// Capacities that bind hardest: the dual of `x ≤ K` (a row, or the activity's upper bound, whose dual is
    /// the column's reduced cost) is what one more kt of capacity would be worth.
    mutating func findLimitingCapacities(_ plan: SolvedPlan) {
        let chain = plan.chain
        let minimize = chain.model.sense == .minimize
        if let duals = plan.dualSolution {
            var limits: [(String, Int, Double)] = []
            func add(_ key: ChainModel.UnitYear, dual d: Double?) {
                // Only units that can still run that year, i.e. have capacity in the plan: a smelter closed by
                // policy (a retire year, or cell exit for its small cells) or retired by the plan has a dual on its
                // zero capacity but nothing to offer.
                guard let d, let capacity = chain.capacity[key], chain.model.largestValue(capacity) > 1e-9,
                      plan.solution.value(capacity) > 1e-6 else { return }
                let worth = minimize ? -d : d
                if worth > 1e-6 { limits.append((key.unit, key.year, worth)) }
            }
            for (key, row) in chain.capacityRows { add(key, dual: duals.dual(row)) }
            for key in chain.boundedActivity { add(key, dual: chain.activity[key].flatMap { duals.reducedCost($0) }) }
            limitingCapacities = limits.sorted { $0.2 != $1.2 ? $0.2 > $1.2 : ($0.0, $0.1) < ($1.0, $1.1) }.prefix(10).map { $0 }
        }
    }
}
