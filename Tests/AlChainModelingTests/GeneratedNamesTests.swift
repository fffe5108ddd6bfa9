import AlChainModeling
import AlChainSolver
import Foundation
import Testing

/// Variables added over a shape are named on demand: the names are the same as if built up front, and reach
/// files and messages.
@Suite struct GeneratedNamesTests {
    @Test func namesAreGeneratedWhenAskedFor() throws {
        var model = Model(name: "generated")
        let x = model.addVariable("x", upper: 5)
        let ship = model.addVariables("ship", shape: [2, 3], upper: 4)
        #expect(ship.count == 6 && ship[1, 2] == ship[offset: 5])
        #expect(model.name(of: x) == "x")
        #expect(model.name(of: ship[0, 0]) == "ship[0,0]" && model.name(of: ship[1, 2]) == "ship[1,2]")
        #expect(model.problem.columnNames[ship[1, 2].index].isEmpty, "no string is built up front")
        // max x + Σ ship subject to x + Σ ship ≤ 20: each ship variable is bounded by 4.
        var total = LinearExpression(x)
        for k in 0..<ship.count { total.add(ship[offset: k]) }
        model.add(total <= 20, name: "cap")
        model.setObjective(total, .minimize)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("alchain-generated-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("generated.mps").path
        try ModelFile.write(model.problem, to: path)
        let copy = try ModelFile.read(path)
        #expect(copy.columnNames == ["x"] + (0..<2).flatMap { i in (0..<3).map { "ship[\(i),\($0)]" } })
        #expect(copy.columnUpper == [5] + Array(repeating: 4, count: 6))
    }

    /// Names GLPK would abort on (a control character, more than 255 bytes) are refused before any GLPK call.
    @Test(arguments: ["bad\u{1}", String(repeating: "s", count: 250)])
    func aStemGLPKCannotTakeIsRefused(_ stem: String) {
        var p = LinearProblem()
        _ = p.addColumns(stem: stem, shape: [10, 1000])
        let error = #expect(throws: ModelError.self) { try p.validate() }
        #expect(error?.kind == .invalidName)
    }
}
