import AlChainSolver
import AlChainTestSupport
import Testing

/// Cuts generated at the root only (kept as rows for the rest of the search), and simplex warm starts from a
/// basis: both must leave the proven optimum, and the problem as loaded, unchanged.
@Suite struct RootCutsAndWarmStartTests {
    static func mips() throws -> [ExpectedProblem] { try LPData.optimal().filter(\.isMIP) }

    /// Every shared MIP with a proven optimum: root-only cuts prove the same optimum as cuts at every node, and
    /// the reported rows are the problem's own (the cut rows are gone again).
    @Test func rootCutsProveTheKnownOptimum() throws {
        for expected in try Self.mips() {
            let problem = try ModelFile.read(expected.path)
            var options = SolverOptions(cuts: Set(CutKind.allCases))
            options.cutNodes = .root
            let r = try Solver.solve(problem, options: options)
            #expect(r.status == .optimal, "\(expected.name): \(r.solverStatus)")
            #expect(agrees(r.objective, expected.objective), "\(expected.name): \(r.objective ?? .nan) vs \(expected.objective ?? .nan)")
            #expect(r.rowActivities.count == problem.rowCount)
            #expect(maxViolation(problem, r) <= 1e-6, "\(expected.name)")
            #expect(r.mipGap == 0)
        }
    }

    /// lseu needs branching after its root cuts: the search is stopped at the first branching, the cuts become
    /// rows, and it goes on without cut generators, as the solver status says.
    @Test func lseuContinuesWithItsRootCutsAsRows() throws {
        let lseu = try #require(try LPData.problems().first { $0.name == "lseu" })
        var options = SolverOptions(cuts: Set(CutKind.allCases))
        options.cutNodes = .root
        let r = try Solver.solve(try ModelFile.read(lseu.path), options: options)
        #expect(r.objective == 1120)
        #expect(r.solverStatus.contains("root cuts kept as rows"), "\(r.solverStatus)")
        #expect(r.solverStatus.contains("glp_intopt(root cuts, no generators) returned 0"), "\(r.solverStatus)")
    }

    /// With the MIP presolver on, cuts stay at every node (the presolved tree has other columns), and say so.
    @Test func presolveKeepsCutsAtEveryNode() throws {
        let lseu = try #require(try LPData.problems().first { $0.name == "lseu" })
        var options = SolverOptions(presolve: true, cuts: Set(CutKind.allCases))
        options.cutNodes = .root
        let r = try Solver.solve(try ModelFile.read(lseu.path), options: options)
        #expect(r.objective == 1120)
        #expect(r.solverStatus.contains("cuts at every node"), "\(r.solverStatus)")
    }

    /// A maximisation MIP whose root point GLPK finds by itself: root-only cuts keep the better of the caller's
    /// start and GLPK's point, and prove the hand-derived optimum.
    @Test func maximisationWithAStart() throws {
        // max 5a + 4b + 3c, 2a + 3b + c ≤ 5, 4a + b + 2c ≤ 11, 3a + 4b + 2c ≤ 8, a, b, c integer ≥ 0:
        // optimum 13 at (2, 0, 1) (enumerated by hand over a ≤ 2, b ≤ 1, c ≤ 4).
        var p = LinearProblem(name: "max", sense: .maximize)
        let a = p.addColumn(name: "a", kind: .integer, objective: 5)
        let b = p.addColumn(name: "b", kind: .integer, objective: 4)
        let c = p.addColumn(name: "c", kind: .integer, objective: 3)
        p.addRow(name: "r1", upper: 5, terms: [(a, 2), (b, 3), (c, 1)])
        p.addRow(name: "r2", upper: 11, terms: [(a, 4), (b, 1), (c, 2)])
        p.addRow(name: "r3", upper: 8, terms: [(a, 3), (b, 4), (c, 2)])
        var options = SolverOptions(cuts: Set(CutKind.allCases))
        options.cutNodes = .root
        options.mipStart = [0, 0, 0]
        let r = try Solver.solve(p, options: options)
        #expect(r.status == .optimal && r.objective == 13)
        #expect(r.columnValues == [2, 0, 1])
    }

    /// Every shared LP: solved again from its own optimal basis, the simplex needs no pivot and gives the same
    /// optimum; a basis of the wrong size is ignored, and says so.
    @Test func warmStartFromTheOptimalBasis() throws {
        for expected in try LPData.optimal().filter({ !$0.isMIP }) {
            let problem = try ModelFile.read(expected.path)
            let options = SolverOptions(algorithm: .dualSimplex)
            let cold = try Solver.solve(problem, options: options)
            let basis = try #require(cold.basis, "\(expected.name)")
            #expect(basis.rows.count == problem.rowCount && basis.columns.count == problem.columnCount)
            var warmOptions = options
            warmOptions.warmStart = basis
            let warm = try Solver.solve(problem, options: warmOptions)
            #expect(warm.status == .optimal)
            #expect(agrees(warm.objective, expected.objective), "\(expected.name)")
            #expect(warm.solverStatus.contains("warm start from the given basis"), "\(warm.solverStatus)")
            #expect(warm.solverStatus.contains(", 0 iterations"), "\(expected.name): \(warm.solverStatus)")
            warmOptions.warmStart = Basis(rows: basis.rows.dropLast().map { $0 }, columns: basis.columns)
            let wrong = try Solver.solve(problem, options: warmOptions)
            #expect(agrees(wrong.objective, expected.objective))
            #expect(wrong.solverStatus.contains("warm start ignored"), "\(wrong.solverStatus)")
        }
    }

    /// A MIP's basis is its root LP's: fixing the integers at the optimum and starting the LP from it reaches the
    /// MIP's optimum (lseu, 1120).
    @Test func mipBasisWarmStartsTheFixedLP() throws {
        let lseu = try #require(try LPData.problems().first { $0.name == "lseu" })
        var problem = try ModelFile.read(lseu.path)
        let mip = try Solver.solve(problem, options: SolverOptions(algorithm: .dualSimplex))
        let basis = try #require(mip.basis)
        for j in 0..<problem.columnCount where problem.columnKinds[j] != .continuous {
            problem.columnLower[j] = mip.columnValues[j]
            problem.columnUpper[j] = mip.columnValues[j]
            problem.columnKinds[j] = .continuous
        }
        var options = SolverOptions(algorithm: .dualSimplex)
        options.warmStart = basis
        let fixed = try Solver.solve(problem, options: options)
        #expect(fixed.status == .optimal && agrees(fixed.objective, 1120))
        #expect(fixed.solverStatus.contains("warm start from the given basis"))
    }
}
