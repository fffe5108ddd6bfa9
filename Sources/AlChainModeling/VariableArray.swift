/// Variables added together over a rectangular index set (`Model.addVariables(_:shape:)`), row-major.
public struct VariableArray: Sendable {
    /// The first variable's position among the model's variables.
    public let first: Int
    /// Extent of each index.
    public let shape: [Int]

    /// Number of variables.
    public let count: Int

    init(first: Int, shape: [Int]) {
        self.first = first
        self.shape = shape
        count = shape.reduce(1, *)
    }

    /// The variable at `offset` in row-major order.
    public subscript(offset offset: Int) -> Variable {
        precondition(offset >= 0 && offset < count, "offset \(offset) outside a variable array of \(count)")
        return Variable(first + offset)
    }

    /// The variable at these indices (one per dimension of `shape`).
    public subscript(_ indices: Int...) -> Variable {
        precondition(indices.count == shape.count && zip(indices, shape).allSatisfy { $0 >= 0 && $0 < $1 }, "indices \(indices) outside \(shape)")
        return Variable(first + zip(indices, shape).reduce(0) { $0 * $1.1 + $1.0 })
    }
}
