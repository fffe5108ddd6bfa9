import AlChainIO
import AlChainPlanning
import AlChainSolver
import ArgumentParser
import Foundation

/// `alchain explain [SCENARIO]`: why a plan is infeasible, or what each target costs.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain a plan: for an infeasible one, a minimal set of targets, capacity limits and rules that cannot hold together and the smallest relaxation; for a feasible one, what each target costs.")

    @OptionGroup var what: ScenarioArguments

    @Option(help: "Seconds allowed for the whole explanation (the subset found so far is printed when it runs out).")
    var explainTimeLimit: Double = 120

    @Option(help: "For a feasible plan: also write the binding targets' marginal costs (dual and re-solved) as CSV to this file.")
    var csv: String?

    @OptionGroup var data: DataOptions
    @OptionGroup var solver: SolverFlags

    func run() throws {
        let inputs = try data.load(scenario: what.scenario, sets: what.sets)
        let options = solver.options(over: PlanSolver.options(for: inputs.settings))
        do {
            // A what-if is explained as solve returns it: the plan closest to the base within the gap.
            let plan = try PlanSolver.solve(inputs, options: options, diagnosisTimeLimit: nil,  // explained below, in full
                                            closestTo: try solver.baseReference(data, whatIf: what.isWhatIf))
            let result = PlanResult(plan)
            if result.status != .infeasible {
                print(PlanReport.text(result), terminator: "")
                let binding = result.compliance.filter { $0.binding && ($0.shadowPrice ?? 0) > 0 }.sorted { ($0.shadowPrice ?? 0) > ($1.shadowPrice ?? 0) }
                print("\nBinding targets, dearest first\(result.dualsFromFixedMIP ? " (prices from the LP with the integer decisions fixed)" : ""):")
                for c in binding.prefix(10) {
                    print("  \(c.target) (\(c.scope), \(c.year)): one more \(c.unit == "%" ? "percentage point" : (c.unit == "t" ? "kt" : "亿元")) costs \(CSVWriter.number(c.shadowPrice ?? 0, decimals: 2)) million yuan")
                }
                if result.status != .optimal { throw ExitStatus(result.status).exitCode }
                try printMarginalCosts(plan, result, options: options)
                return
            }
            let clock = Date()
            let report = try PlanExplanation.explain(plan.chain, options: options, timeLimit: explainTimeLimit)
            print("The plan '\(inputs.settings.name)' is infeasible. These \(report.subset.count) cannot hold together\(report.complete ? "" : " (time limit reached: the set is infeasible but may not be minimal)"):")
            for g in report.subset { print("  - \(PlanExplanation.describe(g, chain: plan.chain))") }
            if report.subset.allSatisfy({ $0.label.kind != .target }) {
                print("  (no target is involved: capacities, rules or data are the cause)")
            }
            switch report.relaxation {
            case .shortfalls(let relaxation):
                print("\nWhat it would take — a relaxation of the targets within 1 % of the smallest (in the rows' units: kt for tonnages and shares, 亿元 for values):")
                for s in relaxation {
                    print("  \(s.target) (\(s.scope), \(s.year)): short by \(CSVWriter.number(s.amount, decimals: 3))")
                }
            case .targetsNotTheCause:
                print("\nRelaxing every target and market minimum does not make the plan feasible: capacities, rules or data are the cause.")
            case .unknown:
                print("\nThe smallest relaxation was not found within the time limit.")
            }
            print(String(format: "\n%d feasibility solves in %.2f s", report.solves, Date().timeIntervalSince(clock)))
            throw ExitStatus.infeasible.exitCode
        } catch let error as ModelError {
            throw fail(error)
        }
    }
}

extension Explain {
    /// Every binding target's dual beside the re-solved cost of one unit tighter and one unit looser (integer
    /// decisions fixed), flagging where they disagree; with `--csv`, the same as a file.
    func printMarginalCosts(_ plan: SolvedPlan, _ result: PlanResult, options: SolverOptions) throws {
        let costs = try MarginalCosts.resolve(plan, result, options: options)
        guard !costs.isEmpty else { return }
        print("\nMarginal costs of the binding targets, re-solved one unit either way with the integer decisions fixed (million yuan, discounted; ! = the dual misleads here):")
        func n(_ x: Double?) -> String { x.map { CSVWriter.number($0, decimals: 3) } ?? "infeasible" }
        print(PlanReport.table(["target", "scope", "year", "per", "dual", "tighten costs", "relax saves", ""], costs.map {
            [$0.target, $0.scope, "\($0.year)", $0.perUnit, $0.dualPrice.map { CSVWriter.number($0, decimals: 3) } ?? "—", n($0.tightenCost), n($0.relaxSaving), $0.disagrees ? "!" : ""]
        }), terminator: "")
        if let csv {
            do { try AtomicPath.write(MarginalCosts.csv(costs).data(), to: csv) } catch let error as ModelError { throw fail(error) }
        }
    }
}
