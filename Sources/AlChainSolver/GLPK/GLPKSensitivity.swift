import CGLPK

/// LP sensitivity ranging from an optimal simplex basis (`glp_analyze_coef`, `glp_analyze_bound`).
enum GLPKSensitivity {
    /// Ranges for every column's objective coefficient and every row's active bound (or only the bounds of
    /// `rows`, 0-based and in range), or `nil` when the basis cannot be factorised (the analysis routines abort
    /// without a factorisation, so it is checked first).
    static func analyze(_ p: OpaquePointer, rows: [Int]? = nil) -> SensitivityReport? {
        let m = Int(glp_get_num_rows(p)), n = Int(glp_get_num_cols(p))
        // GLPK manual: "the current basic solution must be optimal, and the basis factorization must exist".
        guard glp_get_status(p) == GLP_OPT, glp_get_prim_stat(p) == GLP_FEAS, glp_get_dual_stat(p) == GLP_FEAS else {
            return nil
        }
        if m > 0, glp_bf_exists(p) == 0, glp_factorize(p) != 0 { return nil }
        let minimize = glp_get_obj_dir(p) == GLP_MIN
        var objectiveRanges: [CoefficientRange] = []
        objectiveRanges.reserveCapacity(n)
        for j in 1...max(n, 1) where n > 0 && rows == nil {
            let k = Int32(m + j)
            let c = glp_get_obj_coef(p, Int32(j))
            switch glp_get_col_stat(p, Int32(j)) {
            case GLP_BS:
                var c1 = 0.0, c2 = 0.0, v1 = 0.0, v2 = 0.0
                var var1: Int32 = 0, var2: Int32 = 0
                glp_analyze_coef(p, k, &c1, &var1, &v1, &c2, &var2, &v2)
                objectiveRanges.append(CoefficientRange(lower: finite(c1), upper: finite(c2)))
            case let stat:
                // Non-basic: the coefficient may move until the reduced cost d changes sign.
                let d = glp_get_col_dual(p, Int32(j))
                let atLower = stat == GLP_NL
                let atUpper = stat == GLP_NU
                if stat == GLP_NS {
                    objectiveRanges.append(CoefficientRange(lower: -.infinity, upper: .infinity))
                } else if (atLower && minimize) || (atUpper && !minimize) {
                    objectiveRanges.append(CoefficientRange(lower: c - d, upper: .infinity))
                } else if atLower || atUpper {
                    objectiveRanges.append(CoefficientRange(lower: -.infinity, upper: c - d))
                } else {
                    objectiveRanges.append(CoefficientRange(lower: c - d, upper: c - d))
                }
            }
        }
        var rhsRanges: [BoundRange] = []
        rhsRanges.reserveCapacity(rows?.count ?? m)
        for i in rows?.map({ $0 + 1 }) ?? Array(1...max(m, 1)) where m > 0 {
            let r = Int32(i)
            if glp_get_row_stat(p, r) == GLP_BS {
                // A slack row: its bound may move up to the activity without changing anything.
                let a = glp_get_row_prim(p, r)
                switch glp_get_row_type(p, r) {
                case GLP_UP: rhsRanges.append(BoundRange(lower: a, upper: .infinity))
                case GLP_LO: rhsRanges.append(BoundRange(lower: -.infinity, upper: a))
                case GLP_FX: rhsRanges.append(BoundRange(lower: a, upper: a))
                default: rhsRanges.append(BoundRange(lower: -.infinity, upper: .infinity))
                }
            } else {
                var v1 = 0.0, v2 = 0.0
                var var1: Int32 = 0, var2: Int32 = 0
                glp_analyze_bound(p, r, &v1, &var1, &v2, &var2)
                rhsRanges.append(BoundRange(lower: finite(v1), upper: finite(v2)))
            }
        }
        return SensitivityReport(objectiveRanges: objectiveRanges, rhsRanges: rhsRanges, rows: rows)
    }

    /// GLPK reports "no limit" as ±DBL_MAX.
    static func finite(_ x: Double) -> Double {
        x >= Double.greatestFiniteMagnitude ? .infinity : (x <= -Double.greatestFiniteMagnitude ? -.infinity : x)
    }
}
