import AlChainPlanning
import AlChainSolver
import ArgumentParser

/// `alchain calibrate`: compare the base year of the solved plan with the published facts.
struct Calibrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solve the plan and compare its base year with the facts in calibration.csv (exit 1 if any is outside its tolerance).")

    @OptionGroup var data: DataOptions
    @OptionGroup var solver: SolverFlags

    func run() throws {
        let inputs = try data.load()
        let plan: SolvedPlan
        do {
            plan = try PlanSolver.solve(inputs, options: solver.options(over: PlanSolver.options(for: inputs.settings)))
        } catch let error as ModelError {
            throw fail(error)
        }
        let result = PlanResult(plan)
        guard result.status == .optimal || result.status == .timeLimit, !result.flows.isEmpty else {
            printError("error: the plan has no solution (\(result.status.rawValue)); nothing to calibrate")
            throw (result.status == .infeasible ? ExitStatus.infeasible : .noProvenResult).exitCode
        }
        let comparisons = Calibration.compare(result, inputs: inputs)
        print("Base-year calibration of '\(inputs.settings.name)' (\(result.status.rawValue))\n")
        print(Calibration.text(comparisons), terminator: "")
        let outside = comparisons.filter { !$0.withinTolerance }
        if !outside.isEmpty {
            printError("error: \(outside.count) fact(s) outside tolerance: \(outside.map(\.fact.fact).joined(separator: ", "))")
            throw ExitStatus.infeasible.exitCode
        }
    }
}
