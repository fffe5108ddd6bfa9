/// `lower ≤ expression ≤ upper`, not yet part of a model. Made with `<=`, `>=`, `==` or `init(_:in:)`.
public struct LinearConstraint: Sendable {
    /// The left-hand side; its constant is moved into the bounds when the model takes it.
    public var expression: LinearExpression
    /// Lower bound (−∞ for none).
    public var lower: Double
    /// Upper bound (+∞ for none).
    public var upper: Double

    /// `lower ≤ expression ≤ upper`.
    public init(_ expression: LinearExpression, lower: Double = -.infinity, upper: Double = .infinity) {
        self.expression = expression
        self.lower = lower
        self.upper = upper
    }

    /// A ranged constraint `range.lowerBound ≤ expression ≤ range.upperBound`.
    public init(_ expression: LinearExpression, in range: ClosedRange<Double>) {
        self.init(expression, lower: range.lowerBound, upper: range.upperBound)
    }
}

public func <= (a: LinearExpression, b: Double) -> LinearConstraint { LinearConstraint(a, upper: b) }
public func >= (a: LinearExpression, b: Double) -> LinearConstraint { LinearConstraint(a, lower: b) }
public func == (a: LinearExpression, b: Double) -> LinearConstraint { LinearConstraint(a, lower: b, upper: b) }
public func <= (a: LinearExpression, b: LinearExpression) -> LinearConstraint { (a - b) <= 0 }
public func >= (a: LinearExpression, b: LinearExpression) -> LinearConstraint { (a - b) >= 0 }
public func == (a: LinearExpression, b: LinearExpression) -> LinearConstraint { (a - b) == 0 }
public func <= (a: Variable, b: Double) -> LinearConstraint { LinearExpression(a) <= b }
public func >= (a: Variable, b: Double) -> LinearConstraint { LinearExpression(a) >= b }
public func == (a: Variable, b: Double) -> LinearConstraint { LinearExpression(a) == b }
public func <= (a: LinearExpression, b: Variable) -> LinearConstraint { a - b <= 0 }
public func >= (a: LinearExpression, b: Variable) -> LinearConstraint { a - b >= 0 }
