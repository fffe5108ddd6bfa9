import AlChainSolver
import AlChainTestSupport
import Foundation
import Testing

/// Writing a problem with `ModelFile.write` and reading it back keeps its optimum, in every format.
@Suite struct RoundTripTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let problem: ExpectedProblem
        let format: ModelFileFormat
        var testDescription: String { "\(problem.name) \(format.rawValue)" }
    }

    static func cases() throws -> [Case] {
        try LPData.problems().flatMap { p in ModelFileFormat.allCases.map { Case(problem: p, format: $0) } }
    }

    @Test(arguments: try cases())
    func writeThenReadKeepsTheOptimum(_ c: Case) throws {
        let original = try ModelFile.read(c.problem.path)
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("\(c.problem.name).\(c.format == .lp ? "lp" : "mps")").path
        try ModelFile.write(original, to: path, format: c.format)
        // Nothing but the file itself is left in the folder (the temporary was renamed into place).
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [(path as NSString).lastPathComponent])

        let copy = try ModelFile.read(path, format: c.format)
        if c.format == .lp {
            // GLPK's LP writer orders columns as the rows first use them, renames what CPLEX LP does not allow
            // as a name (`x_j`, `r_i`) and writes ranged rows as equalities with a bounded helper column, so
            // only the optimum carries over.
            #expect(copy.columnCount >= original.columnCount)
        } else {
            #expect(copy.columnNames == original.columnNames && copy.rowNames == original.rowNames)
            #expect(copy.columnKinds == original.columnKinds)
            #expect(copy.matrix.count == original.matrix.count)
        }
        let r = try ModelFile.solve(path, format: c.format)
        #expect(r.result.status == c.problem.status, "\(r.result.solverStatus)")
        #expect(agrees(r.result.objective, c.problem.objective))
    }

    /// A problem with an objective constant, ranged and equality rows, free, fixed, integer and binary columns.
    static func features(sense: ObjectiveSense, constant: Double) -> LinearProblem {
        var p = LinearProblem(name: "features", sense: sense, objectiveConstant: constant)
        p.addColumn(name: "free", lower: -.infinity, upper: .infinity, objective: sense == .maximize ? -1 : 1)
        p.addColumn(name: "fixed", lower: 3, upper: 3, objective: 0.25)
        p.addColumn(name: "count", lower: -2, upper: 7, kind: .integer, objective: 1.5)
        p.addColumn(name: "flag", kind: .binary, objective: -4)
        p.addColumn(name: "below", lower: -.infinity, upper: 10, objective: sense == .maximize ? 0.125 : -0.125)
        p.addRow(name: "ranged", lower: -1, upper: 6, terms: [(0, 1), (2, 2)])
        p.addRow(name: "balance", lower: 4, upper: 4, terms: [(0, 1), (1, -1), (3, 8)])
        p.addRow(name: "cap", upper: 20, terms: [(2, 1), (4, 1), (3, 0.5)])
        return p
    }

    /// MPS keeps every number of a minimisation, its constant included.
    @Test(arguments: [ModelFileFormat.mps, .fixedMPS])
    func mpsKeepsEveryNumber(_ format: ModelFileFormat) throws {
        let p = Self.features(sense: .minimize, constant: 2.5)
        let copy = try writeAndRead(p, format)
        #expect(copy.sense == .minimize && copy.objectiveConstant == 2.5)
        #expect(copy.columnNames == p.columnNames && copy.rowNames == p.rowNames)
        #expect(copy.columnLower == p.columnLower && copy.columnUpper == p.columnUpper)
        #expect(copy.columnKinds == p.columnKinds && copy.objective == p.objective)
        #expect(copy.rowLower == p.rowLower && copy.rowUpper == p.rowUpper)
        #expect(sortedEntries(copy) == sortedEntries(p))
        try expectSameOptimum(p, copy)
    }

    /// CPLEX LP keeps a maximisation; GLPK writes a ranged row as an equality with a bounded helper column,
    /// so the structure differs but the optimum and the named columns' values do not.
    @Test func lpKeepsAMaximisation() throws {
        let p = Self.features(sense: .maximize, constant: 0)
        let copy = try writeAndRead(p, .lp)
        #expect(copy.sense == .maximize)
        #expect(Array(copy.columnNames.prefix(p.columnCount)) == p.columnNames && copy.rowNames == p.rowNames)
        #expect(Array(copy.columnKinds.prefix(p.columnCount)) == p.columnKinds)
        try expectSameOptimum(p, copy)
    }

    /// What a format cannot state is refused rather than written wrong: GLPK reads every MPS file as a
    /// minimisation, and its LP reader has no objective constant.
    @Test func formatsRefuseWhatTheyCannotState() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (p, file) in [(Self.features(sense: .maximize, constant: 0), "max.mps"), (Self.features(sense: .minimize, constant: 2.5), "constant.lp")] {
            let path = folder.appendingPathComponent(file).path
            let error = #expect(throws: ModelError.self) { try ModelFile.write(p, to: path) }
            #expect(error?.kind == .unsupportedFormat)
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    func writeAndRead(_ p: LinearProblem, _ format: ModelFileFormat) throws -> LinearProblem {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("features.model").path
        try ModelFile.write(p, to: path, format: format)
        return try ModelFile.read(path, format: format)
    }

    func sortedEntries(_ p: LinearProblem) -> [[Double]] {
        p.matrix.entries.map { [Double($0.row), Double($0.column), $0.value] }.sorted { $0.lexicographicallyPrecedes($1) }
    }

    func expectSameOptimum(_ p: LinearProblem, _ copy: LinearProblem) throws {
        let a = try Solver.solve(p), b = try Solver.solve(copy)
        #expect(a.status == .optimal && b.status == .optimal)
        #expect(a.objective != nil && a.objective == b.objective)
        #expect(a.columnValues == Array(b.columnValues.prefix(p.columnCount)))
    }

    @Test func writingToAMissingFolderIsATypedError() throws {
        let error = #expect(throws: ModelError.self) {
            try ModelFile.write(SensitivityTests.capped(), to: "/nonexistent-alchain-folder/x.mps")
        }
        #expect(error?.kind == .cannotWrite)
    }
}
