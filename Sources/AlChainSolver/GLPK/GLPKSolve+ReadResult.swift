import CGLPK
import Foundation

/// Reading GLPK's results (statuses, values, duals, the proven gap) into a `SolveResult`.
extension GLPKSolve {
    /// GLPK's relative gap (`ios_relative_gap`): |incumbent − bound| / (|incumbent| + DBL_EPSILON).
    static func relativeGap(_ objective: Double, _ bound: Double) -> Double {
        abs(objective - bound) / (abs(objective) + Double.ulpOfOne)
    }

    /// The bound branch-and-cut proved for `objective`, its final incumbent, when the search stopped early.
    ///
    /// GLPK frees its search tree before `glp_intopt` returns, so the bound is read from the progress line it
    /// prints on the way out (`show_progress` at the driver's exit: incumbent and best open node's bound with ten
    /// significant digits). Where GLPK stopped at the requested gap it had checked gap ≤ `mip_gap` in full
    /// precision, so a bound that only misses that through the printed rounding is moved to the bound GLPK's
    /// check implies: the reported gap is then never above the request. `nil` when no bound is known.
    func provenBound(objective: Double) -> Double? {
        var bound = log.lastMIPProgress.flatMap(Self.bound(inProgressLine:))
        if stoppedAtGap {
            let implied = objective - (glp_get_obj_dir(problem) == GLP_MIN ? 1 : -1) * options.mipGap * (abs(objective) + Double.ulpOfOne)
            if bound.map({ Self.relativeGap(objective, $0) > options.mipGap }) ?? true { bound = implied }
        }
        return bound
    }

    /// The bound in a progress line "+ 10339: mip =   1.120000000e+03 >=   1.109000000e+03   1.0% (369; 2938)"
    /// (">>>>>" in place of "mip =" when the line reports a new incumbent); `nil` for "tree is empty", "-inf" and
    /// "+inf" or any other text.
    static func bound(inProgressLine line: String) -> Double? {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard let relation = fields.firstIndex(where: { $0 == ">=" || $0 == "<=" }), relation + 1 < fields.count,
              let value = Double(fields[relation + 1]), value.isFinite else { return nil }
        return value
    }

    func read(_ outcome: Outcome, from source: Source, progress: MIPProgress) -> SolveResult {
        let p = problem
        let m = Int(glp_get_num_rows(p)), n = Int(glp_get_num_cols(p))
        let status: TerminationStatus = switch outcome {
        case .optimal: .optimal
        case .infeasible: .infeasible
        case .unbounded: .unbounded
        case .timeLimit: .timeLimit
        case .iterationLimit: .iterationLimit
        case .numericalFailure: .numericalFailure
        }
        let hasPoint: Bool = switch (outcome, source) {
        case (.optimal, _): true
        case (.timeLimit, .mip), (.iterationLimit, .mip): glp_mip_status(p) == GLP_FEAS
        case (.timeLimit, .simplex), (.iterationLimit, .simplex): glp_get_prim_stat(p) == GLP_FEAS
        default: false
        }
        var columnValues = [Double](repeating: 0, count: n)
        var rowActivities = [Double](repeating: 0, count: m)
        var rowDuals: [Double]? = nil
        var reducedCosts: [Double]? = nil
        var objective: Double? = nil
        var sensitivity: SensitivityReport? = nil
        if hasPoint {
            switch source {
            case .mip:
                for j in 0..<n { columnValues[j] = glp_mip_col_val(p, Int32(j + 1)) }
                for i in 0..<m { rowActivities[i] = glp_mip_row_val(p, Int32(i + 1)) }
                objective = glp_mip_obj_val(p)
            case .interior:
                for j in 0..<n { columnValues[j] = glp_ipt_col_prim(p, Int32(j + 1)) }
                for i in 0..<m { rowActivities[i] = glp_ipt_row_prim(p, Int32(i + 1)) }
                rowDuals = (0..<m).map { glp_ipt_row_dual(p, Int32($0 + 1)) }
                reducedCosts = (0..<n).map { glp_ipt_col_dual(p, Int32($0 + 1)) }
                objective = glp_ipt_obj_val(p)
            case .simplex:
                for j in 0..<n { columnValues[j] = glp_get_col_prim(p, Int32(j + 1)) }
                for i in 0..<m { rowActivities[i] = glp_get_row_prim(p, Int32(i + 1)) }
                if outcome == .optimal {
                    rowDuals = (0..<m).map { glp_get_row_dual(p, Int32($0 + 1)) }
                    reducedCosts = (0..<n).map { glp_get_col_dual(p, Int32($0 + 1)) }
                    if options.computeSensitivity { sensitivity = GLPKSensitivity.analyze(p, rows: options.sensitivityRows) }
                }
                objective = glp_get_obj_val(p)
            }
        }
        let basis = source == .mip ? rootBasis : source == .simplex && outcome == .optimal ? currentBasis() : nil
        var bound: Double? = nil
        var gap: Double? = nil
        if source == .mip, let objective {
            // A proven optimum is its own bound; otherwise the bound GLPK held when it stopped.
            bound = outcome == .optimal && !stoppedAtGap ? objective : provenBound(objective: objective)
            if let b = bound { gap = Self.relativeGap(objective, b) }
        }
        return SolveResult(
            status: status, hasPrimalSolution: hasPoint, objective: objective, columnValues: columnValues,
            rowActivities: rowActivities, rowDuals: rowDuals, reducedCosts: reducedCosts, mipBound: bound,
            mipGap: gap, sensitivity: sensitivity, basis: basis, solverStatus: notes.joined(separator: "; "), solverLog: log.text,
            solveSeconds: Date().timeIntervalSince(started))
    }
}
