import AlChainIO
import AlChainPlanning
import AlChainSolver
import ArgumentParser
import Foundation

/// `alchain alternatives`: near-optimal plans that differ as much as possible in their decisions.
struct AlternativesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alternatives",
        abstract: "Find plans within a cost slack of the optimum whose decisions differ as much as possible (modelling to generate alternatives).",
        discussion: """
            Writes DIR/base/ (the optimum) and DIR/alt-1/ … (each what `solve --out` writes), DIR/alternatives.csv \
            (decisions × plans, each decision marked must-have or free choice) and DIR/plans.csv (cost of each plan). \
            Each diversity search is a MIP stopped at --time-limit (default: the plan's time_limit_s); its best plan \
            is then used and the output says so. Exit 0 when every plan found keeps the slack and meets every target \
            and rule; 1 when the plan is infeasible; 2 when it has no optimum or a plan breaks a target; 73 when DIR \
            cannot be written. See docs/ROBUSTNESS.md.
            """)

    @OptionGroup var what: ScenarioArguments
    @OptionGroup var data: DataOptions

    @Option(help: "How much dearer than the optimum an alternative may be, as a fraction of |optimum| (0.02 = 2 %).")
    var slack = 0.02

    @Option(help: "How many alternatives to search for.")
    var count = 5

    @Option(help: "Write the plans, alternatives.csv and plans.csv into this folder (replaced as a whole).")
    var out: String

    @Flag(help: "Prefix each CSV file with a UTF-8 byte-order mark so Excel shows Chinese names correctly.")
    var excel = false

    @OptionGroup var solver: SolverFlags

    func validate() throws {
        if !(slack.isFinite && slack >= 0 && slack <= 1) { throw ValidationError("--slack must be a fraction between 0 and 1 (0.02 = 2 %), found \(slack)") }
        if !(1...50).contains(count) { throw ValidationError("--count must be between 1 and 50, found \(count)") }
    }

    func run() throws {
        let (inputs, options) = try what.inputsAndOptions(data, solver)
        let set: AlternativeSet
        do {
            set = try Alternatives.search(inputs, slack: slack, count: count, options: options, timeLimit: options.timeLimit ?? 60)
        } catch let error as ModelError {
            throw fail(error)
        } catch let error as AlternativesError {
            printError("error: \(error.description)")
            if case .noOptimum(let status) = error { throw ExitStatus(status).exitCode }
            throw ExitStatus.noProvenResult.exitCode
        }
        do {
            try set.write(to: out, excelBOM: excel)
        } catch let error as ModelError {
            throw fail(error)
        } catch {
            printError("error: \(out): cannot write the alternatives: \(error.localizedDescription)")
            throw ExitStatus.cannotWrite.exitCode
        }
        print(text(set))
        print("wrote \(set.plans.count) plan folders, alternatives.csv and plans.csv to \(out)")
        for note in set.notes { printError("note: \(note)") }
        let broken = set.plans.filter { p in p.result.compliance.contains { !$0.met } || p.result.rules.contains { !$0.met } }
        if !broken.isEmpty {
            printError("error: \(broken.map(\.name).joined(separator: ", ")) violate a target or rule beyond tolerance (see their compliance.csv)")
            throw ExitStatus.noProvenResult.exitCode
        }
    }

    /// The plans side by side, then the must-have decisions and the count of free choices.
    func text(_ set: AlternativeSet) -> String {
        let table = set.table
        var lines = ["Near-optimal alternatives of \(set.base.result.scenario): objective within \(CSVWriter.number(slack * 100, decimals: 4)) % of the optimum "
                     + "(\(set.sense == .minimize ? "≤" : "≥") \(CSVWriter.number(set.objectiveBound, decimals: 1)) million yuan)", ""]
        lines.append("plan     objective (million yuan)  vs optimum  decisions  not in base  note")
        let baseKeys = Set(set.base.decisions.map(\.key))
        for p in set.plans {
            let z = p.result.objectiveMillionYuan ?? .nan
            let note = p.stoppedAtTimeLimit ? "stopped at the time limit (best plan found used)" : ""
            lines.append(p.name.padding(toLength: 9, withPad: " ", startingAt: 0)
                + String(format: "%24.1f  %+9.3f %%  %9d  %11d  ", z, set.relativeToOptimum(z), p.decisions.count, p.decisions.count { !baseKeys.contains($0.key) }) + note)
        }
        let must = table.rows.filter(\.mustHave)
        lines.append("")
        lines.append("must-have (taken by all \(table.planNames.count) plans): \(must.count) decisions; free choices: \(table.rows.count - must.count)")
        for r in must { lines.append("  \(r.decision.year) \(r.decision.decision) \(r.decision.unit) (\(r.decision.nameEn))") }
        return lines.joined(separator: "\n")
    }
}
