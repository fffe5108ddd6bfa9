/// Whether the objective is minimised or maximised.
public enum ObjectiveSense: String, Sendable, Codable {
    case minimize
    case maximize
}

/// The domain of a variable.
public enum VariableKind: String, Sendable, Codable {
    case continuous
    case integer
    case binary
}

/// A linear or mixed-integer program in solver-neutral form: columns, rows and a sparse matrix.
///
/// Indices are 0-based and dense; infinite bounds are `-Double.infinity` / `+Double.infinity`.
/// Nothing here touches GLPK: a problem is a value that can be built on any thread and solved on another.
public struct LinearProblem: Sendable, Equatable {
    /// The problem's name (written to MPS/LP files).
    public var name: String
    /// Objective direction.
    public var sense: ObjectiveSense
    /// Constant term of the objective.
    public var objectiveConstant: Double

    /// Column names; an empty string means "no name" (files then get GLPK's default `x_j`) unless a block of
    /// `generatedColumnNames` names the column: read names with `columnName(_:)`.
    public var columnNames: [String] = []
    /// Blocks of columns whose names are generated on demand (`addColumns(stem:shape:…)`), in column order.
    public var generatedColumnNames: [GeneratedNames] = []
    /// Lower bound per column.
    public var columnLower: [Double] = []
    /// Upper bound per column.
    public var columnUpper: [Double] = []
    /// Kind per column.
    public var columnKinds: [VariableKind] = []
    /// Objective coefficient per column.
    public var objective: [Double] = []

    /// Row names; an empty string means "no name".
    public var rowNames: [String] = []
    /// Lower bound per row activity.
    public var rowLower: [Double] = []
    /// Upper bound per row activity.
    public var rowUpper: [Double] = []

    /// The constraint matrix.
    public var matrix = SparseMatrix()

    /// An empty problem.
    public init(name: String = "", sense: ObjectiveSense = .minimize, objectiveConstant: Double = 0) {
        self.name = name
        self.sense = sense
        self.objectiveConstant = objectiveConstant
    }

    /// Number of columns (variables).
    public var columnCount: Int { objective.count }
    /// Number of rows (constraints).
    public var rowCount: Int { rowLower.count }
    /// Whether any column is integer or binary.
    public var isMIP: Bool { columnKinds.contains { $0 != .continuous } }

    /// Reserves storage for this many more columns, rows and nonzeros, so a model of known size is stored
    /// without regrowing (each regrowth copies and first-touches every array again).
    public mutating func reserveCapacity(columns: Int, rows: Int, nonzeros: Int) {
        columnNames.reserveCapacity(columnCount + columns)
        columnLower.reserveCapacity(columnCount + columns)
        columnUpper.reserveCapacity(columnCount + columns)
        columnKinds.reserveCapacity(columnCount + columns)
        objective.reserveCapacity(columnCount + columns)
        rowNames.reserveCapacity(rowCount + rows)
        rowLower.reserveCapacity(rowCount + rows)
        rowUpper.reserveCapacity(rowCount + rows)
        matrix.reserveCapacity(nonzeros)
    }

    /// Appends a column and returns its index.
    @discardableResult
    public mutating func addColumn(
        name: String = "", lower: Double = 0, upper: Double = .infinity,
        kind: VariableKind = .continuous, objective coefficient: Double = 0
    ) -> Int {
        columnNames.append(name)
        columnLower.append(kind == .binary ? max(lower, 0) : lower)
        columnUpper.append(kind == .binary ? min(upper, 1) : upper)
        columnKinds.append(kind)
        objective.append(coefficient)
        return objective.count - 1
    }

    /// Appends a row `lower ≤ activity ≤ upper` and returns its index.
    @discardableResult
    public mutating func addRow(name: String = "", lower: Double = -.infinity, upper: Double = .infinity) -> Int {
        rowNames.append(name)
        rowLower.append(lower)
        rowUpper.append(upper)
        return rowLower.count - 1
    }

    /// Appends a row with its coefficients (`(column, value)` pairs) and returns its index.
    @discardableResult
    public mutating func addRow(
        name: String = "", lower: Double = -.infinity, upper: Double = .infinity, terms: [(Int, Double)]
    ) -> Int {
        let row = addRow(name: name, lower: lower, upper: upper)
        for (column, value) in terms { matrix.append(row: row, column: column, value: value) }
        return row
    }
}

/// A sparse matrix in coordinate form, stored the way `glp_load_matrix` reads it so loading copies nothing.
public struct SparseMatrix: Sendable, Equatable {
    // 1-based row and column numbers with an unused slot 0, as GLPK's arrays are.
    private(set) var ia: [Int32] = [0]
    private(set) var ja: [Int32] = [0]
    private(set) var ar: [Double] = [0]

    /// An empty matrix.
    public init() {}

    /// Number of stored entries.
    public var count: Int { ar.count - 1 }

    /// Reserves room for `n` more entries. Growth is geometric, so calling this once per row stays linear:
    /// `Array.reserveCapacity` allocates exactly what it is asked for, and asking for a little more on every
    /// row copied the whole matrix each time (a 4-million-nonzero model took minutes to build).
    public mutating func reserveCapacity(_ n: Int) {
        let needed = ar.count + n
        guard needed > ar.capacity else { return }
        let capacity = max(needed, 2 * ar.capacity)
        ia.reserveCapacity(capacity)
        ja.reserveCapacity(capacity)
        ar.reserveCapacity(capacity)
    }

    /// Appends an entry at 0-based `(row, column)`. Indices are checked when the problem is validated.
    @inlinable
    public mutating func append(row: Int, column: Int, value: Double) {
        appendUnchecked(row: Int32(truncatingIfNeeded: row + 1), column: Int32(truncatingIfNeeded: column + 1), value: value)
    }

    @usableFromInline
    mutating func appendUnchecked(row: Int32, column: Int32, value: Double) {
        ia.append(row)
        ja.append(column)
        ar.append(value)
    }

    /// The entry at position `k` (0-based) as 0-based `(row, column, value)`.
    public func entry(_ k: Int) -> (row: Int, column: Int, value: Double) {
        (Int(ia[k + 1]) - 1, Int(ja[k + 1]) - 1, ar[k + 1])
    }

    /// All entries, in insertion order, as 0-based `(row, column, value)`.
    public var entries: [(row: Int, column: Int, value: Double)] {
        (0..<count).map(entry)
    }

    /// Calls `body` with GLPK-style 1-based arrays (slot 0 unused).
    func withGLPKArrays<R>(
        _ body: (UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Double>) throws -> R
    ) rethrows -> R {
        // glp_load_matrix takes non-const pointers but only reads them, so viewing the arrays as mutable is safe
        // and avoids copying millions of entries.
        try ia.withUnsafeBufferPointer { i in
            try ja.withUnsafeBufferPointer { j in
                try ar.withUnsafeBufferPointer { a in
                    try body(
                        UnsafeMutablePointer(mutating: i.baseAddress!), UnsafeMutablePointer(mutating: j.baseAddress!),
                        UnsafeMutablePointer(mutating: a.baseAddress!))
                }
            }
        }
    }
}
