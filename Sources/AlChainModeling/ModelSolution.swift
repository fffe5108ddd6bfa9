import AlChainSolver

/// A solve's outcome read back through the model's handles.
public struct ModelSolution: Sendable {
    /// The solver's outcome, indexed like the model.
    public let result: SolveResult

    /// The model the result belongs to, where known; handles of other models are refused.
    public let model: ModelIdentity?

    /// Wraps a solver result of the model's problem (e.g. one re-solved with changed bounds); handles unchecked.
    public init(result: SolveResult) {
        self.result = result
        model = nil
    }

    /// Wraps a solver result of `model`'s problem (or of a model derived from it, such as `fixingIntegers`).
    public init(result: SolveResult, of model: Model) {
        self.result = result
        self.model = model.identity
    }

    /// How the solve ended.
    public var status: TerminationStatus { result.status }
    /// The objective value, when a point is known.
    public var objective: Double? { result.objective }
    /// Whether variable values describe a feasible point.
    public var hasSolution: Bool { result.hasPrimalSolution }
    /// Whether the solve produced constraint duals (an LP solved to optimality).
    public var hasDuals: Bool { result.rowDuals != nil }

    /// A variable's value.
    public func value(_ v: Variable) -> Double {
        precondition(model == nil || v.model == model, "\(v) is not a variable of the solved model")
        return result.columnValues[v.index]
    }
    /// A variable's value, 0 where the variable does not exist.
    public func value(_ v: Variable?) -> Double { v.map(value) ?? 0 }
    /// An expression's value.
    public func value(_ e: LinearExpression) -> Double { e.value { value($0) } }
    /// A constraint's activity (its expression without the constant).
    public func activity(_ c: Constraint) -> Double {
        precondition(model == nil || c.model == model, "\(c) is not a constraint of the solved model")
        return result.rowActivities[c.index]
    }
    /// A constraint's dual value (shadow price), where the solve produced duals.
    public func dual(_ c: Constraint) -> Double? {
        precondition(model == nil || c.model == model, "\(c) is not a constraint of the solved model")
        return result.rowDuals?[c.index]
    }
    /// A variable's reduced cost, where the solve produced them.
    public func reducedCost(_ v: Variable) -> Double? {
        precondition(model == nil || v.model == model, "\(v) is not a variable of the solved model")
        return result.reducedCosts?[v.index]
    }
    /// The range over which a constraint's active bound may move with the same dual, when ranging was asked for.
    public func rhsRange(_ c: Constraint) -> BoundRange? { result.sensitivity?.rhsRange(ofRow: c.index) }
    /// The range over which a variable's objective coefficient may move with the same basis.
    public func objectiveRange(_ v: Variable) -> CoefficientRange? { result.sensitivity?.objectiveRange(ofColumn: v.index) }
}
