import AlChainSolver

/// An LP/MIP built from typed handles. Constraints go straight into a sparse matrix as they are added
/// (duplicate terms merged, exact zeros dropped), so `problem` is ready to load in one call.
///
/// A model is built on one thread; the `LinearProblem` it yields is a value that can be solved anywhere.
public struct Model: Sendable {
    /// The problem as built so far.
    public private(set) var problem: LinearProblem
    /// Scratch: position of a variable's term in the row being added, or -1.
    private var slot: [Int32] = []
    /// The tag every handle of this model (and of its copies) carries.
    public let identity = ModelIdentity()
    /// Scratch: the row being added, its repeated variables merged; kept between rows to allocate it once.
    private var merged: [LinearExpression.Term] = []

    /// An empty model.
    public init(name: String = "", sense: ObjectiveSense = .minimize) {
        problem = LinearProblem(name: name, sense: sense)
    }

    /// Reserves storage for this many more variables, constraints and constraint nonzeros: a model whose size
    /// is known is then stored without regrowing its arrays.
    public mutating func reserveCapacity(variables: Int, constraints: Int, nonzeros: Int) {
        problem.reserveCapacity(columns: variables, rows: constraints, nonzeros: nonzeros)
        slot.reserveCapacity(slot.count + variables)
    }

    /// Number of variables.
    public var variableCount: Int { problem.columnCount }
    /// Number of constraints.
    public var constraintCount: Int { problem.rowCount }
    /// Number of integer and binary variables.
    public var integerCount: Int { problem.columnKinds.reduce(0) { $0 + ($1 == .continuous ? 0 : 1) } }
    /// Number of nonzero coefficients in the constraints.
    public var nonzeroCount: Int { problem.matrix.count }
    /// Whether any variable is integer or binary.
    public var isMIP: Bool { problem.isMIP }
    /// The objective's direction.
    public var sense: ObjectiveSense { problem.sense }

    // MARK: variables

    /// Adds a variable.
    @discardableResult
    public mutating func addVariable(
        _ name: String = "", lower: Double = 0, upper: Double = .infinity, kind: VariableKind = .continuous,
        objective: Double = 0
    ) -> Variable {
        slot.append(-1)
        return Variable(problem.addColumn(name: name, lower: lower, upper: upper, kind: kind, objective: objective), model: identity)
    }

    /// Adds one variable per key, named `name[label(key)]`.
    @inlinable
    public mutating func addVariables<Key: Hashable & Sendable>(
        _ name: String, _ keys: some Sequence<Key>, lower: Double = 0, upper: Double = .infinity,
        kind: VariableKind = .continuous, label: (Key) -> String = { "\($0)" }
    ) -> VariableFamily<Key> {
        var family = VariableFamily<Key>(name: name, capacity: keys.underestimatedCount)
        for key in keys {
            family.insert(key, addVariable("\(name)[\(label(key))]", lower: lower, upper: upper, kind: kind))
        }
        return family
    }

    /// Adds one variable per position of `shape` (row-major), named `name[i₁,i₂,…]` only when a name is asked
    /// for (`name(of:)`, files, messages): for the millions of variables of a large model, building the name
    /// strings up front was about half the build time.
    public mutating func addVariables(
        _ name: String, shape: [Int], lower: Double = 0, upper: Double = .infinity, kind: VariableKind = .continuous
    ) -> VariableArray {
        let first = problem.addColumns(stem: name, shape: shape, lower: lower, upper: upper, kind: kind)
        slot.append(contentsOf: repeatElement(-1, count: problem.columnCount - first))
        return VariableArray(first: first, shape: shape, model: identity)
    }

    /// Changes a variable's bounds.
    public mutating func setBounds(_ v: Variable, lower: Double, upper: Double) {
        mustOwn(v)
        problem.columnLower[v.index] = lower
        problem.columnUpper[v.index] = upper
    }

    /// A variable's name.
    public func name(of v: Variable) -> String { problem.columnName(v.index) }
    /// A constraint's name.
    public func name(of c: Constraint) -> String { problem.rowNames[c.index] }
    /// A variable's bounds.
    public func bounds(of v: Variable) -> (lower: Double, upper: Double) {
        mustOwn(v)
        return (problem.columnLower[v.index], problem.columnUpper[v.index])
    }
    /// A constraint's bounds (the expression's constant already moved into them).
    public func bounds(of c: Constraint) -> (lower: Double, upper: Double) {
        mustOwn(c)
        return (problem.rowLower[c.index], problem.rowUpper[c.index])
    }

    // MARK: ownership

    /// Whether `v` is a variable of this model (of this copy: not one added to a later copy).
    public func owns(_ v: Variable) -> Bool { v.model == identity && v.index < problem.columnCount }
    /// Whether `c` is a constraint of this model (of this copy: not one added to a later copy).
    public func owns(_ c: Constraint) -> Bool { c.model == identity && c.index < problem.rowCount }

    /// Stops on a handle of another model (or of a later copy): reading it would name a wrong row or column.
    func mustOwn(_ v: Variable) { precondition(owns(v), "\(v) is not a variable of \(identity)") }
    /// Stops on a handle of another model (or of a later copy).
    func mustOwn(_ c: Constraint) { precondition(owns(c), "\(c) is not a constraint of \(identity)") }

