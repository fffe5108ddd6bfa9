import AlChainSolver
import Foundation
import Testing

/// An MPS file AlChain writes states its objective constant so that a second solver (HiGHS, through highspy)
/// reads the same optimum, and AlChain reads the constant back as a constant.
@Suite struct ObjectiveConstantTests {
    /// The Python with highspy that scripts/setup.sh installs (`.venv/` in the checkout), or `ALCHAIN_PYTHON`.
    static var python: String {
        ProcessInfo.processInfo.environment["ALCHAIN_PYTHON"]
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".venv/bin/python").path
    }

    /// Solves `path` with HiGHS and returns its model status and objective.
    static func highs(_ path: String) throws -> (status: String, objective: Double?) {
        let script = """
            import sys, highspy
            h = highspy.Highs()
            h.setOptionValue("output_flag", False)
            assert h.readModel(sys.argv[1]) == highspy.HighsStatus.kOk
            h.run()
            print("result", h.modelStatusToString(h.getModelStatus()), repr(h.getInfo().objective_function_value))
            """
        try #require(FileManager.default.isExecutableFile(atPath: python), "no Python with highspy at \(python): run scripts/setup.sh")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "highspy failed on \(path)")
        // HiGHS prints its banner before the options take effect: the answer is the line after "result".
        let result = try #require(out.split(separator: "\n").last { $0.hasPrefix("result ") }, "highspy printed: \(out)")
        let fields = result.split(separator: " ").map(String.init)
        return (fields[1], Double(fields[2]))
    }

    /// A small MIP and an LP, each with a positive and a negative constant, in free and fixed MPS.
    @Test(arguments: [2.5, -1_000.75], [ModelFileFormat.mps, .fixedMPS])
    func secondSolverReadsTheSameOptimum(_ constant: Double, _ format: ModelFileFormat) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("alchain-objconst-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (label, p) in [("mip", RoundTripTests.features(sense: .minimize, constant: constant)), ("lp", Self.lp(constant))] {
            let path = folder.appendingPathComponent("\(label).mps").path
            try ModelFile.write(p, to: path, format: format)
            let ours = try #require(try Solver.solve(p).objective)
            let theirs = try Self.highs(path)
            #expect(theirs.status == "Optimal", "\(label)")
            let objective = try #require(theirs.objective)
            #expect(abs(objective - ours) <= 1e-9 * max(1, abs(ours)), "\(label): HiGHS \(objective), GLPK \(ours)")
            // AlChain reads the constant back as a constant, with the problem's own columns only.
            let copy = try ModelFile.read(path, format: format)
            #expect(copy.objectiveConstant == constant && copy.columnCount == p.columnCount, "\(label)")
        }
    }

    /// A column of the problem already named OBJCONST: the constant's column takes another name.
    @Test func nameAlreadyTaken() throws {
        var p = Self.lp(7)
        p.columnNames[0] = "OBJCONST"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("alchain-objconst-\(UUID().uuidString).mps").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ModelFile.write(p, to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("OBJC0001"))
        let copy = try ModelFile.read(path)
        #expect(copy.objectiveConstant == 7 && copy.columnNames == p.columnNames)
        let theirs = try #require(try Self.highs(path).objective)
        #expect(abs(theirs - (try #require(try Solver.solve(p).objective))) <= 1e-9)
    }

    /// min x + 2y + c, x + y ≥ 3, x ≤ 2.
    static func lp(_ constant: Double) -> LinearProblem {
        var p = LinearProblem(name: "lp", objectiveConstant: constant)
        p.addColumn(name: "x", upper: 2, objective: 1)
        p.addColumn(name: "y", objective: 2)
        p.addRow(name: "demand", lower: 3, terms: [(0, 1), (1, 1)])
        return p
    }
}
