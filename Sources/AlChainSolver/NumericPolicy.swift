import CGLPK

/// AlChain's numeric policy for what reaches GLPK (docs/DATA.md "Numeric policy"): every coefficient,
/// objective coefficient, objective constant and finite bound is at most 1e15 in absolute value. GLPK asserts
/// (and aborts the process) in its scaling, presolve, simplex pivoting and interior-point code on values near
/// the largest double; 1e15 keeps every product it forms below 1e30. `AlChainIO.NumericPolicy` applies the
/// same limit to data files, with file, line and column in the message.
extension LinearProblem {
    /// The largest absolute value GLPK is given.
    public static let maxMagnitude = 1e15

    /// Throws on the first value beyond the numeric policy, naming the column or row and the value.
    public func validateMagnitudes(file: String? = nil) throws(ModelError) {
        let limit = Self.maxMagnitude
        func beyond(_ what: String, _ x: Double) -> ModelError {
            ModelError(.tooLarge, "\(what) is \(x); AlChain accepts magnitudes up to 1e15 (numeric policy)", file: file)
        }
        func boundOK(_ x: Double) -> Bool { x.isInfinite || abs(x) <= limit }
        // `abs(x) <= limit` is false for NaN too.
        guard abs(objectiveConstant) <= limit else { throw beyond("the objective constant", objectiveConstant) }
        for j in 0..<columnCount {
            guard abs(objective[j]) <= limit else { throw beyond("column \(describeColumn(j)): objective coefficient", objective[j]) }
            guard boundOK(columnLower[j]) else { throw beyond("column \(describeColumn(j)): lower bound", columnLower[j]) }
            guard boundOK(columnUpper[j]) else { throw beyond("column \(describeColumn(j)): upper bound", columnUpper[j]) }
        }
        for i in 0..<rowCount {
            guard boundOK(rowLower[i]) else { throw beyond("row \(describeRow(i)): lower bound", rowLower[i]) }
            guard boundOK(rowUpper[i]) else { throw beyond("row \(describeRow(i)): upper bound", rowUpper[i]) }
        }
        if matrix.count == 0 { return }
        for k in 1...matrix.count where !(abs(matrix.ar[k]) <= limit) {
            let i = Int(matrix.ia[k]) - 1, j = Int(matrix.ja[k]) - 1
            let row = (0..<rowCount).contains(i) ? describeRow(i) : "#\(i)", column = (0..<columnCount).contains(j) ? describeColumn(j) : "#\(j)"
            throw beyond("the coefficient at row \(row), column \(column)", matrix.ar[k])
        }
    }

    /// The checks for a problem GLPK read from a file, before it is solved: crossed bounds and fractional
    /// bounds of integer columns (which glp_simplex and glp_intopt refuse with only a status code), then the
    /// numeric policy. All are located at `file`.
    public func validateReadFromFile(_ file: String) throws(ModelError) {
        do throws(ModelError) {
            for j in 0..<columnCount {
                if let (kind, why) = Self.boundsProblem(columnLower[j], columnUpper[j]) { throw ModelError(kind, "column \(describeColumn(j)): \(why)") }
                if columnKinds[j] != .continuous { try validateIntegerBounds(j) }
            }
            for i in 0..<rowCount {
                if let (kind, why) = Self.boundsProblem(rowLower[i], rowUpper[i]) { throw ModelError(kind, "row \(describeRow(i)): \(why)") }
            }
        } catch {
            throw ModelError(error.kind, error.message, file: file)
        }
        try validateMagnitudes(file: file)
    }
}
