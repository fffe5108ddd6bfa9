import CGLPK

/// Solves problems with GLPK. Each call creates, solves and deletes its GLPK problem on the calling thread,
/// so independent solves may run in parallel on different threads.
public enum Solver {
    /// GLPK's version string, e.g. "5.0".
    public static var glpkVersion: String { String(cString: glp_version()) }

    /// Validates `problem`, loads it into a GLPK problem object without solving, and deletes it again; returns the
    /// number of nonzeros GLPK holds. It is everything `solve` does before the algorithm runs, so benchmarks can
    /// time model construction up to the solver, and callers can check that GLPK accepts a problem.
    @discardableResult
    public static func load(_ problem: LinearProblem) throws(ModelError) -> Int {
        try problem.validate()
        return GLPKProblem.with { glpk in
            glpk.load(problem)
            return Int(glp_get_num_nz(glpk.pointer))
        }
    }

    /// Validates and solves `problem`. Throws `ModelError` only for misuse, `SolveCancellation.Cancelled` when
    /// `options.cancellation` was set; every solver outcome is a value.
    public static func solve(_ problem: LinearProblem, options: SolverOptions = SolverOptions()) throws -> SolveResult {
        try options.validate()
        try problem.validate()
        try options.validate(rowCount: problem.rowCount)
        try options.cancellation?.check()
        let result = GLPKTerminalCapture.capturing(echo: options.verbose) { log in
            GLPKProblem.with { glpk in
                glpk.load(problem)
                var solve = GLPKSolve(problem: glpk, options: options, log: log)
                return solve.run()
            }
        }
        // A search stopped by the flag has no proven outcome: the caller learns it was cancelled, not a status.
        try options.cancellation?.check()
        return result
    }
}
