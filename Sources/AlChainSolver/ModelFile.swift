import CGLPK
import Foundation

/// A model file format GLPK reads and writes.
public enum ModelFileFormat: String, Sendable, CaseIterable, Codable {
    /// Free MPS (`glp_read_mps(GLP_MPS_FILE)`).
    case mps
    /// Fixed MPS (`GLP_MPS_DECK`).
    case fixedMPS = "mps-fixed"
    /// CPLEX LP (`glp_read_lp`).
    case lp

    /// The format a path's extension names: `.mps` free MPS, `.lp` CPLEX LP.
    public init(path: String) throws(ModelError) {
        switch (path as NSString).pathExtension.lowercased() {
        case "mps": self = .mps
        case "lp": self = .lp
        default:
            throw ModelError(.unsupportedFormat, "cannot tell the format from the file name; expected a .mps or .lp file", file: path)
        }
    }

    /// Refuses a problem the format cannot state: GLPK's MPS reader has no objective sense (it always
    /// minimises) and its CPLEX LP reader no objective constant (the writer leaves it in a comment), so such a
    /// file would silently describe a different problem.
    func checkCanRecord(_ problem: LinearProblem, path: String) throws(ModelError) {
        if self != .lp, problem.sense == .maximize {
            throw ModelError(.unsupportedFormat, "MPS as GLPK reads it cannot record maximisation; write a CPLEX LP (.lp) file", file: path)
        }
        if self == .lp, problem.objectiveConstant != 0 {
            throw ModelError(.unsupportedFormat, "CPLEX LP as GLPK reads it cannot record an objective constant (\(problem.objectiveConstant)); write an MPS file", file: path)
        }
    }
}

/// A problem solved straight from a file, with the names GLPK read.
public struct FileSolveResult: Sendable {
    /// The problem's name in the file.
    public var problemName: String
    /// Row names, in file order.
    public var rowNames: [String]
    /// Column names, in file order.
    public var columnNames: [String]
    /// Whether the file declares integer columns.
    public var isMIP: Bool
    /// Number of constraint-matrix nonzeros.
    public var nonzeros: Int
    /// The outcome.
    public var result: SolveResult
}

/// Reading, writing and solving MPS and CPLEX LP files through GLPK's own readers and writers.
public enum ModelFile {
    /// Reads a model file into a `LinearProblem`. Malformed files throw `.malformedFile` with GLPK's line number.
    public static func read(_ path: String, format: ModelFileFormat? = nil) throws -> LinearProblem {
        let format = try format ?? ModelFileFormat(path: path)
        return try GLPKTerminalCapture.capturing(echo: false) { log in
            try GLPKProblem.with { glpk in
                try load(path, format: format, into: glpk, log: log)
                return glpk.extract()
            }
        }
    }

    /// Reads and solves a model file inside GLPK, without converting it, as `glpsol` does.
    public static func solve(_ path: String, format: ModelFileFormat? = nil, options: SolverOptions = SolverOptions()) throws -> FileSolveResult {
        let format = try format ?? ModelFileFormat(path: path)
        try options.validate()
        return try GLPKTerminalCapture.capturing(echo: options.verbose) { log in
            try GLPKProblem.with { glpk in
                try load(path, format: format, into: glpk, log: log)
                try options.validate(rowCount: Int(glp_get_num_rows(glpk.pointer)))
                let names = glpk.names()
                let nonzeros = Int(glp_get_num_nz(glpk.pointer))
                let isMIP = glpk.isMIP
                var solve = GLPKSolve(problem: glpk, options: options, log: log)
                let result = solve.run()
                return FileSolveResult(
                    problemName: glp_get_prob_name(glpk.pointer).map { String(cString: $0) } ?? "",
                    rowNames: names.rows, columnNames: names.columns, isMIP: isMIP, nonzeros: nonzeros, result: result)
            }
        }
    }

    /// Writes `problem` to `path` atomically: GLPK writes a temporary file beside it, which is then renamed.
    /// Throws `.unsupportedFormat` for what the format cannot state (see `ModelFileFormat.checkCanRecord`).
    public static func write(_ problem: LinearProblem, to path: String, format: ModelFileFormat? = nil) throws {
        let format = try format ?? ModelFileFormat(path: path)
        try problem.validate()
        try format.checkCanRecord(problem, path: path)
        let temporary = AtomicPath(path)
        try GLPKTerminalCapture.capturing(echo: false) { log in
            try GLPKProblem.with { glpk in
                glpk.load(problem, generatedNames: true)
                if format != .lp { ObjectiveConstantColumn.add(to: glpk) }
                let code: Int32 = switch format {
                case .mps: glp_write_mps(glpk.pointer, GLP_MPS_FILE, nil, temporary.temporaryPath)
                case .fixedMPS: glp_write_mps(glpk.pointer, GLP_MPS_DECK, nil, temporary.temporaryPath)
                case .lp: glp_write_lp(glpk.pointer, nil, temporary.temporaryPath)
                }
                guard code == 0 else {
                    temporary.discard()
                    throw ModelError(.cannotWrite, firstLine(log.text) ?? "GLPK could not write the file", file: path)
                }
            }
        }
        try temporary.commit()
    }

