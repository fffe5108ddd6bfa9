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
                glpk.load(problem)
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
