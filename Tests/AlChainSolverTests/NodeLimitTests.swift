import AlChainSolver
import AlChainTestSupport
import Foundation
import Testing

/// A node limit stops branch-and-cut after a count of nodes with its best point: the same point on every run,
/// whatever the machine's speed, and the status says the search was stopped.
@Suite struct NodeLimitTests {
    /// lseu needs hundreds of nodes to prove 1120: stopped after 50, twice, it returns the same feasible point
    /// both times, an objective no better than the optimum, status `iterationLimit` and the note.
    @Test func stopsAtTheNodeLimitWithTheSamePointEveryTime() throws {
        let problem = try DeferredStartTests.lseu()
        var options = SolverOptions(algorithm: .dualSimplex)
        options.nodeLimit = 50
        let a = try Solver.solve(problem, options: options), b = try Solver.solve(problem, options: options)
        #expect(a.status == .iterationLimit, "\(a.solverStatus)")
        #expect(a.solverStatus.contains("stopped at the node limit (50 nodes)"), "\(a.solverStatus)")
        #expect(a.hasPrimalSolution == b.hasPrimalSolution)
        #expect(a.columnValues == b.columnValues)
        if a.hasPrimalSolution { #expect((a.objective ?? 0) >= 1120 - 1e-6) }
    }

    /// A limit the search does not reach changes nothing: lseu is proven at 1120.
    @Test func aLimitNotReachedLeavesTheProof() throws {
        var options = SolverOptions(algorithm: .dualSimplex)
        options.nodeLimit = 1_000_000
        let r = try Solver.solve(try DeferredStartTests.lseu(), options: options)
        #expect(r.status == .optimal && r.objective == 1120, "\(r.solverStatus)")
        #expect(!r.solverStatus.contains("node limit"))
    }
}