    /// Throws `HandleError` unless `v` is a variable of this model.
    public func check(_ v: Variable) throws(HandleError) {
        if v.model != identity { throw HandleError(kind: .notOwned(handle: v.model, model: identity), handle: "variable \(v.index + 1)") }
        if v.index >= problem.columnCount {
            throw HandleError(kind: .notInThisCopy(position: v.index, count: problem.columnCount), handle: "variable")
        }
    }
    /// Throws `HandleError` unless `c` is a constraint of this model.
    public func check(_ c: Constraint) throws(HandleError) {
        if c.model != identity { throw HandleError(kind: .notOwned(handle: c.model, model: identity), handle: "constraint \(c.index + 1)") }
        if c.index >= problem.rowCount {
            throw HandleError(kind: .notInThisCopy(position: c.index, count: problem.rowCount), handle: "constraint")
        }
    }

    /// Throws `HandleError` unless `solution` is a solve of this model or of a copy of it (`fixingIntegers`,
    /// `closest(to:)`), so that this model's handles read it; a solution wrapped without a model is not checked.
    public func check(_ solution: ModelSolution) throws(HandleError) {
        guard let owner = solution.model, owner != identity else { return }
        throw HandleError(kind: .notOwned(handle: owner, model: identity), handle: "solution")
    }

    // MARK: objective

    /// Sets the objective (replacing any earlier one).
    public mutating func setObjective(_ expression: LinearExpression, _ sense: ObjectiveSense) {
        problem.sense = sense
        for j in 0..<problem.columnCount { problem.objective[j] = 0 }
        for t in expression.terms {
            mustOwn(t.variable)
            problem.objective[t.variable.index] += t.coefficient
        }
        problem.objectiveConstant = expression.constant
    }

    /// Adds `coefficient` to a variable's objective coefficient.
    public mutating func addObjective(_ v: Variable, _ coefficient: Double) {
        mustOwn(v)
        problem.objective[v.index] += coefficient
    }

    // MARK: constraints

    /// Adds a constraint; the expression's constant moves into the bounds.
    @discardableResult
    public mutating func add(_ constraint: LinearConstraint, name: String = "") -> Constraint {
        let c = constraint.expression.constant
        let row = problem.addRow(name: name, lower: constraint.lower - c, upper: constraint.upper - c)
        appendRow(row, constraint.expression.terms)
        return Constraint(row, model: identity)
    }

    /// Adds one constraint per key where `build` returns one, named `name[label(key)]`.
    @inlinable
    public mutating func addConstraints<Key: Hashable & Sendable>(
        _ name: String, _ keys: some Sequence<Key>, label: (Key) -> String = { "\($0)" },
        _ build: (Key) -> LinearConstraint?
    ) -> ConstraintFamily<Key> {
        var family = ConstraintFamily<Key>(name: name, capacity: keys.underestimatedCount)
        for key in keys {
            if let constraint = build(key) { family.insert(key, add(constraint, name: "\(name)[\(label(key))]")) }
        }
        return family
    }

    /// Merges repeated variables and drops exact zeros, then appends the row's entries to the matrix.
    private mutating func appendRow(_ row: Int, _ terms: [LinearExpression.Term]) {
        merged.removeAll(keepingCapacity: true)
        for t in terms {
            // A foreign handle would silently name another model's column: a programming error, stopped here.
            precondition(t.variable.model == identity, "\(t.variable) is not a variable of \(identity)")
            let j = t.variable.index
            let s = slot[j]
            if s >= 0 {
                merged[Int(s)].coefficient += t.coefficient
            } else {
                slot[j] = Int32(merged.count)
                merged.append(t)
            }
        }
        problem.matrix.reserveCapacity(merged.count)
        for t in merged {
            slot[t.variable.index] = -1
            if t.coefficient != 0 { problem.matrix.append(row: row, column: t.variable.index, value: t.coefficient) }
        }
    }

    /// Changes a constraint's bounds.
    public mutating func setBounds(_ c: Constraint, lower: Double, upper: Double) {
        mustOwn(c)
        problem.rowLower[c.index] = lower
        problem.rowUpper[c.index] = upper
    }

    // MARK: solving

    /// Solves the model with GLPK on the calling thread.
    public func solve(options: SolverOptions = SolverOptions()) throws -> ModelSolution {
        ModelSolution(result: try Solver.solve(problem, options: options), of: self)
    }

    /// The model with every integer variable fixed at its (rounded) value in `solution` and made continuous:
    /// the LP whose duals price a MIP's constraints.
    public func fixingIntegers(at solution: ModelSolution) -> Model { fixingIntegers(at: solution.result.columnValues) }

    /// The model with every integer variable fixed at its (rounded) value in `values` (one per column).
    public func fixingIntegers(at values: [Double]) -> Model {
        var m = self
        m.problem = problem.fixingIntegers(at: values)
        return m
    }

    /// The model with `variables` made continuous (their bounds kept): a partial relaxation.
    public func relaxing(_ variables: some Sequence<Variable>) -> Model {
        var m = self
        for v in variables {
            mustOwn(v)
            m.problem.columnKinds[v.index] = .continuous
        }
        return m
    }

    /// The model with each of `values`' variables fixed at its value (both bounds).
    public func fixing(_ values: some Sequence<(Variable, Double)>) -> Model {
        var m = self
        for (v, x) in values {
            mustOwn(v)
            m.problem.columnLower[v.index] = x
            m.problem.columnUpper[v.index] = x
        }
        return m
    }

    /// The solver's branching priorities (`SolverOptions.branchingPriority`) from priorities by variable
    /// (higher first; variables not named get 0).
    public func branchingPriority(_ priorities: some Sequence<(Variable, Int)>) -> [Int] {
        var out = [Int](repeating: 0, count: problem.columnCount)
        for (v, p) in priorities {
            mustOwn(v)
            out[v.index] = p
        }
        return out
    }

    /// The solver's row list for sensitivity ranging of `constraints`.
    public func sensitivityRows(_ constraints: some Sequence<Constraint>) -> [Int] {
        constraints.map { c in
            mustOwn(c)
            return c.index
        }
    }
}
