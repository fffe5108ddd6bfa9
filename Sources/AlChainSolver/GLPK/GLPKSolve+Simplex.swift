import CGLPK

/// The simplex and interior-point methods, each with its own return-code table.
extension GLPKSolve {
    // MARK: simplex

    /// Runs the simplex method; with presolve, an undefined status is settled by a second run without it.
    mutating func simplex(presolve: Bool, method: Int32? = nil) -> Outcome {
        var parm = glp_smcp()
        glp_init_smcp(&parm)
        parm.msg_lev = messageLevel
        let method = method ?? (options.algorithm == .dualSimplex ? GLP_DUALP : GLP_PRIMAL)
        parm.meth = method
        parm.presolve = presolve ? GLP_ON : GLP_OFF
        parm.tm_lim = remainingMilliseconds
        // Without presolve the simplex needs a starting basis: the caller's warm start if it fits, else
        // glpsol's default, the advanced one, for the primal; the slack basis for the dual, which then starts
        // with fewer infeasibilities to repair.
        if !presolve, !warmStarted, let basis = options.warmStart {
            warmStarted = true
            if basis.rows.count == Int(glp_get_num_rows(problem)), basis.columns.count == Int(glp_get_num_cols(problem)) {
                for (i, s) in basis.rows.enumerated() { glp_set_row_stat(problem, Int32(i + 1), s.rawValue) }
                for (j, s) in basis.columns.enumerated() { glp_set_col_stat(problem, Int32(j + 1), s.rawValue) }
                notes.append("warm start from the given basis")
            } else {
                notes.append("warm start ignored (its size differs from the problem's)")
            }
        } else if !presolve, method == GLP_PRIMAL, glp_get_num_rows(problem) > 0, glp_get_num_cols(problem) > 0, glp_bf_exists(problem) == 0 {
            glp_adv_basis(problem, 0)
        }
        let iterationsBefore = glp_get_it_cnt(problem)
        let code = glp_simplex(problem, &parm)
        notes.append("glp_simplex(\(method == GLP_PRIMAL ? "primal" : "dual"), presolve: \(presolve ? "on" : "off")) returned \(Self.codeName(code)), status \(glp_get_status(problem)), \(glp_get_it_cnt(problem) - iterationsBefore) iterations")
        switch code {
        case 0:
            switch glp_get_status(problem) {
            case GLP_OPT: return .optimal
            case GLP_NOFEAS: return .infeasible
            case GLP_UNBND: return .unbounded
            default:
                // The presolver, or a dual simplex that found no dual feasible basis, leaves the status
                // undefined; the primal simplex without presolve proves it.
                if presolve || method != GLP_PRIMAL { return retryWithoutPresolve() }
                return .numericalFailure
            }
        case GLP_ENOPFS, GLP_ENODFS:
            // Only the presolver returns these, leaving the status undefined: prove it with a plain simplex.
            return retryWithoutPresolve()
        case GLP_ETMLIM: return .timeLimit
        case GLP_EITLIM: return .iterationLimit
        case GLP_EBADB, GLP_ESING, GLP_ECOND:
            // The starting basis was unusable; one retry from the standard basis, as glpsol's users would.
            if !retriedFromStandardBasis, !timeIsUp {
                retriedFromStandardBasis = true
                glp_std_basis(problem)
                notes.append("glp_std_basis: retry from the standard basis")
                return simplex(presolve: false)
            }
            return .numericalFailure
        case GLP_EFAIL, GLP_EBOUND, GLP_EOBJLL, GLP_EOBJUL: return .numericalFailure
        default: return .numericalFailure
        }
    }

    private mutating func retryWithoutPresolve() -> Outcome {
        if timeIsUp { return .timeLimit }
        glp_std_basis(problem)
        return simplex(presolve: false, method: GLP_PRIMAL)
    }

    // MARK: interior point

    /// Runs the interior-point method; when it does not reach an optimum, the simplex settles the status.
    mutating func interior() -> Outcome? {
        guard glp_get_num_rows(problem) > 0, glp_get_num_cols(problem) > 0 else { return nil }
        var parm = glp_iptcp()
        glp_init_iptcp(&parm)
        parm.msg_lev = messageLevel
        let code = glp_interior(problem, &parm)
        notes.append("glp_interior returned \(Self.codeName(code)), status \(glp_ipt_status(problem))")
        if code == 0, glp_ipt_status(problem) == GLP_OPT { return .optimal }
        return nil
    }
}
