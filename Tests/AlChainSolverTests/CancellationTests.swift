import AlChainSolver
import Foundation
import Testing

/// A solve given a `SolveCancellation` stops when it is set (from any thread) and throws, instead of running to
/// its end; without a flag nothing changes.
@Suite struct CancellationTests {
    /// A market split instance (Cornuéjols and Dawande 1999): 4 equality rows over 30 binaries with coefficients in
    /// 0…99 and right-hand sides half the row sums. Branch-and-bound needs far longer than this test waits.
    static func marketSplit(rows m: Int = 4, columns n: Int = 30) -> LinearProblem {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double((seed >> 33) % 100)
        }
        var p = LinearProblem(name: "market-split-\(m)x\(n)")
        for j in 0..<n { p.addColumn(name: "x\(j)", kind: .binary) }
        for i in 0..<m {
            let a = (0..<n).map { _ in next() }
            let rhs = (a.reduce(0, +) / 2).rounded(.down)
            p.addRow(name: "r\(i)", lower: rhs, upper: rhs, terms: (0..<n).map { ($0, a[$0]) })
        }
        return p
    }

    @Test func aFlagSetBeforehandStopsTheSolveBeforeGLPKRuns() {
        let flag = SolveCancellation()
        flag.cancel()
        var options = SolverOptions()
        options.cancellation = flag
        #expect(throws: SolveCancellation.Cancelled.self) { try Solver.solve(Self.marketSplit(), options: options) }
    }

    /// The instance is hard: with a one-second limit GLPK stops at the limit, not at an answer (so the next test
    /// cannot pass by finishing on its own).
    @Test func theInstanceOutlastsASecond() throws {
        let r = try Solver.solve(Self.marketSplit(), options: SolverOptions(timeLimit: 1))
        #expect(r.status == .timeLimit, "\(r.status)")
    }

    /// Set from another thread while branch-and-cut runs: the search stops (the callback calls glp_ios_terminate)
    /// and the solve throws, long before its two-minute limit.
    @Test func aFlagSetFromAnotherThreadStopsBranchAndCut() {
        let flag = SolveCancellation()
        var options = SolverOptions(timeLimit: 120)
        options.cancellation = flag
        // A thread of its own: in CI, with every suite running at once, a GCD `asyncAfter` did not fire within
        // the 54 s the instance took to prove infeasible (the pool was busy), so the flag was never set.
        Thread {
            Thread.sleep(forTimeInterval: 0.3)
            flag.cancel()
        }.start()
        #expect(throws: SolveCancellation.Cancelled.self) { try Solver.solve(Self.marketSplit(), options: options) }
    }

    @Test func anUnsetFlagChangesNothing() throws {
        var p = LinearProblem(name: "small", sense: .maximize)
        let x = p.addColumn(name: "x", upper: 3, kind: .integer, objective: 2)
        let y = p.addColumn(name: "y", upper: 5, kind: .integer, objective: 3)
        p.addRow(name: "c", upper: 6.5, terms: [(x, 1), (y, 1)])
        var options = SolverOptions()
        options.cancellation = SolveCancellation()
        let with = try Solver.solve(p, options: options), without = try Solver.solve(p)
        #expect(with.status == .optimal && with.objective == without.objective && with.columnValues == without.columnValues)
    }
}
