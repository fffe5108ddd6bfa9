import AlChainSolver

/// A handle to a variable of a `Model`; never a GLPK column number.
public struct Variable: Hashable, Sendable {
    /// Position among the model's variables.
    public let index: Int
    init(_ index: Int) { self.index = index }
}

/// A handle to a constraint of a `Model`; never a GLPK row number.
public struct Constraint: Hashable, Sendable {
    /// Position among the model's constraints.
    public let index: Int
    init(_ index: Int) { self.index = index }
}
