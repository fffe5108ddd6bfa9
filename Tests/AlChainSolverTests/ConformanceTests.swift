import AlChainSolver
import AlChainTestSupport
import Testing

/// The ways a user can ask GLPK to solve; each must give every shared problem's proven status and optimum.
enum Method: String, CaseIterable, Sendable {
    case primal, dual, presolve, interior

    var options: SolverOptions {
        switch self {
        case .primal: SolverOptions()
        case .dual: SolverOptions(algorithm: .dualSimplex)
        case .presolve: SolverOptions(presolve: true)
        case .interior: SolverOptions(algorithm: .interiorPoint)
        }
    }
}

struct ConformanceCase: Sendable, CustomTestStringConvertible {
    let problem: ExpectedProblem
    let method: Method
    var testDescription: String { "\(problem.name) \(method.rawValue)" }

    /// Every problem with every method; interior point only for LPs (GLPK's MIP solver always starts from the
    /// simplex, so "interior" would repeat the primal case).
    static func all() throws -> [ConformanceCase] {
        try LPData.problems().flatMap { p in
            Method.allCases.filter { !(p.isMIP && $0 == .interior) }.map { ConformanceCase(problem: p, method: $0) }
        }
    }
}

/// The shared public problems solved through the library, as users solve them.
@Suite struct ConformanceTests {
    @Test func sharedDataIsPresent() throws {
        let problems = try LPData.problems()
        #expect(problems.count >= 14, "expected.csv in \(LPData.directory.path) lists \(problems.count) problems")
        #expect(problems.contains { $0.isMIP } && problems.contains { $0.status == .infeasible }
            && problems.contains { $0.status == .unbounded })
    }

    /// Every case, interior point included, to a relative 1e-6: `glp_interior` stops only when its relative
    /// primal and dual residuals and duality gap are all below 1e-8 (glpipm.c), well inside that.
    @Test(arguments: try ConformanceCase.all())
    func solveFile(_ c: ConformanceCase) throws {
        let solved = try ModelFile.solve(c.problem.path, options: c.method.options)
        check(solved.result, c)
        #expect(solved.isMIP == c.problem.isMIP)
        #expect(solved.columnNames.count == solved.result.columnValues.count)
    }

    @Test(arguments: try ConformanceCase.all())
    func readThenSolve(_ c: ConformanceCase) throws {
        let problem = try ModelFile.read(c.problem.path)
        #expect(problem.isMIP == c.problem.isMIP)
        let result = try Solver.solve(problem, options: c.method.options)
        check(result, c)
        if result.hasPrimalSolution {
            // The reported point satisfies the rows and bounds it was solved with, to GLPK's feasibility
            // tolerance (simplex: 1e-7 on the scaled problem) or, for interior point, to the accuracy its
            // relative primal residual test (< 1e-8 in the 2-norm) gives one row: 1e-5.
            let tolerance = c.method == .interior ? 1e-5 : 1e-6
            #expect(maxViolation(problem, result) <= tolerance, "\(c.testDescription)")
        }
    }

    func check(_ r: SolveResult, _ c: ConformanceCase) {
        #expect(r.status == c.problem.status, "\(c.testDescription): \(r.solverStatus)")
        if c.problem.status == .optimal {
            #expect(r.hasPrimalSolution)
            #expect(agrees(r.objective, c.problem.objective), "\(c.testDescription): \(String(describing: r.objective)) vs \(c.problem.objective!)")
            if c.problem.isMIP {
                #expect(r.rowDuals == nil)
                #expect(r.mipGap == 0 && r.mipBound == r.objective)
            } else {
                #expect(r.rowDuals != nil && r.reducedCosts != nil)
            }
        } else {
            #expect(!r.hasPrimalSolution)
            #expect(r.objective == nil)
        }
    }
}

/// The largest violation of a row or column bound by a solution, or of a reported row activity by the
/// activity the column values give, each scaled by the size of the number it is compared with.
func maxViolation(_ p: LinearProblem, _ r: SolveResult) -> Double {
    var activity = [Double](repeating: 0, count: p.rowCount)
    for e in p.matrix.entries { activity[e.row] += e.value * r.columnValues[e.column] }
    var worst = 0.0
    for i in 0..<p.rowCount { worst = max(worst, abs(activity[i] - r.rowActivities[i]) / max(1, abs(activity[i]))) }
    func check(_ x: Double, _ lower: Double, _ upper: Double) {
        worst = max(worst, (lower - x) / max(1, abs(lower)), (x - upper) / max(1, abs(upper)))
    }
    for i in 0..<p.rowCount { check(activity[i], p.rowLower[i], p.rowUpper[i]) }
    for j in 0..<p.columnCount { check(r.columnValues[j], p.columnLower[j], p.columnUpper[j]) }
    return worst
}
