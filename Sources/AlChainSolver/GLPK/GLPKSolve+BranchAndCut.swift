import CGLPK

/// Branch-and-cut (`glp_intopt`) with its parameters, the callback for starts, priorities and root-only cuts.
extension GLPKSolve {
    /// Runs branch-and-cut (after the LP relaxation when the MIP presolver is off), as glpsol does.
    mutating func branchAndCut(progress: MIPProgress) -> Outcome {
        if !options.usesMIPPresolve {
            // The LP relaxation as glpsol --nointopt solves it: with the LP presolver when that is on.
            switch simplex(presolve: options.presolve) {
            case .optimal: break
            case .infeasible: return .infeasible
            case .unbounded: return integerFeasibleOrInfeasible(progress: progress)
            case let other: return other
            }
            rootBasis = currentBasis()
            if let start = options.mipStart, start.count == Int(glp_get_num_cols(problem)) {
                if let why = infeasibility(of: start) {
                    notes.append("MIP start not offered: \(why)")
                } else {
                    progress.incumbent = [0] + start
                    notes.append("MIP start offered")
                }
            } else if options.heuristics.contains(.lpRounding) {
                progress.incumbent = roundedIncumbent()
                notes.append("LP rounding \(progress.incumbent == nil ? "found no point" : "found a first incumbent")")
            }
        }
        var parm = glp_iocp()
        glp_init_iocp(&parm)
        // At GLP_MSG_ON GLPK prints its final incumbent and bound as it returns: the proven gap (`provenBound`).
        parm.msg_lev = GLP_MSG_ON
        parm.presolve = options.usesMIPPresolve ? GLP_ON : GLP_OFF
        parm.mip_gap = options.mipGap
        if options.verbose { parm.out_frq = 1000 }  // progress once a second rather than every five
        parm.tm_lim = remainingMilliseconds
        parm.gmi_cuts = options.cuts.contains(.gomory) ? GLP_ON : GLP_OFF
        parm.mir_cuts = options.cuts.contains(.mir) ? GLP_ON : GLP_OFF
        parm.cov_cuts = options.cuts.contains(.cover) ? GLP_ON : GLP_OFF
        parm.clq_cuts = options.cuts.contains(.clique) ? GLP_ON : GLP_OFF
        parm.br_tech = switch options.branching {
        case .driebeckTomlin: GLP_BR_DTH
        case .pseudocost: GLP_BR_PCH
        case .mostFractional: GLP_BR_MFV
        }
        parm.fp_heur = options.heuristics.contains(.feasibilityPump) ? GLP_ON : GLP_OFF
        parm.ps_heur = options.heuristics.contains(.proximitySearch) ? GLP_ON : GLP_OFF
        // The callback is installed only for what needs it (a starting point, branching priorities, root-only
        // cuts, a cancellation flag): the gap and the time limit are GLPK's own parameters, and the final bound is
        // read from GLPK's last progress line (see `provenBound`), so a plain search runs exactly as glpsol's.
        // Like the MIP start, priorities name the original columns: with the MIP presolver on, the tree holds a
        // transformed problem, and glp_ios_can_branch aborts on a column number it does not have.
        if !options.usesMIPPresolve, let p = options.branchingPriority, p.count == Int(glp_get_num_cols(problem)) {
            progress.priority = p
        } else if options.branchingPriority != nil {
            notes.append("branching priority not used (it needs the MIP presolver off and one value per column)")
        }
        if options.cutNodes == .root, !options.cuts.isEmpty {
            if options.usesMIPPresolve {
                notes.append("cuts at every node (root-only cuts need the MIP presolver off)")
            } else {
                progress.collectRootCuts = true
            }
        }
        progress.cancellation = options.cancellation
        progress.nodeLimit = options.nodeLimit
        if !options.usesMIPPresolve, options.mipStart == nil { progress.deferredStart = options.deferredStart }
        if progress.incumbent != nil || progress.priority != nil || progress.collectRootCuts || progress.cancellation != nil
            || progress.deferredStart != nil || progress.nodeLimit != nil {
            parm.cb_info = Unmanaged.passUnretained(progress).toOpaque()
            parm.cb_func = { tree, info in
                guard let tree, let info else { return }
                let progress = Unmanaged<MIPProgress>.fromOpaque(info).takeUnretainedValue()
                if progress.cancellation?.isCancelled == true {
                    glp_ios_terminate(tree)
                    return
                }
                switch glp_ios_reason(tree) {
                case GLP_ISELECT:
                    if let limit = progress.nodeLimit, !progress.collectRootCuts, GLPKSolve.nodeCount(tree) >= limit {
                        progress.stoppedAtNodeLimit = true
                        glp_ios_terminate(tree)
                    }
                case GLP_IHEUR:
                    // Offered once; GLPK keeps it only if it is integer feasible and better than its incumbent.
                    if let x = progress.incumbent {
                        progress.incumbent = nil
                        progress.incumbentAccepted = x.withUnsafeBufferPointer { glp_ios_heur_sol(tree, $0.baseAddress) } == 0
                    } else if let deferred = progress.deferredStart, glp_mip_status(glp_ios_get_prob(tree)) != GLP_FEAS {
                        let total = GLPKSolve.nodeCount(tree)
                        guard total >= deferred.afterNodes else { break }
                        progress.deferredStart = nil
                        var accepted = false
                        if let x = deferred.point(), x.count == Int(glp_get_num_cols(glp_ios_get_prob(tree))) {
                            accepted = ([0] + x).withUnsafeBufferPointer { glp_ios_heur_sol(tree, $0.baseAddress) } == 0
                        }
                        progress.deferredStartOutcome = (Int(total), accepted)
                    }
                case GLP_IBRANCH:
                    if progress.collectRootCuts {
                        if glp_ios_node_level(tree, glp_ios_curr_node(tree)) == 0 {
                            GLPKSolve.collectRootCuts(tree, into: progress)
                            return
                        }
                        progress.collectRootCuts = false
                    }
                    guard let priority = progress.priority else { break }
                    var best: Int32 = 0, bestPriority = Int.min, lowest = Int.max
                    let columns = min(Int32(priority.count), glp_get_num_cols(glp_ios_get_prob(tree)))
                    for j in stride(from: Int32(1), through: columns, by: 1) where glp_ios_can_branch(tree, j) != 0 {
                        let p = priority[Int(j) - 1]
                        lowest = min(lowest, p)
                        if p > bestPriority { bestPriority = p; best = j }
                    }
                    // Only where the priorities discriminate; otherwise GLPK's rule chooses.
                    if best != 0, bestPriority > lowest { glp_ios_branch_upon(tree, best, GLP_NO_BRNCH) }
                default:
                    break
                }
            }
        }
        let start = progress.incumbent
        log.lastMIPProgress = nil
        var code = withExtendedLifetime(progress) { glp_intopt(problem, &parm) }
        if let accepted = progress.incumbentAccepted {
            notes.append(accepted ? "starting point accepted as incumbent" : "starting point rejected (not integer feasible, or not better)")
        }
        notes.append("glp_intopt(presolve: \(options.usesMIPPresolve ? "on" : "off")) returned \(Self.codeName(code))")
        if code == GLP_ESTOP, progress.stoppedForRootCuts, progress.cancellation?.isCancelled != true {
            code = searchWithRootCuts(&parm, progress: progress, start: start)
        }
        if progress.stoppedAtNodeLimit { notes.append("stopped at the node limit (\(options.nodeLimit ?? 0) nodes)") }
        if let (nodes, accepted) = progress.deferredStartOutcome {
            notes.append("no incumbent after \(nodes) nodes: deferred start \(accepted ? "accepted" : "not found or rejected")")
        }
        switch code {
        case 0:
            switch glp_mip_status(problem) {
            case GLP_OPT: return .optimal
            case GLP_NOFEAS: return .infeasible
            default: return .numericalFailure
            }
        case GLP_EMIPGAP:
            stoppedAtGap = true
            return .optimal
        case GLP_ETMLIM: return .timeLimit
        case GLP_ESTOP where progress.stoppedAtNodeLimit: return .iterationLimit
        case GLP_ENOPFS: return .infeasible  // the MIP presolver proved it: no integer-feasible point
        case GLP_ENODFS: return integerFeasibleOrInfeasible(progress: progress)
        case GLP_EROOT, GLP_EBOUND, GLP_EFAIL, GLP_ESTOP: return .numericalFailure
        default: return .numericalFailure
        }
    }

