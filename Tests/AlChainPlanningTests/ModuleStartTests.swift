import AlChainIO
import AlChainPlanning
import AlChainSolver
import Foundation
import Testing

/// Branch-and-cut finds the shipped plan's first whole-module plan by itself; where a search has none after
/// `PlanSolver.moduleStartAfterNodes` nodes, it asks for the two-stage module start and goes on from it.
@Suite struct ModuleStartTests {
    /// The default plan: no module start needed, proven optimal, at the objective the plan has had since issue 10.
    @Test func theShippedPlanFindsItsOwnFirstWholeModulePlan() throws {
        let (_, inputs) = try ExplainTests.prepare([])
        let plan = try PlanSolver.solve(inputs, options: PlanSolver.options(for: inputs.settings), diagnosisTimeLimit: nil)
        #expect(plan.solution.status == .optimal)
        #expect(abs((plan.solution.objective ?? 0) - -71_803.0546) < 0.01, "\(plan.solution.objective ?? .nan)")
        #expect(!plan.solution.result.solverStatus.contains("deferred start"), "\(plan.solution.result.solverStatus)")
    }

    /// Maximising value added (the value-objective scenario): GLPK's search finds no whole-module plan in
    /// thousands of nodes, so the module start is made after 400 and the search goes on from its plan (here to a
    /// 1 % gap, which that plan already meets: the start's first stage alone takes about 20 s).
    @Test func aSearchWithoutAWholeModulePlanAsksForTheModuleStart() throws {
        let (_, inputs) = try ExplainTests.prepare([("settings.objective", .string("value"))])
        var options = PlanSolver.options(for: inputs.settings)
        options.timeLimit = 180
        options.mipGap = 0.01
        let plan = try PlanSolver.solve(inputs, options: options, diagnosisTimeLimit: nil)
        let status = plan.solution.result.solverStatus, found = plan.solution.hasSolution
        #expect(found)
        #expect(status.contains("deferred start accepted"), "\(status)")
    }
}
