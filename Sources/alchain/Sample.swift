import AlChainIO
import AlChainPlanning
import AlChainSolver
import ArgumentParser
import Foundation

/// `alchain sample`: Latin hypercube draws of the uncertain inputs, each solved as a scenario, summarised
/// decision by decision (docs/ROBUSTNESS.md).
struct Sample: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solve Latin hypercube draws of the uncertain inputs (uncertainty.csv); write draws.csv, decisions.csv and percentiles.csv.",
        discussion: """
            Each draw is the scenario with the drawn values set as `--set` would set them. Exit 0 when every draw was \
            solved (infeasible draws are counted and explained, not errors), 2 when a draw has no proven result \
            (time limit, solver error), 65 for invalid data or uncertainty.csv, 73 when the output cannot be written.
            """)

    @Argument(help: "A scenario file, or the name of a scenario in Inputs/scenarios/ (default: the base plan).")
    var scenario: String?

    @Option(help: "Number of draws.")
    var draws: Int

    @Option(help: "Seed of the draws: the same seed and number of draws give the same draws, whatever --jobs.")
    var seed: UInt64

    @Option(help: "Folder for the outputs and the per-draw records (draws/).")
    var out: String

    @Option(help: "Draws solved at once (threads). Default: the number of cores.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Keep the draws an earlier, interrupted run of the same sample finished.")
    var resume = false

    @Option(help: "The uncertainty file. Default: uncertainty.csv in the inputs folder.")
    var uncertainty: String?

    @Flag(help: "Solve each draw as the plan closest to the point-data plan within the MIP gap (the closest-plan stage; about 5× slower). Off by default: each draw at its own optimum.")
    var towardsPointPlan = false

    @OptionGroup var data: DataOptions
    @OptionGroup var solver: SolverFlags

    func validate() throws {
        if draws < 1 { throw ValidationError("--draws must be at least 1") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let base = try data.rawBase()
        let (catalog, parent) = try data.catalog(for: scenario)
        let file = try uncertainty ?? (data.location().inputsDirectory as NSString).appendingPathComponent(UncertaintyTable.fileName)
        let plan = try catchingDataErrors {
            let parentRaw = try parent.map { try catalog.prepare($0, base: base).raw } ?? base
            let parameters = try UncertaintyTable.read(file, base: parentRaw)
            return try SampleRunner.Plan(parameters: parameters, draws: draws, seed: seed, catalog: catalog, parent: parent, base: base)
        }
        var manifest = SampleManifest(
            alchainVersion: AlChainVersion.string, scenario: parent ?? "base", seed: seed, draws: draws, uncertaintyFile: file,
            parameters: plan.parameters, closestPlan: towardsPointPlan, base: base)
        if resume, let earlier = SampleManifest.read(from: out), !earlier.drawsSame(as: manifest) {
            printError("error: \(out) holds a sample of \(earlier.scenario) with seed \(earlier.seed) and \(earlier.draws) draws from other data or parameters; --resume continues only the same sample (or drop --resume to start afresh)")
            throw ExitStatus.usage.exitCode
        }
        let start = ContinuousClock.now
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            try manifest.write(to: out)
        } catch {
            printError("error: \(out): cannot create the output folder: \(error)")
            throw ExitStatus.cannotWrite.exitCode
        }

        // The point-data plan: the decisions draws are compared with, and the reference of the closest-plan stage.
        let point = try pointPlan(plan)
        let flags = solver
        let configuration = SampleRunner.Configuration(
            outputDirectory: out, jobs: jobs, resume: resume, reference: towardsPointPlan ? point.reference : nil,
            solverOverrides: { options in options = flags.options(over: options) })
        let onTerminal = isatty(STDERR_FILENO) == 1
        let records: [DrawRecord]
        do {
            records = try SampleRunner.run(plan, configuration: configuration) { done, total, record in
                if onTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K[\(done)/\(total)] draw \(record.draw): \(record.status)".utf8)) }
            }
        } catch {
            printError("error: \(out): cannot create the draws folder: \(error)")
            throw ExitStatus.cannotWrite.exitCode
        }
        if onTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        manifest.finish(since: start, records: records)
        do {
            try SampleOutputs.write(records, parameters: plan.parameters, base: point.decisions, to: out)
            try manifest.write(to: out)
        } catch let error as ModelError {
            throw fail(error)
        }
        let (byStatus, conflicts) = SampleOutputs.statusCounts(records)
        print("\(records.count) draws of \(plan.parameters.count) uncertain inputs (seed \(seed)): "
              + byStatus.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
        for (why, count) in conflicts { print("  \(count) × \(why)") }
        let (feasible, count) = SampleOutputs.shares(records)
        let robust = count.values.filter { feasible > 0 && Double($0) / Double(feasible) >= SampleOutputs.robustShare }.count
        let stopped = records.filter { $0.hasPlan && $0.status != "optimal" }
        let largestGap = stopped.compactMap(\.mipGap).max().map { ", within \(CSVWriter.number($0 * 100, decimals: 2)) % of their bound" } ?? ""
        print("robust core: \(robust) decisions in ≥ 90 % of the \(feasible) draws with a plan"
              + (stopped.isEmpty ? "" : " (\(stopped.count) of them stopped at the time limit\(largestGap))")
              + "; wrote \(SampleOutputs.fileNames.joined(separator: ", ")) to \(out)")
        if records.contains(where: { !["optimal", "infeasible", "invalid"].contains($0.status) }) { throw ExitStatus.noProvenResult.exitCode }
    }

    /// The plan of the point data (the scenario without draws): its decision keys and its reference.
    func pointPlan(_ plan: SampleRunner.Plan) throws -> (decisions: Set<String>, reference: PlanReference?) {
        let inputs = try catchingDataErrors { try plan.catalog.prepare(plan.parent ?? "base", base: plan.base).inputs }
        do {
            let solved = try PlanSolver.solve(inputs, options: solver.options(over: PlanSolver.options(for: inputs.settings)), diagnosisTimeLimit: nil)
            let result = PlanResult(solved)
            return (Set(PlanDecision.all(solved, result).map(\.key)), PlanReference(solved))
        } catch let error as ModelError {
            throw fail(error)
        }
    }
}
