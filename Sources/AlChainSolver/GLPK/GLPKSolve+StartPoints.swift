import CGLPK

/// Starting points: a MIP start checked for feasibility, a rounded incumbent, the current basis.
extension GLPKSolve {
    /// Why `x` (a value per column) is not an integer-feasible point of the loaded problem, or `nil`. GLPK's
    /// manual: glp_ios_heur_sol "does not check primal feasibility of the solution provided", so an infeasible
    /// start would become the incumbent and cut off the true optimum; it is checked here first.
    func infeasibility(of x: [Double]) -> String? {
        let p = problem
        let m = Int(glp_get_num_rows(p)), n = Int(glp_get_num_cols(p))
        func violates(_ v: Double, _ type: Int32, _ lb: Double, _ ub: Double) -> Bool {
            let hasLower = type == GLP_LO || type == GLP_DB || type == GLP_FX
            let hasUpper = type == GLP_UP || type == GLP_DB || type == GLP_FX
            return (hasLower && v < lb - 1e-6 * max(1, abs(lb))) || (hasUpper && v > ub + 1e-6 * max(1, abs(ub)))
        }
        func name(_ s: UnsafePointer<CChar>?, _ fallback: String) -> String { s.map { "'\(String(cString: $0))'" } ?? fallback }
        var activity = [Double](repeating: 0, count: m + 1)
        var index = [Int32](repeating: 0, count: m + 1), value = [Double](repeating: 0, count: m + 1)
        for j in stride(from: 1, through: n, by: 1) {
            let c = Int32(j), v = x[j - 1]
            let column = name(glp_get_col_name(p, c), "column \(j)")
            // glp_ios_heur_sol itself rejects integer columns that are not exactly integral.
            guard v.isFinite, glp_get_col_kind(p, c) == GLP_CV || v == v.rounded() else { return "\(column) is \(v)" }
            if violates(v, glp_get_col_type(p, c), glp_get_col_lb(p, c), glp_get_col_ub(p, c)) {
                return "\(column) = \(v) is outside its bounds"
            }
            let length = Int(glp_get_mat_col(p, c, &index, &value))
            for k in stride(from: 1, through: length, by: 1) { activity[Int(index[k])] += value[k] * v }
        }
        for i in stride(from: 1, through: m, by: 1) {
            let r = Int32(i)
            if violates(activity[i], glp_get_row_type(p, r), glp_get_row_lb(p, r), glp_get_row_ub(p, r)) {
                return "\(name(glp_get_row_name(p, r), "row \(i)")) is violated (activity \(activity[i]))"
            }
        }
        return nil
    }

    /// Rounds the root LP optimum, fixes the integer columns there in a copy of the problem and re-solves the
    /// LP; returns the point (GLPK's 1-based layout) when that LP is feasible.
    func roundedIncumbent() -> [Double]? {
        let n = Int(glp_get_num_cols(problem))
        guard n > 0, glp_get_status(problem) == GLP_OPT else { return nil }
        let copy = glp_create_prob()!
        defer { glp_delete_prob(copy) }
        glp_copy_prob(copy, problem, GLP_OFF)
        for j in 1...n where glp_get_col_kind(problem, Int32(j)) != GLP_CV {
            let lb = glp_get_col_lb(problem, Int32(j)), ub = glp_get_col_ub(problem, Int32(j))
            let type = glp_get_col_type(problem, Int32(j))
            var v = glp_get_col_prim(problem, Int32(j)).rounded()
            if type == GLP_LO || type == GLP_DB || type == GLP_FX { v = max(v, lb) }
            if type == GLP_UP || type == GLP_DB || type == GLP_FX { v = min(v, ub) }
            glp_set_col_bnds(copy, Int32(j), GLP_FX, v, v)
        }
        var parm = glp_smcp()
        glp_init_smcp(&parm)
        parm.msg_lev = GLP_MSG_OFF
        parm.presolve = GLP_ON
        parm.tm_lim = remainingMilliseconds
        guard glp_simplex(copy, &parm) == 0, glp_get_status(copy) == GLP_OPT else { return nil }
        var x = [Double](repeating: 0, count: n + 1)
        for j in 1...n {
            x[j] = glp_get_col_kind(problem, Int32(j)) == GLP_CV ? glp_get_col_prim(copy, Int32(j)) : glp_get_col_lb(copy, Int32(j))
        }
        return x
    }

    /// The problem's current simplex basis.
    func currentBasis() -> Basis {
        func status(_ s: Int32) -> Basis.Status { Basis.Status(rawValue: s) ?? .basic }
        return Basis(rows: (0..<glp_get_num_rows(problem)).map { status(glp_get_row_stat(problem, $0 + 1)) },
                     columns: (0..<glp_get_num_cols(problem)).map { status(glp_get_col_stat(problem, $0 + 1)) })
    }
}
