import AlChainSolver
import AlChainTestSupport
import Testing

/// Branch-and-cut stopping early: at a requested gap, and at a time limit.
@Suite struct MIPTests {
    /// lseu (MIPLIB 3, minimise, proven optimum 1120): stopped at a relative gap, the point reported is
    /// optimal within that gap of the true optimum, and the reported bound is a true lower bound.
    @Test(arguments: [0.01, 0.05, 0.2])
    func stopsAtTheRequestedGap(_ gap: Double) throws {
        let lseu = try #require(try LPData.problems().first { $0.name == "lseu" })
        let optimum = try #require(lseu.objective)
        let r = try Solver.solve(try ModelFile.read(lseu.path), options: SolverOptions(mipGap: gap))
        #expect(r.status == .optimal)
        #expect(r.hasPrimalSolution)
        let objective = try #require(r.objective), bound = try #require(r.mipBound), reported = try #require(r.mipGap)
        #expect(reported <= gap)
        #expect(bound <= optimum + 1e-6 && optimum <= objective + 1e-6)
        #expect((objective - optimum) / abs(objective) <= gap)
        #expect(r.columnValues.allSatisfy { $0 == $0.rounded() })
    }

    @Test func zeroGapProvesTheOptimum() throws {
        let r = try Solver.solve(Self.knapsack(items: 12, dimensions: 2))
        #expect(r.status == .optimal)
        #expect(r.mipGap == 0 && r.mipBound == r.objective)
    }

    /// A 0-1 knapsack with many correlated constraints that plain branch-and-bound (GLPK's default: no cuts,
    /// no presolve) cannot close in a second: the solve stops at the limit and says so. Whether a point is
    /// known depends on how far the search got; when there is one it is integral and feasible.
    @Test(.timeLimit(.minutes(1)))
    func timeLimitStopsAHardMIP() throws {
        let p = Self.knapsack(items: 120, dimensions: 8)
        let r = try Solver.solve(p, options: SolverOptions(timeLimit: 1))
        #expect(r.status == .timeLimit, "\(r.solverStatus)")
        if r.hasPrimalSolution {
            #expect(maxViolation(p, r) <= 1e-9)
            #expect(r.columnValues.allSatisfy { $0 == 0 || $0 == 1 })
            let objective = try #require(r.objective)
            #expect(objective > 0)
            if let bound = r.mipBound { #expect(bound >= objective) }
        } else {
            #expect(r.objective == nil)
        }
    }

    /// An integer-infeasible problem whose LP relaxation is feasible at almost every node: 2·Σx = 61 with x
    /// binary has no solution (the left side is even), and branch-and-bound must enumerate to see it.
    @Test(.timeLimit(.minutes(1)))
    func timeLimitWithoutAPoint() throws {
        var p = LinearProblem(name: "parity")
        for j in 0..<61 { p.addColumn(name: "x\(j)", kind: .binary, objective: Double(j % 7)) }
        p.addRow(name: "parity", lower: 61, upper: 61, terms: (0..<61).map { ($0, 2) })
        let r = try Solver.solve(p, options: SolverOptions(timeLimit: 1))
        #expect(r.status == .timeLimit, "\(r.solverStatus)")
        #expect(!r.hasPrimalSolution && r.objective == nil)
    }

    static func starting(from start: [Double], mipGap: Double = 0) -> SolverOptions {
        var options = SolverOptions(mipGap: mipGap)
        options.mipStart = start
        return options
    }

    /// A greedy point of a knapsack: items in order while every capacity allows.
    static func greedy(_ p: LinearProblem) -> [Double] {
        var load = [Double](repeating: 0, count: p.rowCount)
        var x = [Double](repeating: 0, count: p.columnCount)
        let byColumn = Dictionary(grouping: p.matrix.entries, by: \.column)
        for j in 0..<p.columnCount {
            let entries = byColumn[j] ?? []
            if entries.allSatisfy({ load[$0.row] + $0.value <= p.rowUpper[$0.row] }) {
                x[j] = 1
                for e in entries { load[e.row] += e.value }
            }
        }
        return x
    }

    /// Regression: a MIP start used to be computed and then never handed to GLPK. A feasible one is now taken
    /// as the first incumbent, and the optimum is the same.
    @Test func feasibleStartIsTakenAsTheFirstIncumbent() throws {
        let p = Self.knapsack(items: 30, dimensions: 3)
        let start = Self.greedy(p)
        #expect(start.contains(1))
        let plain = try Solver.solve(p)
        let started = try Solver.solve(p, options: Self.starting(from: start))
        #expect(started.solverStatus.contains("starting point accepted as incumbent"), "\(started.solverStatus)")
        #expect(started.status == .optimal && started.objective == plain.objective)
    }

    /// With a wide gap the search may stop as soon as the start is in: the point reported is at least as good.
    @Test func startWithAWideGap() throws {
        let p = Self.knapsack(items: 30, dimensions: 3)
        let start = Self.greedy(p)
        let startValue = zip(start, p.objective).reduce(0) { $0 + $1.0 * $1.1 }
        let r = try Solver.solve(p, options: Self.starting(from: start, mipGap: 0.5))
        #expect(r.solverStatus.contains("starting point accepted as incumbent"))
        #expect(r.status == .optimal && r.objective! >= startValue)
        #expect(r.mipGap! <= 0.5)
    }

    /// GLPK takes whatever start it is given without checking it, so infeasible ones are never offered.
    @Test(arguments: [("over capacity", 1.0), ("fractional", 0.5)])
    func infeasibleStartIsNotOffered(_ label: String, _ value: Double) throws {
        let p = Self.knapsack(items: 30, dimensions: 3)
        let plain = try Solver.solve(p)
        let r = try Solver.solve(p, options: Self.starting(from: Array(repeating: value, count: p.columnCount)))
        #expect(r.solverStatus.contains("MIP start not offered"), "\(label): \(r.solverStatus)")
        #expect(!r.solverStatus.contains("accepted"))
        #expect(r.status == .optimal && r.objective == plain.objective)
        #expect(maxViolation(p, r) <= 1e-9)
    }

    /// A multidimensional 0-1 knapsack from a fixed linear congruential generator (same instance every run):
    /// weights in 1…1000, profits correlated with the weights, capacities half the weight sums.
    static func knapsack(items n: Int, dimensions m: Int) -> LinearProblem {
        var seed: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(seed >> 33) % 1000 + 1
        }
        let weights = (0..<m).map { _ in (0..<n).map { _ in Double(next()) } }
        var p = LinearProblem(name: "knapsack\(n)x\(m)", sense: .maximize)
        for j in 0..<n {
            let mean = (0..<m).reduce(0.0) { $0 + weights[$1][j] } / Double(m)
            p.addColumn(name: "x\(j)", kind: .binary, objective: (mean + Double(next() % 100)).rounded())
        }
        for i in 0..<m {
            p.addRow(name: "c\(i)", upper: (weights[i].reduce(0, +) / 2).rounded(), terms: (0..<n).map { ($0, weights[i][$0]) })
        }
        return p
    }
}
