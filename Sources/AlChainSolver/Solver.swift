import CGLPK

/// Solves problems with GLPK. Each call creates, solves and deletes its GLPK problem on the calling thread,
/// so independent solves may run in parallel on different threads.
public enum Solver {
    /// GLPK's version string, e.g. "5.0".
    public static var glpkVersion: String { String(cString: glp_version()) }

    /// Validates and solves `problem`. Throws `ModelError` only for misuse; every solver outcome is a value.
    public static func solve(_ problem: LinearProblem, options: SolverOptions = SolverOptions()) throws -> SolveResult {
        try options.validate()
        try problem.validate()
        return GLPKTerminalCapture.capturing(echo: options.verbose) { log in
            GLPKProblem.with { glpk in
                glpk.load(problem)
                var solve = GLPKSolve(problem: glpk, options: options, log: log)
                return solve.run()
            }
        }
    }
}
