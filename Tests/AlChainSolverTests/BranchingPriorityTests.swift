import AlChainSolver
import AlChainTestSupport
import Testing

/// Branching priorities steer branch-and-cut without changing its answer, and never reach GLPK when the MIP
/// presolver has replaced the columns they name.
@Suite struct BranchingPriorityTests {
    static func lseu() throws -> (LinearProblem, Double) {
        let lseu = try #require(try LPData.problems().first { $0.name == "lseu" })
        return (try ModelFile.read(lseu.path), try #require(lseu.objective))
    }

    /// Regression: with the MIP presolver on, a priority per original column made the branching callback ask
    /// glp_ios_can_branch about columns the presolved problem lacks, and GLPK aborted the process.
    @Test func priorityWithPresolveIsIgnoredNotAnAbort() throws {
        let (p, optimum) = try Self.lseu()
        var o = SolverOptions(presolve: true)
        o.branchingPriority = Array(0..<p.columnCount)
        let r = try Solver.solve(p, options: o)
        #expect(r.status == .optimal)
        #expect(agrees(r.objective, optimum))
        #expect(r.solverStatus.contains("branching priority not used"))
    }

    /// Any priority order proves the same optimum (lseu, MIPLIB 3: 1120).
    @Test(arguments: ["ascending", "descending"])
    func priorityKeepsTheOptimum(_ order: String) throws {
        let (p, optimum) = try Self.lseu()
        var o = SolverOptions(cuts: Set(CutKind.allCases))
        o.branchingPriority = order == "ascending" ? Array(0..<p.columnCount) : Array((0..<p.columnCount).reversed())
        let r = try Solver.solve(p, options: o)
        #expect(r.status == .optimal)
        #expect(agrees(r.objective, optimum))
        #expect(!r.solverStatus.contains("not used"))
    }
}
