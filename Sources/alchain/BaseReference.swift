import AlChainPlanning
import AlChainSolver

extension SolverFlags {
    /// The base plan as the reference a what-if is drawn towards, or `nil` when `--no-closest-plan` is given
    /// or the run is the base plan itself (no scenario, no `--set`).
    func baseReference(_ data: DataOptions, whatIf: Bool = true) throws -> PlanReference? {
        guard closestPlan, whatIf else { return nil }
        let inputs = try data.load()
        do {
            return PlanReference(try PlanSolver.solve(inputs, options: options(over: PlanSolver.options(for: inputs.settings)), diagnosisTimeLimit: nil))
        } catch let error as ModelError {
            throw fail(error)
        }
    }
}
