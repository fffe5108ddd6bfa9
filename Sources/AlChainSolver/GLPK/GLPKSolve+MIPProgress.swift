import CGLPK

/// What the branch-and-cut callback hands GLPK and collects from it, and the root cuts it reads.
extension GLPKSolve {
    /// What the branch-and-cut callback offers GLPK and collects from it.
    final class MIPProgress: @unchecked Sendable {  // touched only by the callback on the solving thread
        /// A feasible integer point (1-based, slot 0 unused) to hand to GLPK at the first heuristic call.
        var incumbent: [Double]?
        /// Branching priority per column (0-based), when given.
        var priority: [Int]?
        /// Whether GLPK took `incumbent` (`glp_ios_heur_sol` returned 0), once it was offered.
        var incumbentAccepted: Bool?
        /// A start to make if the search has no incumbent after its first nodes; `nil` once made.
        var deferredStart: DeferredStart?
        /// After how many nodes the deferred start was made, and whether GLPK took it.
        var deferredStartOutcome: (nodes: Int, accepted: Bool)?
        /// Set while the root's cuts are to be collected (`CutNodes.root`): at the first branching the search
        /// stops, and `rootCuts` holds the cut rows and `rootIncumbent` GLPK's integer point, if it had one.
        var collectRootCuts = false
        /// Whether the search was stopped to keep the root's cuts.
        var stoppedForRootCuts = false
        var rootCuts: [RootCut] = []
        var rootIncumbent: [Double]?
        /// The caller's cancellation flag, checked at every callback (`nil`: not checked).
        var cancellation: SolveCancellation?
        /// `SolverOptions.nodeLimit`, and whether the search was stopped there.
        var nodeLimit: Int?
        var stoppedAtNodeLimit = false
    }

    /// A cut row read from the root node: `lower ≤ Σ values·x[columns] ≤ upper` (GLPK's type and 1-based arrays).
    struct RootCut {
        var type: Int32
        var lower: Double
        var upper: Double
        var columns: [Int32]
        var values: [Double]
    }

    /// Reads the cut rows GLPK added at the root, and its integer point if it found one, then stops the search.
    static func collectRootCuts(_ tree: OpaquePointer, into progress: MIPProgress) {
        let p = glp_ios_get_prob(tree)
        let m = glp_get_num_rows(p), n = Int(glp_get_num_cols(p))
        var attr = glp_attr()
        var columns = [Int32](repeating: 0, count: n + 1), values = [Double](repeating: 0, count: n + 1)
        for i in stride(from: Int32(1), through: m, by: 1) {
            glp_ios_row_attr(tree, i, &attr)
            guard attr.origin == GLP_RF_CUT else { continue }
            let length = Int(glp_get_mat_row(p, i, &columns, &values))
            progress.rootCuts.append(RootCut(type: glp_get_row_type(p, i), lower: glp_get_row_lb(p, i), upper: glp_get_row_ub(p, i),
                                             columns: Array(columns[0...length]), values: Array(values[0...length])))
        }
        if glp_mip_status(p) == GLP_FEAS {
            progress.rootIncumbent = (0...n).map { $0 == 0 ? 0 : glp_mip_col_val(p, Int32($0)) }
        }
        progress.collectRootCuts = false
        progress.stoppedForRootCuts = true
        glp_ios_terminate(tree)
    }
}
