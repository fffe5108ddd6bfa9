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
        try Self.validateName(name, what: "problem name")
        guard objectiveConstant.isFinite else {
            throw ModelError(.nonFinite, "objective constant must be finite, found \(objectiveConstant)")
        }
        for j in 0..<n {
            try Self.validateName(columnNames[j], what: "column \(j) name")
            let what = "column \(describeColumn(j))"
            guard objective[j].isFinite else {
                throw ModelError(.nonFinite, "\(what): objective coefficient must be finite, found \(objective[j])")
            }
            try Self.validateBounds(columnLower[j], columnUpper[j], what: what)
            if columnKinds[j] != .continuous {
                for b in [columnLower[j], columnUpper[j]] where b.isFinite && b.rounded() != b {
                    throw ModelError(.nonIntegralBound, "\(what): integer variable needs integral bounds, found \(b)")
                }
                if columnKinds[j] == .binary, columnLower[j] < 0 || columnUpper[j] > 1 {
                    throw ModelError(.invalidBound, "\(what): binary variable bounds must lie in [0, 1]")
                }
            }
        }
        for i in 0..<m {
            try Self.validateName(rowNames[i], what: "row \(i) name")
            try Self.validateBounds(rowLower[i], rowUpper[i], what: "row \(describeRow(i))")
        }
        try validateMatrix()
    }

    /// A column's name, or its index where it has none, for messages.
    public func describeColumn(_ j: Int) -> String { columnNames[j].isEmpty ? "#\(j)" : "'\(columnNames[j])'" }
    /// A row's name, or its index where it has none, for messages.
    public func describeRow(_ i: Int) -> String { rowNames[i].isEmpty ? "#\(i)" : "'\(rowNames[i])'" }

    /// glp_set_*_name aborts on names over 255 bytes or with control characters.
    static func validateName(_ name: String, what: String) throws(ModelError) {
        if name.utf8.count > maxNameBytes {
            throw ModelError(.invalidName, "\(what) is \(name.utf8.count) bytes long; GLPK allows at most \(maxNameBytes)")
        }
        if name.utf8.contains(where: { $0 < 0x20 || $0 == 0x7f }) {
            throw ModelError(.invalidName, "\(what) contains a control character: \(name.debugDescription)")
        }
    }

    static func validateBounds(_ lower: Double, _ upper: Double, what: String) throws(ModelError) {
        guard !lower.isNaN, !upper.isNaN else { throw ModelError(.nonFinite, "\(what): bound is NaN") }
        guard lower != .infinity, upper != -.infinity else {
            throw ModelError(.invalidBound, "\(what): lower bound +inf or upper bound -inf (\(lower) … \(upper))")
        }
        guard lower <= upper else {
            throw ModelError(.invalidBound, "\(what): lower bound \(lower) exceeds upper bound \(upper)")
        }
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
