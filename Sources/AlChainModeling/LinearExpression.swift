/// A linear expression Σ cᵢ·xᵢ + constant. Terms may repeat; they are merged when the model takes them.
public struct LinearExpression: Sendable {
    /// One coefficient on one variable.
    public struct Term: Sendable, Equatable {
        public var variable: Variable
        public var coefficient: Double
        public init(_ variable: Variable, _ coefficient: Double) {
            self.variable = variable
            self.coefficient = coefficient
        }
    }

    /// The terms, unmerged.
    public var terms: [Term]
    /// The constant.
    public var constant: Double

    /// An expression from terms and a constant.
    public init(terms: [Term] = [], constant: Double = 0) {
        self.terms = terms
        self.constant = constant
    }

    /// `1·variable`.
    public init(_ variable: Variable) { self.init(terms: [Term(variable, 1)]) }

    /// Σ coefficient·variable over pairs.
    public init(_ pairs: some Sequence<(Variable, Double)>) {
        self.init(terms: pairs.map { Term($0.0, $0.1) })
    }

    /// Adds `coefficient·variable`; the fast path for building long sums.
    @inlinable
    public mutating func add(_ variable: Variable, _ coefficient: Double = 1) {
        terms.append(Term(variable, coefficient))
    }

    /// Adds `coefficient·variable` when the variable exists (indexed families return optionals).
    @inlinable
    public mutating func add(_ variable: Variable?, _ coefficient: Double = 1) {
        if let variable { terms.append(Term(variable, coefficient)) }
    }

    /// Adds `factor·other`.
    public mutating func add(_ other: LinearExpression, _ factor: Double = 1) {
        terms.reserveCapacity(terms.count + other.terms.count)
        for t in other.terms { terms.append(Term(t.variable, t.coefficient * factor)) }
        constant += other.constant * factor
    }

    /// The expression's value for given variable values.
    public func value(_ valueOf: (Variable) -> Double) -> Double {
        terms.reduce(constant) { $0 + $1.coefficient * valueOf($1.variable) }
    }

    /// Σ over a sequence of expressions.
    public static func sum(_ parts: some Sequence<LinearExpression>) -> LinearExpression {
        var s = LinearExpression()
        for p in parts { s.add(p) }
        return s
    }

    /// Σ over a sequence of variables.
    public static func sum(_ variables: some Sequence<Variable>) -> LinearExpression {
        LinearExpression(terms: variables.map { Term($0, 1) })
    }
}

// MARK: operators

public func + (a: LinearExpression, b: LinearExpression) -> LinearExpression { var r = a; r.add(b); return r }
public func - (a: LinearExpression, b: LinearExpression) -> LinearExpression { var r = a; r.add(b, -1); return r }
public prefix func - (a: LinearExpression) -> LinearExpression { var r = LinearExpression(); r.add(a, -1); return r }
public func * (c: Double, a: LinearExpression) -> LinearExpression { var r = LinearExpression(); r.add(a, c); return r }
public func * (a: LinearExpression, c: Double) -> LinearExpression { c * a }
public func + (a: LinearExpression, c: Double) -> LinearExpression { var r = a; r.constant += c; return r }
public func - (a: LinearExpression, c: Double) -> LinearExpression { a + (-c) }
public func += (a: inout LinearExpression, b: LinearExpression) { a.add(b) }
public func -= (a: inout LinearExpression, b: LinearExpression) { a.add(b, -1) }
public func += (a: inout LinearExpression, v: Variable) { a.add(v) }
public func -= (a: inout LinearExpression, v: Variable) { a.add(v, -1) }

public func + (a: Variable, b: Variable) -> LinearExpression { LinearExpression([(a, 1), (b, 1)]) }
public func - (a: Variable, b: Variable) -> LinearExpression { LinearExpression([(a, 1), (b, -1)]) }
public func * (c: Double, v: Variable) -> LinearExpression { LinearExpression([(v, c)]) }
public func * (v: Variable, c: Double) -> LinearExpression { LinearExpression([(v, c)]) }
public func + (a: LinearExpression, v: Variable) -> LinearExpression { var r = a; r.add(v); return r }
public func - (a: LinearExpression, v: Variable) -> LinearExpression { var r = a; r.add(v, -1); return r }
public func + (v: Variable, a: LinearExpression) -> LinearExpression { a + v }
public func - (v: Variable, a: LinearExpression) -> LinearExpression { LinearExpression(v) - a }
