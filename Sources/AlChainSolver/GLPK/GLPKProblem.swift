import CGLPK

/// A GLPK problem object confined to one scope on one OS thread.
///
/// GLPK keeps its environment in thread-local storage, so a `glp_prob` must be created, used and deleted on
/// the same thread. `GLPKProblem.with` is the only way to get one, and it deletes it before returning.
struct GLPKProblem: ~Copyable {
    let pointer: OpaquePointer

    private init() { pointer = glp_create_prob() }

    /// Creates a problem, runs `body` on it and deletes it, all on the calling thread.
    static func with<R>(_ body: (borrowing GLPKProblem) throws -> R) rethrows -> R {
        let problem = GLPKProblem()
        defer { glp_delete_prob(problem.pointer) }
        return try body(problem)
    }

    var rowCount: Int { Int(glp_get_num_rows(pointer)) }
    var columnCount: Int { Int(glp_get_num_cols(pointer)) }
    var isMIP: Bool { glp_get_num_int(pointer) > 0 }

    /// Loads a validated problem in one pass: bounds, names, objective, then the whole matrix in one call.
    /// Generated names (`LinearProblem.generatedColumnNames`) are loaded only with `generatedNames`: files
    /// need them, a solve does not.
    func load(_ problem: LinearProblem, generatedNames: Bool = false) {
        let p = pointer
        let m = problem.rowCount, n = problem.columnCount
        if !problem.name.isEmpty { glp_set_prob_name(p, problem.name) }
        glp_set_obj_dir(p, problem.sense == .minimize ? GLP_MIN : GLP_MAX)
        glp_set_obj_coef(p, 0, problem.objectiveConstant)
        // glp_add_rows/glp_add_cols abort when asked for zero.
        if m > 0 { glp_add_rows(p, Int32(m)) }
        if n > 0 { glp_add_cols(p, Int32(n)) }
        for i in 0..<m {
            let r = Int32(i + 1)
            if !problem.rowNames[i].isEmpty { glp_set_row_name(p, r, problem.rowNames[i]) }
            let (type, lb, ub) = Self.boundType(problem.rowLower[i], problem.rowUpper[i])
            glp_set_row_bnds(p, r, type, lb, ub)
        }
        for j in 0..<n {
            let c = Int32(j + 1)
            if !problem.columnNames[j].isEmpty {
                glp_set_col_name(p, c, problem.columnNames[j])
            } else if generatedNames, !problem.generatedColumnNames.isEmpty {
                let name = problem.columnName(j)
                if !name.isEmpty { glp_set_col_name(p, c, name) }
            }
            switch problem.columnKinds[j] {
            case .continuous: break
            case .integer: glp_set_col_kind(p, c, GLP_IV)
            case .binary: glp_set_col_kind(p, c, GLP_IV)  // GLP_BV would reset the bounds to [0,1] anyway
            }
            let (type, lb, ub) = Self.boundType(problem.columnLower[j], problem.columnUpper[j])
            glp_set_col_bnds(p, c, type, lb, ub)
            if problem.objective[j] != 0 { glp_set_obj_coef(p, c, problem.objective[j]) }
        }
        if problem.matrix.count > 0 {
            problem.matrix.withGLPKArrays { ia, ja, ar in
                glp_load_matrix(p, Int32(problem.matrix.count), ia, ja, ar)
            }
        }
    }

    /// GLPK's bound type for a `lower … upper` pair with infinities.
    static func boundType(_ lower: Double, _ upper: Double) -> (Int32, Double, Double) {
        switch (lower.isFinite, upper.isFinite) {
        case (false, false): (GLP_FR, 0, 0)
        case (true, false): (GLP_LO, lower, 0)
        case (false, true): (GLP_UP, 0, upper)
        case (true, true): lower == upper ? (GLP_FX, lower, upper) : (GLP_DB, lower, upper)
        }
    }

    /// Reads the loaded problem back into a `LinearProblem`.
    func extract() -> LinearProblem {
        let p = pointer
        let m = rowCount, n = columnCount
        var problem = LinearProblem(
            name: glp_get_prob_name(p).map { String(cString: $0) } ?? "",
            sense: glp_get_obj_dir(p) == GLP_MAX ? .maximize : .minimize,
            objectiveConstant: glp_get_obj_coef(p, 0))
        for i in 1...max(m, 1) where m > 0 {
            let (lower, upper) = Self.bounds(type: glp_get_row_type(p, Int32(i)), glp_get_row_lb(p, Int32(i)), glp_get_row_ub(p, Int32(i)))
            problem.addRow(name: glp_get_row_name(p, Int32(i)).map { String(cString: $0) } ?? "", lower: lower, upper: upper)
        }
        var index = [Int32](repeating: 0, count: m + 1)
        var value = [Double](repeating: 0, count: m + 1)
        for j in 1...max(n, 1) where n > 0 {
            let c = Int32(j)
            let (lower, upper) = Self.bounds(type: glp_get_col_type(p, c), glp_get_col_lb(p, c), glp_get_col_ub(p, c))
            let kind: VariableKind =
                glp_get_col_kind(p, c) == GLP_CV ? .continuous : (lower == 0 && upper == 1 ? .binary : .integer)
            problem.addColumn(
                name: glp_get_col_name(p, c).map { String(cString: $0) } ?? "", lower: lower, upper: upper,
                kind: kind, objective: glp_get_obj_coef(p, c))
            let length = Int(glp_get_mat_col(p, c, &index, &value))
            for k in stride(from: 1, through: length, by: 1) {
                problem.matrix.append(row: Int(index[k]) - 1, column: j - 1, value: value[k])
            }
        }
        return problem
    }

    static func bounds(type: Int32, _ lb: Double, _ ub: Double) -> (Double, Double) {
        switch type {
        case GLP_FR: (-.infinity, .infinity)
        case GLP_LO: (lb, .infinity)
        case GLP_UP: (-.infinity, ub)
        default: (lb, ub)
        }
    }

    /// Row and column names (empty where unnamed).
    func names() -> (rows: [String], columns: [String]) {
        let p = pointer
        let rows = (0..<rowCount).map { glp_get_row_name(p, Int32($0 + 1)).map { String(cString: $0) } ?? "" }
        let columns = (0..<columnCount).map { glp_get_col_name(p, Int32($0 + 1)).map { String(cString: $0) } ?? "" }
        return (rows, columns)
    }
}
