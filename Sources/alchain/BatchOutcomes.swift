import AlChainPlanning
import Foundation

/// Prints how many scenarios came out as expected and names the others; exit 1 when any did not
/// (shared by `batch` and `merge`, so a merged set reports exactly as one machine's batch).
func reportExpectations(_ outcomes: [ScenarioOutcome]) throws {
    let failed = outcomes.filter { !$0.metExpectation }
    print("\(outcomes.count) scenarios: \(outcomes.count - failed.count) as expected, \(failed.count) not")
    for o in failed { print("  \(o.name): expected \(o.expect), got \(o.status)\(o.message.map { " — \($0)" } ?? "")") }
    if !failed.isEmpty { throw ExitStatus.infeasible.exitCode }
}
