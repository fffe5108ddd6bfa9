import AlChainSolver

/// A handle to a variable of a `Model`; never a GLPK column number. Ordered by creation within its model.
public struct Variable: Hashable, Sendable, Comparable {
    /// Position among the model's variables (for the solver layer; the domain compares handles, not positions).
    public let index: Int
    /// The model the variable belongs to.
    public let model: ModelIdentity
    init(_ index: Int, model: ModelIdentity) {
        self.index = index
        self.model = model
    }
    /// Creation order (meaningful between variables of one model).
    public static func < (a: Variable, b: Variable) -> Bool { a.index < b.index }
}

/// A handle to a constraint of a `Model`; never a GLPK row number. Ordered by creation within its model.
public struct Constraint: Hashable, Sendable, Comparable {
    /// Position among the model's constraints (for the solver layer; the domain compares handles, not positions).
    public let index: Int
    /// The model the constraint belongs to.
    public let model: ModelIdentity
    init(_ index: Int, model: ModelIdentity) {
        self.index = index
        self.model = model
    }
    /// Creation order (meaningful between constraints of one model).
    public static func < (a: Constraint, b: Constraint) -> Bool { a.index < b.index }
}
