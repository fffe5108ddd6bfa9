import AlChainIO
import AlChainPlanning
import AlChainSolver
import ArgumentParser
import Foundation

/// `alchain compare A B`: what changed between two plans.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what changed between two plans: run folders (solve --out, batch) or scenarios (solved first).")

    @Argument(help: "First plan: a run folder, a scenario file or a scenario name (base for the shipped plan).")
    var a: String

    @Argument(help: "Second plan, likewise.")
    var b: String

    @Option(help: "Report flows that move by more than this many tonnes.")
    var threshold: Double = 1000

    @Option(help: "Also write the differences as CSV to this file.")
    var csv: String?

    @OptionGroup var data: DataOptions
    @OptionGroup var solver: SolverFlags

    func run() throws {
        let left = try folder(for: a), right = try folder(for: b)
        let changes: [PlanComparison.Change]
        do {
            changes = try PlanComparison.compare(left, right, threshold: threshold)
        } catch let error as DataError {
            printError("error: \(error.description)")
            throw ExitStatus.inputMissing.exitCode
        }
        print(PlanComparison.text(changes), terminator: "")
        if let csv {
            do { try AtomicPath.write(PlanComparison.csv(changes).data(), to: csv) } catch let error as ModelError { throw fail(error) }
        }
    }

    /// A run folder as given, or a scenario solved into a temporary folder.
    func folder(for plan: String) throws -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: plan, isDirectory: &isDirectory), isDirectory.boolValue { return plan }
        let inputs = try data.load(scenario: plan, sets: [])
        let result: PlanResult
        do {
            let reference = try solver.baseReference(data, whatIf: plan != "base")
            result = PlanResult(try PlanSolver.solve(inputs, options: solver.options(over: PlanSolver.options(for: inputs.settings)), closestTo: reference))
        } catch let error as ModelError {
            throw fail(error)
        }
        guard !result.flows.isEmpty else {
            printError("error: \(plan): the plan has no solution (\(result.status.rawValue))")
            throw ExitStatus(result.status).exitCode
        }
        let dir = (NSTemporaryDirectory() as NSString).appendingPathComponent("alchain-compare-\(ProcessInfo.processInfo.processIdentifier)-\(plan.replacingOccurrences(of: "/", with: "_"))")
        do { try PlanExport.write(result, to: dir, excelBOM: false) } catch let error as ModelError { throw fail(error) }
        return dir
    }
}
