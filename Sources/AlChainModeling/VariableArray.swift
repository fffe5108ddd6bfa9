/// Variables added together over a rectangular index set (`Model.addVariables(_:shape:)`), row-major.
public struct VariableArray: Sendable {
    /// The first variable's position among the model's variables.
    public let first: Int
    /// Extent of each index.
    public let shape: [Int]

    /// Number of variables.
    public let count: Int
    /// The model the variables belong to.
    public let model: ModelIdentity

    init(first: Int, shape: [Int], model: ModelIdentity) {
        self.first = first
        self.shape = shape
        self.model = model
        count = shape.reduce(1, *)
    }

    /// The variable at `offset` in row-major order.
    public subscript(offset offset: Int) -> Variable {
        precondition(offset >= 0 && offset < count, "offset \(offset) outside a variable array of \(count)")
        return Variable(first + offset, model: model)
    }

    /// The variable at these indices (one per dimension of `shape`).
    public subscript(_ indices: Int...) -> Variable {
        precondition(indices.count == shape.count && zip(indices, shape).allSatisfy { $0 >= 0 && $0 < $1 }, "indices \(indices) outside \(shape)")
        return Variable(first + zip(indices, shape).reduce(0) { $0 * $1.1 + $1.0 }, model: model)
    }
}
