import AlChainModeling
import AlChainSolver

/// A first integer plan for branch-and-cut, from the LP relaxation: the cumulative decisions (units built by,
/// projects built by, units retired by a year) are rounded and kept non-decreasing, then the LP is re-solved
/// with them fixed.
///
/// GLPK's own heuristics rarely find an incumbent early on this model; with one, the search prunes from the start.
enum PlanMIPStart {
    static func compute(_ chain: ChainModel, options: SolverOptions) throws -> [Double]? {
        var relaxed = chain.model.problem
        for j in 0..<relaxed.columnCount { relaxed.columnKinds[j] = .continuous }
        var lp = options
        lp.presolve = false
        lp.mipStart = nil
        let relaxation = try Solver.solve(relaxed, options: lp)
        guard relaxation.status == .optimal else { return nil }
        // Nearest first; then up, which over-retires and over-builds but meets share targets more often.
        // Values within 1e-6 of an integer count as that integer, so solver noise never builds anything.
        for mode in [FloatingPointRoundingRule.toNearestOrAwayFromZero, .up] {
            func round(_ v: Double) -> Double { abs(v - v.rounded()) < 1e-6 ? v.rounded() : v.rounded(mode) }
            var fixed = relaxed
            let x = relaxation.columnValues
            func fix(_ v: Variable, _ value: Double) {
                let clamped = min(max(value, fixed.columnLower[v.index]), fixed.columnUpper[v.index])
                fixed.columnLower[v.index] = clamped
                fixed.columnUpper[v.index] = clamped
            }
            // Cumulative decisions (built by, retired by) are rounded year by year and kept non-decreasing.
            func roundNonDecreasing(_ vars: [Variable], most: Double = .infinity) {
                var previous = 0.0
                for v in vars {
                    let r = min(max(previous, round(x[v.index])), fixed.columnUpper[v.index], most)
                    fix(v, r)
                    previous = r
                }
            }
            var byUnit: [String: [(Int, Variable)]] = [:]
            for (key, v) in chain.unitsBuiltBy.sortedByVariable() where chain.model.problem.columnKinds[v.index] != .continuous {
                byUnit[key.unit, default: []].append((key.year, v))
            }
            for (key, v) in chain.retiredUnits.sortedByVariable() { byUnit[key.unit, default: []].append((key.year, v)) }
            // Candidates' unit limits are rows (max_units), not bounds, so they cap the rounding here.
            let maxUnits = Dictionary(uniqueKeysWithValues: chain.inputs.candidates.map { ($0.id, Double($0.maxUnits)) })
            for (unit, list) in byUnit.sorted(by: { $0.key < $1.key }) {
                roundNonDecreasing(list.sorted { $0.0 < $1.0 }.map(\.1), most: maxUnits[unit] ?? .infinity)
            }
            for (_, builtBy) in chain.projectBuiltBy.sorted(by: { $0.key < $1.key }) {
                roundNonDecreasing(builtBy.sorted(by: { $0.key < $1.key }).map(\.value))
            }
            let result = try Solver.solve(fixed, options: lp)
            if result.status == .optimal { return result.columnValues }
        }
        return nil
    }
}
