import AlChainSolver
import AlChainTestSupport
import Foundation
import Testing

/// A deferred start is made only when branch-and-cut has no incumbent after its first nodes, on a thread of its
/// own (where it may run GLPK itself), and never changes the proven optimum.
@Suite struct DeferredStartTests {
    /// Counts the calls of a start's `make` (from the start's own thread).
    final class Calls: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        func record() { lock.lock(); n += 1; lock.unlock() }
        var count: Int { lock.lock(); defer { lock.unlock() }; return n }
    }

    static func lseu() throws -> LinearProblem {
        try ModelFile.read(try #require(try LPData.problems().first { $0.name == "lseu" }).path)
    }

    /// lseu's search has no incumbent at its root: a start asked for after 0 nodes is made once — by solving lseu
    /// again, with GLPK, on the start's thread while the search waits on its own — taken, and the search still
    /// proves 1120.
    @Test func madeOnceWhenTheSearchHasNoIncumbent() throws {
        let problem = try Self.lseu()
        let calls = Calls()
        var options = SolverOptions(algorithm: .dualSimplex)
        options.deferredStart = DeferredStart(afterNodes: 0) {
            calls.record()
            return try? Solver.solve(problem, options: SolverOptions(algorithm: .dualSimplex)).columnValues
        }
        let r = try Solver.solve(problem, options: options)
        #expect(calls.count == 1)
        #expect(r.status == .optimal && r.objective == 1120)
        #expect(r.solverStatus.contains("deferred start accepted"), "\(r.solverStatus)")
    }

    /// A search that finds its own incumbents within the node count never makes the start.
    @Test func notMadeWhenTheSearchFindsItsOwnIncumbent() throws {
        let calls = Calls()
        var options = SolverOptions(algorithm: .dualSimplex)
        options.deferredStart = DeferredStart(afterNodes: 1_000_000) { calls.record(); return nil }
        let r = try Solver.solve(try Self.lseu(), options: options)
        #expect(calls.count == 0)
        #expect(r.status == .optimal && r.objective == 1120)
        #expect(!r.solverStatus.contains("deferred start"), "\(r.solverStatus)")
    }

    /// A start that finds nothing, or one of the wrong length, leaves the search to prove the optimum alone.
    @Test func aStartWithoutAPointLeavesTheSearchAlone() throws {
        for point in [nil, [1.0, 0]] as [[Double]?] {
            var options = SolverOptions(algorithm: .dualSimplex)
            options.deferredStart = DeferredStart(afterNodes: 0) { point }
            let r = try Solver.solve(try Self.lseu(), options: options)
            #expect(r.status == .optimal && r.objective == 1120)
            #expect(r.solverStatus.contains("deferred start not found or rejected"), "\(r.solverStatus)")
        }
    }

    /// A caller's own MIP start takes precedence: the deferred one is not made.
    @Test func aGivenMIPStartTakesPrecedence() throws {
        let problem = try Self.lseu()
        let optimum = try Solver.solve(problem, options: SolverOptions(algorithm: .dualSimplex))
        let calls = Calls()
        var options = SolverOptions(algorithm: .dualSimplex)
        options.mipStart = optimum.columnValues
        options.deferredStart = DeferredStart(afterNodes: 0) { calls.record(); return nil }
        let r = try Solver.solve(problem, options: options)
        #expect(calls.count == 0)
        #expect(r.objective == 1120)
    }
}
