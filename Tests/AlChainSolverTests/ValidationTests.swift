import AlChainSolver
import AlChainTestSupport
import Foundation
import Testing

/// Problems GLPK would abort on are refused with a typed `ModelError` before any C call; the test process
/// surviving each case is itself part of the check.
@Suite struct ValidationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let label: String
        let kind: ModelError.Kind
        let change: @Sendable (inout LinearProblem) -> Void
        var testDescription: String { label }
    }

    /// A valid two-column, two-row MIP that each case breaks in one way.
    static func base() -> LinearProblem {
        var p = LinearProblem(name: "base")
        p.addColumn(name: "x", lower: 0, upper: 10, objective: 1)
        p.addColumn(name: "n", lower: 0, upper: 5, kind: .integer, objective: 2)
        p.addRow(name: "r0", lower: 1, terms: [(0, 1), (1, 1)])
        p.addRow(name: "r1", upper: 8, terms: [(0, 2), (1, -1)])
        return p
    }

    static let cases: [Case] = [
        Case(label: "NaN column lower bound", kind: .nonFinite) { $0.columnLower[0] = .nan },
        Case(label: "NaN row upper bound", kind: .nonFinite) { $0.rowUpper[1] = .nan },
        Case(label: "NaN matrix coefficient", kind: .nonFinite) { $0 = withEntry($0, row: 1, column: 1, .nan) },
        Case(label: "infinite matrix coefficient", kind: .nonFinite) { $0 = withEntry($0, row: 0, column: 0, .infinity) },
        Case(label: "NaN objective coefficient", kind: .nonFinite) { $0.objective[1] = .nan },
        Case(label: "infinite objective constant", kind: .nonFinite) { $0.objectiveConstant = .infinity },
        Case(label: "column lb > ub", kind: .invalidBound) { $0.columnLower[0] = 11 },
        Case(label: "row lb > ub", kind: .invalidBound) { $0.rowLower[1] = 9 },
        Case(label: "lower bound +inf", kind: .invalidBound) { $0.columnLower[0] = .infinity; $0.columnUpper[0] = .infinity },
        Case(label: "upper bound -inf", kind: .invalidBound) { $0.rowLower[0] = -.infinity; $0.rowUpper[0] = -.infinity },
        Case(label: "integer column with fractional lower bound", kind: .nonIntegralBound) { $0.columnLower[1] = 0.5 },
        Case(label: "integer column with fractional upper bound", kind: .nonIntegralBound) { $0.columnUpper[1] = 4.25 },
        Case(label: "binary column outside [0, 1]", kind: .invalidBound) { $0.columnKinds[1] = .binary },
        Case(label: "column name of 256 bytes", kind: .invalidName) { $0.columnNames[0] = String(repeating: "x", count: 256) },
        Case(label: "row name of 86 three-byte characters", kind: .invalidName) { $0.rowNames[0] = String(repeating: "铝", count: 86) },
        Case(label: "problem name of 256 bytes", kind: .invalidName) { $0.name = String(repeating: "p", count: 256) },
        Case(label: "newline in a column name", kind: .invalidName) { $0.columnNames[1] = "n\nm" },
        Case(label: "tab in a row name", kind: .invalidName) { $0.rowNames[1] = "r\t1" },
        Case(label: "DEL in the problem name", kind: .invalidName) { $0.name = "base\u{7f}" },
        Case(label: "matrix row index past the end", kind: .indexOutOfRange) { $0 = withEntry($0, row: 2, column: 0, 1) },
        Case(label: "negative matrix column index", kind: .indexOutOfRange) { $0 = withEntry($0, row: 0, column: -1, 1) },
        Case(label: "matrix column index past the end", kind: .indexOutOfRange) { $0 = withEntry($0, row: 0, column: 2, 1) },
        Case(label: "duplicate matrix entry", kind: .duplicateEntry) { $0 = withEntry($0, row: 1, column: 0, 3) },
        Case(label: "column arrays of different lengths", kind: .indexOutOfRange) { $0.columnNames.append("extra") },
    ]

    static func withEntry(_ p: LinearProblem, row: Int, column: Int, _ value: Double) -> LinearProblem {
        var q = p
        q.matrix.append(row: row, column: column, value: value)
        return q
    }

    @Test func theBaseProblemIsValid() throws {
        let r = try Solver.solve(Self.base())
        #expect(r.status == .optimal && r.objective == 1)
    }

    @Test(arguments: cases)
    func solveRefuses(_ c: Case) {
        var p = Self.base()
        c.change(&p)
        let error = #expect(throws: ModelError.self) { try Solver.solve(p) }
        #expect(error?.kind == c.kind, "\(error?.description ?? "no error")")
        #expect(error?.message.isEmpty == false)
    }

    @Test(arguments: cases)
    func writeRefuses(_ c: Case) throws {
        var p = Self.base()
        c.change(&p)
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("bad.mps").path
        let error = #expect(throws: ModelError.self) { try ModelFile.write(p, to: path) }
        #expect(error?.kind == c.kind)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    /// Names at the limits GLPK allows are accepted.
    @Test func longestAndUnicodeNamesAreAccepted() throws {
        var p = Self.base()
        p.columnNames[0] = String(repeating: "x", count: 255)
        p.rowNames[0] = String(repeating: "铝", count: 85)  // 255 bytes
        #expect(try Solver.solve(p).status == .optimal)
    }

    struct OptionCase: Sendable, CustomTestStringConvertible {
        let label: String
        let options: SolverOptions
        var testDescription: String { label }
    }

    @Test(arguments: [
        OptionCase(label: "negative gap", options: SolverOptions(mipGap: -0.01)),
        OptionCase(label: "NaN gap", options: SolverOptions(mipGap: .nan)),
        OptionCase(label: "infinite gap", options: SolverOptions(mipGap: .infinity)),
        OptionCase(label: "zero time limit", options: SolverOptions(timeLimit: 0)),
        OptionCase(label: "negative time limit", options: SolverOptions(timeLimit: -1)),
        OptionCase(label: "NaN time limit", options: SolverOptions(timeLimit: .nan)),
        OptionCase(label: "time limit beyond GLPK's int milliseconds", options: SolverOptions(timeLimit: 1e10)),
    ])
    func invalidOptionsAreRefused(_ c: OptionCase) throws {
        let solveError = #expect(throws: ModelError.self) { try Solver.solve(Self.base(), options: c.options) }
        #expect(solveError?.kind == .invalidOption)
        let path = try #require(try LPData.problems().first).path
        let fileError = #expect(throws: ModelError.self) { try ModelFile.solve(path, options: c.options) }
        #expect(fileError?.kind == .invalidOption)
    }

    /// The empty problem and a problem without rows are valid and solve (GLPK aborts on `glp_add_rows(0)`).
    @Test func emptyProblemsSolve() throws {
        let empty = try Solver.solve(LinearProblem(objectiveConstant: 4))
        #expect(empty.status == .optimal && empty.objective == 4)
        var noRows = LinearProblem(sense: .maximize)
        noRows.addColumn(lower: 1, upper: 3, objective: 2)
        let r = try Solver.solve(noRows)
        #expect(r.status == .optimal && r.objective == 6)
        var noColumns = LinearProblem()
        noColumns.addRow(lower: 0, upper: 1)
        #expect(try Solver.solve(noColumns).status == .optimal)
    }
}
