/// The LP algorithm GLPK runs (for MIPs: on the relaxation before branch-and-cut).
public enum LPAlgorithm: String, Sendable, CaseIterable, Codable {
    /// Primal simplex (`GLP_PRIMAL`), glpsol's default.
    case primalSimplex = "primal"
    /// Dual simplex, falling back to primal if it fails (`GLP_DUALP`).
    case dualSimplex = "dual"
    /// Interior point (`glp_interior`); gives no basis, so no sensitivity ranges.
    case interiorPoint = "interior"
}

/// Cutting planes GLPK's branch-and-cut may add.
public enum CutKind: String, Sendable, CaseIterable, Codable {
    case gomory, mir, cover, clique
}

/// Where branch-and-cut generates cutting planes.
public enum CutNodes: String, Sendable, CaseIterable, Codable {
    /// At every node, as GLPK does (its MIR generator then runs at every node, which can dominate the search).
    case all
    /// At the root only: the root's cuts stay in the problem as rows for the rest of the search, which generates
    /// no more (needs the MIP presolver off, since the cuts are read from the original columns).
    case root
}

/// How branch-and-cut picks the variable to branch on (GLPK's `br_tech`).
public enum BranchingRule: String, Sendable, CaseIterable, Codable {
    /// Driebeck–Tomlin heuristic, GLPK's default.
    case driebeckTomlin = "dth"
    /// Hybrid pseudocost branching.
    case pseudocost = "pcost"
    /// Most fractional variable.
    case mostFractional = "mostf"
}

/// Primal heuristics GLPK's branch-and-cut may run to find integer points early.
public enum MIPHeuristic: String, Sendable, CaseIterable, Codable {
    case feasibilityPump = "fp"
    case proximitySearch = "proximity"
    /// Round the root LP optimum, fix the integers there and re-solve the LP; a feasible result becomes the
    /// first incumbent (needs the MIP presolver off, since GLPK then branches on the original columns).
    case lpRounding = "rounding"
}

/// How GLPK solves a problem. `init()` gives GLPK's library defaults (primal simplex from an advanced basis, no
/// presolve, no scaling), which `glpsol --nopresol --noscale --nointopt` matches; `glpsolDefaults` gives glpsol's
/// own (LP presolver, scaling, MIP presolver), which `alchain solve-file` uses.
public struct SolverOptions: Sendable, Equatable {
    /// LP algorithm.
    public var algorithm: LPAlgorithm = .primalSimplex
    /// Use GLPK's LP presolver (simplex), and its MIP presolver (branch-and-cut) unless `mipPresolve` says otherwise.
    public var presolve: Bool = false
    /// Use GLPK's MIP presolver in branch-and-cut; `nil` = as `presolve` says (glpsol's `--intopt`).
    public var mipPresolve: Bool? = nil
    /// Scale the problem (`glp_scale_prob(GLP_SF_AUTO)`, glpsol's `--scale`) before a simplex or interior-point run
    /// without a presolver; the presolvers scale the problem they build themselves.
    public var scaling: Bool = false
    /// Relative MIP gap at which branch-and-cut stops (0 = prove optimality).
    public var mipGap: Double = 0
    /// Wall-clock limit in seconds for the whole solve; `nil` = none.
    public var timeLimit: Double? = nil
    /// Branch-and-cut nodes after which the search stops with its best point (status `iterationLimit`); `nil` =
    /// none. A count, not a time, so the point returned does not depend on the machine's speed.
    public var nodeLimit: Int? = nil
    /// Cuts for branch-and-cut.
    public var cuts: Set<CutKind> = []
    /// Where cuts are generated (when `cuts` is not empty).
    public var cutNodes: CutNodes = .all
    /// Branching rule for branch-and-cut.
    public var branching: BranchingRule = .driebeckTomlin
    /// Primal heuristics for branch-and-cut (GLPK's simple rounding always runs).
    public var heuristics: Set<MIPHeuristic> = []
    /// A MIP start: a value per column, offered to branch-and-cut as its first incumbent when it is feasible
    /// (needs the MIP presolver off, since GLPK then branches on the original columns).
    public var mipStart: [Double]? = nil
    /// A start made only if branch-and-cut finds no incumbent within its first nodes (see `DeferredStart`);
    /// ignored when `mipStart` is given or the MIP presolver is on.
    public var deferredStart: DeferredStart? = nil
    /// Branching priority per column (higher first): where it prefers a fractional column, branch-and-cut
    /// branches on it; among equals GLPK's own rule decides.
    public var branchingPriority: [Int]? = nil
    /// A basis to start the simplex method from (one status per row and column of the problem), e.g. the
    /// `basis` of a solve of a related problem; ignored with presolve, and replaced by the standard basis if
    /// GLPK finds it singular.
    public var warmStart: Basis? = nil
    /// With `computeSensitivity`: range only these rows' bounds (0-based) and no objective coefficient. Ranging
    /// every basic column costs about ten times a warm-started LP of the Guizhou plan's size.
    public var sensitivityRows: [Int]? = nil
    /// Compute LP sensitivity ranges after an optimal simplex solve.
    public var computeSensitivity: Bool = false
    /// Echo GLPK's log to standard error (it is always captured in the result).
    public var verbose: Bool = false
    /// A flag that stops the solve early when set from another thread (`nil`: the solve cannot be cancelled and
    /// branch-and-cut installs no callback for it).
    public var cancellation: SolveCancellation? = nil

    /// Default options.
    public init(
        algorithm: LPAlgorithm = .primalSimplex, presolve: Bool = false, mipGap: Double = 0,
        timeLimit: Double? = nil, cuts: Set<CutKind> = [], computeSensitivity: Bool = false, verbose: Bool = false
    ) {
        self.algorithm = algorithm
        self.presolve = presolve
        self.mipGap = mipGap
        self.timeLimit = timeLimit
        self.cuts = cuts
        self.computeSensitivity = computeSensitivity
        self.verbose = verbose
    }

    /// glpsol 5.0's defaults, as `glpsol --help` lists them: LP presolver (`--presol`), scaling (`--scale`), MIP
    /// presolver (`--intopt`), primal simplex (`--primal`) from an advanced basis (`--adv`), Driebeck–Tomlin
    /// branching (`--drtom`), no cuts, no gap, no time limit. `alchain solve-file` starts from these.
    public static var glpsolDefaults: SolverOptions {
        var o = SolverOptions(algorithm: .primalSimplex, presolve: true)
        o.mipPresolve = true
        o.scaling = true
        return o
    }

    /// Whether branch-and-cut uses GLPK's MIP presolver.
    public var usesMIPPresolve: Bool { mipPresolve ?? presolve }

    /// Checks the options themselves; invalid values would otherwise reach GLPK.
    public func validate() throws(ModelError) {
        guard mipGap.isFinite, mipGap >= 0 else {
            throw ModelError(.invalidOption, "mip gap must be a finite number ≥ 0, found \(mipGap)")
        }
        if let t = timeLimit, !(t.isFinite && t > 0 && t <= Double(Int32.max) / 1000) {
            throw ModelError(.invalidOption, "time limit must be a positive number of seconds, found \(t)")
        }
    }

    /// Checks the options that refer to rows of the problem they are used with.
    public func validate(rowCount: Int) throws(ModelError) {
        if let bad = sensitivityRows?.first(where: { !(0..<rowCount).contains($0) }) {
            throw ModelError(.invalidOption, "sensitivity row \(bad) is not a row of the problem (0..<\(rowCount))")
        }
    }
}
