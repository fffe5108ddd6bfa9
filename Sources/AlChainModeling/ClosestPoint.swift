import AlChainSolver

/// The pieces of a lexicographic second stage: keep the objective within a bound of the first stage's
/// optimum and, among those points, minimise the L1 distance of some expressions to reference values.
extension Model {
    /// Every variable of the model, in creation order.
    public var variables: [Variable] { (0..<problem.columnCount).map { Variable($0, model: identity) } }

    /// A variable's kind (continuous, integer or binary).
    public func kind(of v: Variable) -> VariableKind {
        mustOwn(v)
        return problem.columnKinds[v.index]
    }

    /// The largest value `e` can take within the variables' bounds alone (rows ignored).
    public func largestValue(_ e: LinearExpression) -> Double {
        e.terms.reduce(e.constant) { sum, t in
            let (lower, upper) = bounds(of: t.variable)
            return sum + (t.coefficient > 0 ? t.coefficient * upper : t.coefficient * lower)
        }
    }

    /// The objective as an expression (with its constant).
    public var objectiveExpression: LinearExpression {
        var e = LinearExpression(constant: problem.objectiveConstant)
        for (j, c) in problem.objective.enumerated() where c != 0 { e.add(Variable(j, model: identity), c) }
        return e
    }

    /// The model with its objective held within `bound` (≤ when minimising, ≥ when maximising) and the new
    /// objective "minimise Σ |expression − reference|" over `targets`; one deviation column and two rows per
    /// target. The model's own rows and columns keep their positions, so its handles read the new solution.
    public func closest(to targets: [(expression: LinearExpression, reference: Double)], objectiveBound bound: Double) -> Model {
        var m = self
        let objective = objectiveExpression
        m.add(sense == .minimize ? objective <= bound : objective >= bound, name: "stage1_objective_bound")
        var distance = LinearExpression()
        for (i, t) in targets.enumerated() {
            let d = m.addVariable("distance[\(i)]")
            m.add(t.expression - d <= t.reference, name: "distance_above[\(i)]")
            m.add(t.expression + d >= t.reference, name: "distance_below[\(i)]")
            distance.add(d)
        }
        m.setObjective(distance, .minimize)
        return m
    }

    /// `start`, a point of this model whose objective is within the bound, as a start for
    /// `closest(to: targets, objectiveBound:)`: its values followed by its distances to the references.
    public func closestStart(from start: ModelSolution, targets: [(expression: LinearExpression, reference: Double)]) -> ModelSolution {
        precondition(start.model == nil || start.model == identity, "the start is not a point of \(identity)")
        var r = start.result
        r.columnValues = Array(r.columnValues.prefix(variableCount)) + targets.map { abs(start.value($0.expression) - $0.reference) }
        return ModelSolution(result: r, model: identity)
    }
}