    /// The nodes branch-and-cut has created so far (`glp_ios_tree_size`'s total): what node limits and the
    /// deferred start count.
    static func nodeCount(_ tree: OpaquePointer) -> Int {
        var active: Int32 = 0, inTree: Int32 = 0, total: Int32 = 0
        glp_ios_tree_size(tree, &active, &inTree, &total)
        return Int(total)
    }

    /// Continues a search stopped at its first branching: the root's cuts become rows, the LP is re-solved from
    /// the current basis, branch-and-cut runs again without cut generators (offered the best point known so far),
    /// and the cut rows are deleted, so the problem and its row numbers are as loaded.
    private mutating func searchWithRootCuts(_ parm: inout glp_iocp, progress: MIPProgress, start: [Double]?) -> Int32 {
        let cuts = progress.rootCuts
        let m = glp_get_num_rows(problem)
        if !cuts.isEmpty {
            let first = glp_add_rows(problem, Int32(cuts.count))
            for (k, cut) in cuts.enumerated() {
                var columns = cut.columns, values = cut.values
                glp_set_row_bnds(problem, first + Int32(k), cut.type, cut.lower, cut.upper)
                glp_set_mat_row(problem, first + Int32(k), Int32(columns.count - 1), &columns, &values)
            }
        }
        defer {
            if !cuts.isEmpty {
                var rows = [Int32(0)] + (1...Int32(cuts.count)).map { m + $0 }
                glp_del_rows(problem, Int32(cuts.count), &rows)
            }
        }
        notes.append("\(cuts.count) root cuts kept as rows")
        switch simplex(presolve: false) {
        case .optimal: break
        case .timeLimit: return GLP_ETMLIM  // the first pass's incumbent, if any, is still the problem's
        default: return GLP_EFAIL
        }
        parm.gmi_cuts = GLP_OFF
        parm.mir_cuts = GLP_OFF
        parm.cov_cuts = GLP_OFF
        parm.clq_cuts = GLP_OFF
        parm.tm_lim = remainingMilliseconds
        // The better of the caller's start and GLPK's root point (the objective decides; both are feasible).
        let candidates = [start, progress.rootIncumbent].compactMap { $0 }
        let sign = glp_get_obj_dir(problem) == GLP_MIN ? 1.0 : -1.0
        func objective(_ x: [Double]) -> Double {
            (1..<x.count).reduce(glp_get_obj_coef(problem, 0)) { $0 + glp_get_obj_coef(problem, Int32($1)) * x[$1] }
        }
        progress.incumbent = candidates.min { sign * objective($0) < sign * objective($1) }
        progress.incumbentAccepted = nil
        log.lastMIPProgress = nil
        let code = withExtendedLifetime(progress) { glp_intopt(problem, &parm) }
        notes.append("glp_intopt(root cuts, no generators) returned \(Self.codeName(code))")
        return code
    }

    /// The LP relaxation is unbounded, so the MIP is unbounded if it has an integer point at all (Meyer 1974,
    /// rational data) and infeasible otherwise: search for any integer point with the objective set to zero.
    private mutating func integerFeasibleOrInfeasible(progress: MIPProgress) -> Outcome {
        let n = Int(glp_get_num_cols(problem))
        let saved = (0...n).map { glp_get_obj_coef(problem, Int32($0)) }
        for j in 0...n { glp_set_obj_coef(problem, Int32(j), 0) }
        defer { for j in 0...n { glp_set_obj_coef(problem, Int32(j), saved[j]) } }
        var parm = glp_iocp()
        glp_init_iocp(&parm)
        parm.msg_lev = messageLevel
        parm.presolve = GLP_ON
        parm.tm_lim = remainingMilliseconds
        let code = glp_intopt(problem, &parm)
        notes.append("feasibility check glp_intopt returned \(Self.codeName(code))")
        if (code == 0 && glp_mip_status(problem) == GLP_NOFEAS) || code == GLP_ENOPFS { return .infeasible }
        if code == 0 || code == GLP_EMIPGAP { return .unbounded }
        return code == GLP_ETMLIM ? .timeLimit : .numericalFailure
    }
}
