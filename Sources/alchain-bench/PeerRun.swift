import AlChainSolver
import Foundation

/// One measurement for scripts/bench-peers.sh, in its own process: the instance built through the modelling
/// layer (`build`), then loaded into GLPK (`handoff`), or solved (`solve`). Prints one JSON line.
enum PeerRun {
    enum Mode: String, CaseIterable { case build, handoff, solve }

    static func run(_ instance: SupplyChainInstance, mode: Mode) throws -> String {
        let clock = ContinuousClock()
        let start = clock.now
        let model = instance.build()
        let built = clock.now
        var objective = "null"
        switch mode {
        case .build: break
        case .handoff: try Solver.load(model.problem)
        case .solve: objective = try Solver.solve(model.problem).objective.map { "\($0)" } ?? "null"
        }
        let done = clock.now
        return "{\"build_s\": \((built - start).seconds), \"total_s\": \((done - start).seconds), \"objective\": \(objective)}"
    }
}