    static func load(_ path: String, format: ModelFileFormat, into glpk: borrowing GLPKProblem, log: GLPKTerminalCapture) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              FileManager.default.isReadableFile(atPath: path)
        else { throw ModelError(.fileNotFound, "no readable file here", file: path) }
        try MPSBoundsCheck.check(path, format: format)  // GLPK's MPS reader aborts on some repeated bounds
        let code: Int32 = switch format {
        case .mps: glp_read_mps(glpk.pointer, GLP_MPS_FILE, nil, path)
        case .fixedMPS: glp_read_mps(glpk.pointer, GLP_MPS_DECK, nil, path)
        case .lp: glp_read_lp(glpk.pointer, nil, path)
        }
        guard code == 0 else { throw malformed(path, log: log.text, format: format) }
        if format != .lp { ObjectiveConstantColumn.fold(in: glpk) }
        try glpk.extract().validateReadFromFile(path)  // bounds and numeric policy, before any solver call
    }

    /// Turns GLPK's reader messages ("file:line: what") into a located error.
    static func malformed(_ path: String, log: String, format: ModelFileFormat) -> ModelError {
        for line in log.split(separator: "\n") {
            // GLPK prefixes reader errors with the path it was given, then ":<line>: ".
            guard line.hasPrefix(path + ":") else { continue }
            let rest = line.dropFirst(path.count + 1)
            guard let colon = rest.firstIndex(of: ":"), let number = Int(rest[..<colon]) else { continue }
            let message = rest[rest.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            return ModelError(.malformedFile, "invalid \(format.rawValue.uppercased()) file: \(message)", file: path, line: number)
        }
        return ModelError(.malformedFile, "invalid \(format.rawValue.uppercased()) file: \(firstLine(log) ?? "GLPK could not read it")", file: path)
    }

    static func firstLine(_ text: String) -> String? {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .first { !$0.isEmpty && !$0.hasPrefix("Reading") && !$0.hasPrefix("Writing") }
    }
}

/// How AlChain states an objective constant in MPS: as a column fixed at 1 whose cost is the constant.
///
/// MPS has no agreed place for the constant. GLPK (and Netlib's convention) read a right-hand side on the
/// objective row as minus the constant, HiGHS as plus the constant, so Netlib's e226 gives −25.865 in GLPK and
/// −11.639 in HiGHS. A fixed column is read the same by every solver. Reading a file back folds such a column
/// (the last one, named `OBJCONST` or `OBJC0001`…, fixed at 1, continuous, with no matrix entries) into the constant again.
enum ObjectiveConstantColumn {
    /// The column's name: 8 characters, so fixed MPS can hold it.
    static let name = "OBJCONST"

    /// The name used when a column of the problem already has `name`: "OBJC0001" … (8 characters).
    static func alternative(_ k: Int) -> String { "OBJC" + String(String(10_000 + k).dropFirst()) }

    static func isOurs(_ column: String) -> Bool {
        column == name || (column.count == 8 && column.hasPrefix("OBJC") && column.dropFirst(4).allSatisfy(\.isNumber))
    }

    /// Moves the loaded problem's objective constant into a new last column fixed at 1.
    static func add(to glpk: borrowing GLPKProblem) {
        let p = glpk.pointer
        let constant = glp_get_obj_coef(p, 0)
        guard constant != 0 else { return }
        var taken = Set<String>()
        for j in stride(from: Int32(1), through: glp_get_num_cols(p), by: 1) {
            if let s = glp_get_col_name(p, j) { taken.insert(String(cString: s)) }
        }
        let column = ([name] + (1...9_999).map(alternative)).first { !taken.contains($0) } ?? name
        let j = glp_add_cols(p, 1)
        glp_set_col_name(p, j, column)
        glp_set_col_bnds(p, j, GLP_FX, 1, 1)
        glp_set_obj_coef(p, j, constant)
        glp_set_obj_coef(p, 0, 0)
    }

    /// Folds a last column written by `add` back into the objective constant.
    static func fold(in glpk: borrowing GLPKProblem) {
        let p = glpk.pointer
        let j = glp_get_num_cols(p)
        guard j > 0, let s = glp_get_col_name(p, j), isOurs(String(cString: s)),
              glp_get_col_kind(p, j) == GLP_CV, glp_get_col_type(p, j) == GLP_FX, glp_get_col_lb(p, j) == 1,
              glp_get_mat_col(p, j, nil, nil) == 0 else { return }
        glp_set_obj_coef(p, 0, glp_get_obj_coef(p, 0) + glp_get_obj_coef(p, j))
        var columns: [Int32] = [0, j]
        glp_del_cols(p, 1, &columns)
    }
}
