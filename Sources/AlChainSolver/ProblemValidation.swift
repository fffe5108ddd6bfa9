/// Checks that GLPK can take a problem without calling `abort()`; every condition here is one GLPK aborts
/// on (or answers with `GLP_EBOUND`), so it must be caught first.
extension LinearProblem {
    /// GLPK's limit on rows and columns (`M_MAX`, `N_MAX` in prob.h).
    static let maxDimension = 100_000_000
    /// GLPK's limit on a name's length in bytes.
    public static let maxNameBytes = 255

    /// Throws the first reason GLPK could not load or solve this problem safely.
    public func validate() throws(ModelError) {
        let n = columnCount, m = rowCount
        guard columnNames.count == n, columnLower.count == n, columnUpper.count == n, columnKinds.count == n else {
            throw ModelError(.indexOutOfRange, "column arrays have different lengths")
        }
        guard rowNames.count == m, rowUpper.count == m else {
            throw ModelError(.indexOutOfRange, "row arrays have different lengths")
        }
        guard n <= Self.maxDimension, m <= Self.maxDimension, matrix.count < Int(Int32.max) else {
            throw ModelError(.tooLarge, "GLPK takes at most \(Self.maxDimension) rows and columns and 2^31 nonzeros")
        }
        if let why = Self.nameProblem(name) { throw ModelError(.invalidName, "problem name \(why)") }
        guard objectiveConstant.isFinite else {
            throw ModelError(.nonFinite, "objective constant must be finite, found \(objectiveConstant)")
        }
        for block in generatedColumnNames {
            guard block.first >= 0, block.shape.allSatisfy({ $0 > 0 }), block.first + block.count <= n else {
                throw ModelError(.indexOutOfRange, "generated names '\(block.stem)' cover columns the problem does not have")
            }
            if let why = Self.nameProblem(block.stem) { throw ModelError(.invalidName, "generated names' stem \(why)") }
            guard block.longestNameBytes <= Self.maxNameBytes else {
                throw ModelError(.invalidName, "generated names '\(block.stem)[…]' are longer than \(Self.maxNameBytes) bytes")
            }
        }
        // The checks return a reason and the message is formatted only then: formatting a description for
        // every column, or capturing the problem in a closure per column, cost more than the checks.
        for j in 0..<n {
            if let why = Self.nameProblem(columnNames[j]) { throw ModelError(.invalidName, "column \(j) name \(why)") }
            guard objective[j].isFinite else {
                throw ModelError(.nonFinite, "column \(describeColumn(j)): objective coefficient must be finite, found \(objective[j])")
            }
            if let (kind, why) = Self.boundsProblem(columnLower[j], columnUpper[j]) {
                throw ModelError(kind, "column \(describeColumn(j)): \(why)")
            }
            if columnKinds[j] != .continuous { try validateIntegerBounds(j) }
        }
        for i in 0..<m {
            if let why = Self.nameProblem(rowNames[i]) { throw ModelError(.invalidName, "row \(i) name \(why)") }
            if let (kind, why) = Self.boundsProblem(rowLower[i], rowUpper[i]) {
                throw ModelError(kind, "row \(describeRow(i)): \(why)")
            }
        }
        try validateMatrix()
        try validateMagnitudes()
    }

    /// glp_intopt fails on integer columns with fractional bounds.
    func validateIntegerBounds(_ j: Int) throws(ModelError) {
        for b in [columnLower[j], columnUpper[j]] where b.isFinite && b.rounded() != b {
            throw ModelError(.nonIntegralBound, "column \(describeColumn(j)): integer variable needs integral bounds, found \(b)")
        }
        if columnKinds[j] == .binary, columnLower[j] < 0 || columnUpper[j] > 1 {
            throw ModelError(.invalidBound, "column \(describeColumn(j)): binary variable bounds must lie in [0, 1]")
        }
    }

    /// A column's name, or its index where it has none, for messages.
    public func describeColumn(_ j: Int) -> String {
        let name = columnName(j)
        return name.isEmpty ? "#\(j)" : "'\(name)'"
    }
    /// A row's name, or its index where it has none, for messages.
    public func describeRow(_ i: Int) -> String { rowNames[i].isEmpty ? "#\(i)" : "'\(rowNames[i])'" }

    /// Why glp_set_*_name would abort on `name` (over 255 bytes, or a control character), or `nil`.
    static func nameProblem(_ name: String) -> String? {
        var utf8 = name  // withUTF8 wants a mutable string; a native one is read in place, not copied
        let (length, hasControl) = utf8.withUTF8 { bytes in (bytes.count, bytes.contains { $0 < 0x20 || $0 == 0x7f }) }
        if length > maxNameBytes { return "is \(length) bytes long; GLPK allows at most \(maxNameBytes)" }
        if hasControl { return "contains a control character: \(name.debugDescription)" }
        return nil
    }

    /// Why GLPK could not take `lower … upper` as bounds, or `nil`.
    static func boundsProblem(_ lower: Double, _ upper: Double) -> (ModelError.Kind, String)? {
        if lower.isNaN || upper.isNaN { return (.nonFinite, "bound is NaN") }
        if lower == .infinity || upper == -.infinity {
            return (.invalidBound, "lower bound +inf or upper bound -inf (\(lower) … \(upper))")
        }
        if lower > upper { return (.invalidBound, "lower bound \(lower) exceeds upper bound \(upper)") }
        return nil
    }

    /// glp_load_matrix aborts on out-of-range indices and duplicate entries.
    func validateMatrix() throws(ModelError) {
        let m = Int32(rowCount), n = Int32(columnCount), count = matrix.count
        if count == 0 { return }
        // Bucket entries by column, then check each column's rows with a marker array: O(nonzeros).
        var columnStart = [Int](repeating: 0, count: Int(n) + 2)
        for k in 1...count {
            let i = matrix.ia[k], j = matrix.ja[k], v = matrix.ar[k]
            guard 1 <= i, i <= m else {
                throw ModelError(.indexOutOfRange, "matrix entry \(k - 1): row \(i - 1) outside 0..<\(m)")
            }
            guard 1 <= j, j <= n else {
                throw ModelError(.indexOutOfRange, "matrix entry \(k - 1): column \(j - 1) outside 0..<\(n)")
            }
            guard v.isFinite else {
                throw ModelError(.nonFinite, "matrix entry at row \(describeRow(Int(i) - 1)), column \(describeColumn(Int(j) - 1)) is \(v)")
            }
            columnStart[Int(j) + 1] += 1
        }
        for j in 1..<columnStart.count { columnStart[j] += columnStart[j - 1] }
        var rowsByColumn = [Int32](repeating: 0, count: count)
        var fill = columnStart
        for k in 1...count {
            let j = Int(matrix.ja[k])
            rowsByColumn[fill[j]] = matrix.ia[k]
            fill[j] += 1
        }
        var lastColumnSeen = [Int32](repeating: 0, count: Int(m) + 1)
        for j in 1...Int(n) {
            for p in columnStart[j]..<columnStart[j + 1] {
                let i = Int(rowsByColumn[p])
                if lastColumnSeen[i] == Int32(j) {
                    throw ModelError(.duplicateEntry, "matrix has two entries at row \(describeRow(i - 1)), column \(describeColumn(j - 1))")
                }
                lastColumnSeen[i] = Int32(j)
            }
        }
    }
}
