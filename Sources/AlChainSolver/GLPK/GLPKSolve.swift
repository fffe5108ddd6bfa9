import CGLPK
import Foundation

/// Runs GLPK's algorithms on a loaded problem and turns their return codes into a proven `SolveResult`.
///
/// Each algorithm's return codes are mapped separately with no silent default (as GLPK.jl does); where GLPK
/// leaves the status undefined (its presolver on infeasible or unbounded problems) the solve is repeated
/// without presolve, whose simplex proves the status.
struct GLPKSolve {
    let problem: OpaquePointer
    let options: SolverOptions
    let log: GLPKTerminalCapture
    let started = Date()
    var notes: [String] = []
    var retriedFromStandardBasis = false
    var warmStarted = false
    /// The LP relaxation's optimal basis, before branch-and-cut.
    var rootBasis: Basis?
    var stoppedAtGap = false

    init(problem: borrowing GLPKProblem, options: SolverOptions, log: GLPKTerminalCapture) {
        self.problem = problem.pointer
        self.options = options
        self.log = log
    }

    /// The outcome of one GLPK algorithm call, before results are read.
    enum Outcome: Equatable {
        case optimal, infeasible, unbounded, timeLimit, iterationLimit, numericalFailure
    }

    var messageLevel: Int32 { options.verbose ? GLP_MSG_ON : GLP_MSG_ERR }

    /// Milliseconds left of the time limit, as GLPK's `tm_lim` wants them (`INT_MAX` = no limit).
    var remainingMilliseconds: Int32 {
        guard let limit = options.timeLimit else { return Int32.max }
        let left = (limit - Date().timeIntervalSince(started)) * 1000
        return Int32(max(1, min(left, Double(Int32.max))))
    }

    var timeIsUp: Bool { options.timeLimit.map { Date().timeIntervalSince(started) >= $0 } ?? false }

    static func codeName(_ code: Int32) -> String {
        let names: [Int32: String] = [
            0: "0", GLP_EBADB: "GLP_EBADB", GLP_ESING: "GLP_ESING", GLP_ECOND: "GLP_ECOND",
            GLP_EBOUND: "GLP_EBOUND", GLP_EFAIL: "GLP_EFAIL", GLP_EOBJLL: "GLP_EOBJLL", GLP_EOBJUL: "GLP_EOBJUL",
            GLP_EITLIM: "GLP_EITLIM", GLP_ETMLIM: "GLP_ETMLIM", GLP_ENOPFS: "GLP_ENOPFS", GLP_ENODFS: "GLP_ENODFS",
            GLP_EROOT: "GLP_EROOT", GLP_ESTOP: "GLP_ESTOP", GLP_EMIPGAP: "GLP_EMIPGAP", GLP_ENOFEAS: "GLP_ENOFEAS",
            GLP_ENOCVG: "GLP_ENOCVG", GLP_EINSTAB: "GLP_EINSTAB", GLP_EDATA: "GLP_EDATA", GLP_ERANGE: "GLP_ERANGE",
        ]
        return names[code] ?? "GLPK code \(code)"
    }


    // MARK: driver

    /// Solves the loaded problem with the configured algorithm and reads back the results.
    mutating func run() -> SolveResult {
        let isMIP = glp_get_num_int(problem) > 0
        let progress = MIPProgress()
        // As glpsol: scale unless a presolver runs first (it scales the problem it builds).
        let presolving = isMIP ? options.usesMIPPresolve : options.presolve && options.algorithm != .interiorPoint
        if options.scaling, !presolving, glp_get_num_rows(problem) > 0, glp_get_num_cols(problem) > 0 {
            glp_scale_prob(problem, GLP_SF_AUTO)
            notes.append("glp_scale_prob(GLP_SF_AUTO)")
        }
        let outcome: Outcome
        var source: Source
        if isMIP {
            outcome = branchAndCut(progress: progress)
            source = .mip
        } else if options.algorithm == .interiorPoint, let o = interior() {
            outcome = o
            source = .interior
        } else {
            if options.algorithm == .interiorPoint { notes.append("interior point gave no optimum: simplex settles the status") }
            outcome = simplex(presolve: options.presolve)
            source = .simplex
        }
        return read(outcome, from: source, progress: progress)
    }

    enum Source { case simplex, interior, mip }
}
