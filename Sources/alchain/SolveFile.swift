import AlChainIO
import AlChainSolver
import ArgumentParser
import Foundation

/// `alchain solve-file FILE`: solve an MPS or CPLEX LP file.
struct SolveFile: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve-file",
        abstract: "Solve an MPS (.mps, free format) or CPLEX LP (.lp) file with GLPK.",
        discussion: """
            Defaults are glpsol's: LP presolver, scaling and MIP presolver on (turn each off with --no-presolve, \
            --no-scale, --no-mip-presolve), primal simplex from an advanced basis, no cuts, gap 0, no time limit.
            """)

    @Argument(help: "The model file (.mps or .lp).")
    var file: String

    @Option(help: "File format, when the extension does not tell it (mps, mps-fixed, lp).")
    var inputFormat: ModelFileFormat?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(help: "Write the solution as CSV (kind,name,value,marginal) to this file.")
    var writeSolution: String?

    @OptionGroup var solver: SolverFlags

    /// glpsol's defaults with the flags applied over them.
    var options: SolverOptions { solver.options(over: .glpsolDefaults) }

    func run() throws {
        let options = self.options
        let solved: FileSolveResult
        do {
            solved = try ModelFile.solve(file, format: inputFormat, options: options)
        } catch let error as ModelError {
            throw fail(error)
        }
        let result = solved.result
        if let writeSolution {
            do {
                try AtomicPath.write(Data(SolutionCSV.render(solved).utf8), to: writeSolution)
            } catch let error as ModelError {
                throw fail(error)
            }
        }
        switch format {
        case .json:
            var fields = [
                "\"status\": \(jsonString(result.status.reportName))",
                "\"objective\": \(jsonNumber(result.objective))",
                "\"problem\": \(jsonString(solved.problemName))",
                "\"rows\": \(solved.rowNames.count)",
                "\"columns\": \(solved.columnNames.count)",
                "\"nonzeros\": \(solved.nonzeros)",
                "\"mip\": \(solved.isMIP)",
                "\"solve_seconds\": \(jsonNumber(result.solveSeconds))",
                "\"solver_status\": \(jsonString(result.solverStatus))",
                "\"options\": {\"presolve\": \(options.presolve), \"mip_presolve\": \(options.usesMIPPresolve), \"scaling\": \(options.scaling), \"algorithm\": \(jsonString(options.algorithm.rawValue)), \"mip_gap\": \(jsonNumber(options.mipGap)), \"time_limit\": \(jsonNumber(options.timeLimit))}",
            ]
            if solved.isMIP {
                fields.append("\"mip_bound\": \(jsonNumber(result.mipBound))")
                fields.append("\"mip_gap\": \(jsonNumber(result.mipGap))")
            }
            print("{" + fields.joined(separator: ", ") + "}")
        case .text:
            print("problem:   \(solved.problemName.isEmpty ? (file as NSString).lastPathComponent : solved.problemName)")
            print("size:      \(solved.rowNames.count) rows, \(solved.columnNames.count) columns, \(solved.nonzeros) nonzeros\(solved.isMIP ? ", MIP" : "")")
            print("status:    \(result.status.reportName)")
            print("objective: \(result.objective.map { "\($0)" } ?? "none")")
            if solved.isMIP, let gap = result.mipGap { print("mip gap:   \(gap)") }
            print("time:      \(String(format: "%.3f", result.solveSeconds)) s")
        }
        printSolverDiagnostics(result, verbose: solver.verbose)
        let exit = ExitStatus(result.status)
        if exit != .optimal { throw exit.exitCode }
    }
}

extension ModelFileFormat: ExpressibleByArgument {}

/// The solution file of `solve-file --write-solution`.
enum SolutionCSV {
    static func render(_ solved: FileSolveResult) -> String {
        let r = solved.result
        var out = "kind,name,value,marginal\n"
        out += "status,\(r.status.reportName),,\n"
        out += "objective,\(CSVWriter.escape(solved.problemName)),\(csvNumber(r.objective)),\n"
        for (j, name) in solved.columnNames.enumerated() {
            out += "column,\(CSVWriter.escape(name)),\(csvNumber(r.hasPrimalSolution ? r.columnValues[j] : nil)),\(csvNumber(r.reducedCosts?[j]))\n"
        }
        for (i, name) in solved.rowNames.enumerated() {
            out += "row,\(CSVWriter.escape(name)),\(csvNumber(r.hasPrimalSolution ? r.rowActivities[i] : nil)),\(csvNumber(r.rowDuals?[i]))\n"
        }
        return out
    }

    static func csvNumber(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "" }
        return "\(x)"
    }

}
