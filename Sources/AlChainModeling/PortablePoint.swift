import AlChainSolver

/// A solved point kept by what each variable stands for (its name within its family), not by its position: a
/// model built from other data — a what-if of the same chain — reads it through its own handles. The names stay
/// inside this layer; callers only pass handles.
public struct PortablePoint: Sendable {
    private let values: [String: Double]

    /// The point of `solution`, a solution of `model`; `nil` without a feasible point.
    public init?(_ solution: ModelSolution, of model: Model) {
        guard solution.hasSolution else { return nil }
        values = Dictionary(model.variables.map { (model.name(of: $0), solution.value($0)) }, uniquingKeysWith: { a, _ in a })
    }

    /// The value of the variable that stands, in this point's model, for what `v` stands for in `model`; `nil`
    /// where that model had no such variable.
    public func value(of v: Variable, in model: Model) -> Double? { values[model.name(of: v)] }
}

/// A start point and a solved point handed between models by handle, never by column position.
extension Model {
    /// Solves the model starting branch-and-cut from `start`, a point of this model (or of a copy of it with the
    /// same variables, e.g. with bounds changed); without `start`, as `solve(options:)`.
    public func solve(options: SolverOptions, start: ModelSolution?) throws -> ModelSolution {
        var o = options
        if let start {
            precondition(start.model == nil || start.model == identity, "the start is not a point of \(identity)")
            precondition(start.result.columnValues.count == variableCount, "the start has \(start.result.columnValues.count) values for \(variableCount) variables")
            o.mipStart = start.result.columnValues
        }
        return try solve(options: o)
    }

    /// `solution` (of this model) with its point — variable values, constraint activities, objective — taken
    /// from `extended`, a solution of a model that extends this one (the same first variables and constraints,
    /// more after them, as `closest(to:objectiveBound:)` builds); the objective is recomputed with this model's
    /// objective, duals are dropped, status, bound and basis kept.
    public func replacingPoint(of solution: ModelSolution, with extended: ModelSolution) -> ModelSolution {
        precondition(solution.model == nil || solution.model == identity, "the solution is not a point of \(identity)")
        precondition(extended.hasSolution && extended.result.columnValues.count >= variableCount, "no point of an extension of \(identity)")
        var r = solution.result
        r.hasPrimalSolution = true
        r.columnValues = Array(extended.result.columnValues.prefix(variableCount))
        r.rowActivities = Array(extended.result.rowActivities.prefix(constraintCount))
        r.objective = objectiveExpression.value { r.columnValues[$0.index] }
        r.rowDuals = nil
        r.reducedCosts = nil
        return ModelSolution(result: r, of: self)
    }
}

extension ModelSolution {
    /// The solution with some variables' values replaced (e.g. solver noise snapped to a reference) and the
    /// objective recomputed with `model`'s objective (the model the solution belongs to).
    public func setting(_ values: some Sequence<(Variable, Double)>, objectiveOf model: Model) -> ModelSolution {
        precondition(self.model == nil || self.model == model.identity, "the solution is not a point of \(model.identity)")
        var r = result
        for (v, x) in values {
            precondition(v.model == model.identity, "\(v) is not a variable of \(model.identity)")
            r.columnValues[v.index] = x
        }
        r.objective = model.objectiveExpression.value { r.columnValues[$0.index] }
        return ModelSolution(result: r, of: model)
    }

    /// The solution with `note` appended to the solver's status text and `seconds` added to its solve time.
    public func noting(_ note: String, seconds: Double = 0) -> ModelSolution {
        var r = result
        r.solverStatus += "; " + note
        r.solveSeconds += seconds
        return model == nil ? ModelSolution(result: r) : ModelSolution(result: r, model: model!)
    }

    init(result: SolveResult, model: ModelIdentity) {
        self.result = result
        self.model = model
    }
}
