/// Names of a block of consecutive columns, generated only when one is asked for: `stem[i₁,i₂,…]` with the
/// column's position in `shape` (row-major, 0-based).
///
/// Building a name string per variable was about half the build time of a model with millions of variables
/// (docs/PERFORMANCE.md); most of those names are never read. Files, reports and messages ask
/// `LinearProblem.columnName(_:)`, which generates them here.
public struct GeneratedNames: Sendable, Equatable {
    /// The block's first column.
    public let first: Int
    /// The name's stem, e.g. "ship".
    public let stem: String
    /// Extent of each index; the block has their product of columns.
    public let shape: [Int]

    public init(first: Int, stem: String, shape: [Int]) {
        self.first = first
        self.stem = stem
        self.shape = shape
    }

    /// Number of columns in the block.
    public var count: Int { shape.reduce(1, *) }

    /// The name of the block's column at `offset` (0-based within the block).
    public func name(_ offset: Int) -> String {
        var indices = [Int](repeating: 0, count: shape.count)
        var rest = offset
        for d in shape.indices.reversed() {
            indices[d] = rest % shape[d]
            rest /= shape[d]
        }
        return stem + "[" + indices.map(String.init).joined(separator: ",") + "]"
    }

    /// The longest name the block generates, in bytes.
    var longestNameBytes: Int { stem.utf8.count + 2 + shape.reduce(max(shape.count - 1, 0)) { $0 + String(max($1 - 1, 0)).utf8.count } }
}

extension LinearProblem {
    /// Appends `shape`'s product of columns named `stem[i₁,i₂,…]` on demand, and returns the first one's index.
    public mutating func addColumns(
        stem: String, shape: [Int], lower: Double = 0, upper: Double = .infinity, kind: VariableKind = .continuous
    ) -> Int {
        precondition(shape.allSatisfy { $0 >= 0 }, "a shape's extents must be ≥ 0, found \(shape)")
        let first = columnCount
        let block = GeneratedNames(first: first, stem: stem, shape: shape)
        let n = block.count
        columnNames.append(contentsOf: repeatElement("", count: n))
        columnLower.append(contentsOf: repeatElement(kind == .binary ? max(lower, 0) : lower, count: n))
        columnUpper.append(contentsOf: repeatElement(kind == .binary ? min(upper, 1) : upper, count: n))
        columnKinds.append(contentsOf: repeatElement(kind, count: n))
        objective.append(contentsOf: repeatElement(0, count: n))
        if n > 0 { generatedColumnNames.append(block) }
        return first
    }

    /// A column's name: its own, else the one its block generates, else "" (none).
    public func columnName(_ j: Int) -> String {
        if !columnNames[j].isEmpty || generatedColumnNames.isEmpty { return columnNames[j] }
        // Blocks are appended in column order: the last block starting at or before j.
        var low = 0, high = generatedColumnNames.count
        while low < high {
            let mid = (low + high) / 2
            if generatedColumnNames[mid].first <= j { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return "" }
        let block = generatedColumnNames[low - 1]
        return j < block.first + block.count ? block.name(j - block.first) : ""
    }
}
