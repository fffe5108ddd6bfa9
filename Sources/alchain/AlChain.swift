import ArgumentParser

/// The `alchain` command: plans Guizhou's aluminium chain and solves LP/MIP files with GLPK.
@main
struct AlChain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alchain",
        abstract: "Plan Guizhou's aluminium industry chain with linear and mixed-integer programming (GLPK).",
        discussion: """
            Exit codes: 0 optimal; 1 infeasible; 2 unbounded or no proven result (time limit, numerical failure); \
            64 usage; 65 invalid input data; 66 input file missing; 73 cannot write output.
            """,
        version: AlChainVersion.string,
        subcommands: [Solve.self, Batch.self, Report.self, Compare.self, Explain.self, Validate.self, Calibrate.self, SolveFile.self, Serve.self])
}

/// The product's version, written to manifests and `--version`.
enum AlChainVersion {
    static let string = "0.1.0"
}
