/// How a solve ended. Every case is proven: an undefined GLPK status is resolved before it is reported.
public enum TerminationStatus: String, Sendable, Codable, CaseIterable {
    /// Optimal (for a MIP: within the requested relative gap).
    case optimal
    /// No feasible point exists.
    case infeasible
    /// Feasible, with the objective unbounded in the optimisation direction.
    case unbounded
    /// The time limit stopped the solve; `hasPrimalSolution` says whether a feasible point is known.
    case timeLimit = "time_limit"
    /// The iteration limit stopped the solve.
    case iterationLimit = "iteration_limit"
    /// GLPK failed numerically (singular or ill-conditioned basis, no convergence, instability).
    case numericalFailure = "numerical_failure"
}

extension TerminationStatus {
    /// The status word in reports, JSON and CSV: optimal, infeasible, unbounded, time_limit or error.
    public var reportName: String {
        switch self {
        case .optimal: "optimal"
        case .infeasible: "infeasible"
        case .unbounded: "unbounded"
        case .timeLimit: "time_limit"
        case .iterationLimit, .numericalFailure: "error"
        }
    }
}

/// An objective-coefficient range: the coefficient may move within `lower…upper` without changing the optimal basis.
public struct CoefficientRange: Sendable, Equatable {
    public var lower: Double
    public var upper: Double
    public init(lower: Double, upper: Double) { self.lower = lower; self.upper = upper }
}

/// A right-hand-side range: the active bound may move within `lower…upper` while the optimal basis stays
/// optimal (the dual keeps its value). For an inactive row it is the half-line over which the row stays slack.
public struct BoundRange: Sendable, Equatable {
    public var lower: Double
    public var upper: Double
    public init(lower: Double, upper: Double) { self.lower = lower; self.upper = upper }
}

/// LP sensitivity ranging from an optimal basis.
public struct SensitivityReport: Sendable, Equatable {
    /// Objective-coefficient range per column (empty when only some rows were asked for).
    public var objectiveRanges: [CoefficientRange]
    /// Right-hand-side range per row, or per row of `rows` in that order.
    public var rhsRanges: [BoundRange]
    /// The rows ranged when not all were (`SolverOptions.sensitivityRows`), 0-based; fixed, as `position` derives from it.
    public let rows: [Int]?
    private var position: [Int: Int]

    public init(objectiveRanges: [CoefficientRange], rhsRanges: [BoundRange], rows: [Int]? = nil) {
        self.objectiveRanges = objectiveRanges
        self.rhsRanges = rhsRanges
        self.rows = rows
        position = rows.map { Dictionary($0.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first }) } ?? [:]
    }

    /// The range of row `i` (0-based), if it was ranged.
    public func rhsRange(ofRow i: Int) -> BoundRange? {
        if rows == nil { return rhsRanges.indices.contains(i) ? rhsRanges[i] : nil }
        return position[i].map { rhsRanges[$0] }
    }

    /// The range of column `j`'s objective coefficient (0-based), if columns were ranged.
    public func objectiveRange(ofColumn j: Int) -> CoefficientRange? {
        objectiveRanges.indices.contains(j) ? objectiveRanges[j] : nil
    }
}

/// A simplex basis: the status of every row and column, as GLPK keeps it. Handed back as a warm start
/// (`SolverOptions.warmStart`), it lets a related LP start where another one ended.
public struct Basis: Sendable, Equatable {
    /// Status of a row or column in a basis.
    public enum Status: Int32, Sendable {
        case basic = 1, atLower = 2, atUpper = 3, free = 4, fixed = 5
    }
    public var rows: [Status]
    public var columns: [Status]
    public init(rows: [Status], columns: [Status]) { self.rows = rows; self.columns = columns }
}

/// The outcome of a solve: a value, never an exception.
public struct SolveResult: Sendable {
    /// How the solve ended.
    public var status: TerminationStatus
    /// Whether `columnValues` hold a feasible point.
    public var hasPrimalSolution: Bool
    /// Objective value of the reported point (`nil` when there is none).
    public var objective: Double?
    /// Value per column (zeros when there is no point).
    public var columnValues: [Double]
    /// Activity per row.
    public var rowActivities: [Double]
    /// Dual value (shadow price) per row: change of the objective per unit increase of the row's bound;
    /// `nil` for MIPs and interior-point solves without duals.
    public var rowDuals: [Double]?
    /// Reduced cost per column; `nil` where `rowDuals` is.
    public var reducedCosts: [Double]?
    /// For MIPs, the best bound found and the relative gap at the end.
    public var mipBound: Double?
    /// Relative gap |obj − bound| / (|obj| + ε) reported by GLPK at the end of branch-and-cut.
    public var mipGap: Double?
    /// Sensitivity ranges, when asked for and an optimal basis exists.
    public var sensitivity: SensitivityReport?
    /// The optimal simplex basis: of the LP, or for a MIP of its LP relaxation at the root; `nil` without one.
    public var basis: Basis?
    /// GLPK's own return code name (e.g. `GLP_ETMLIM`, `0`) and status text.
    public var solverStatus: String
    /// Everything GLPK printed during the solve.
    public var solverLog: String
    /// Wall time of the solve in seconds.
    public var solveSeconds: Double
}
