import AlChainPlanning
import ArgumentParser

/// `alchain validate [SCENARIO]`: check the data without solving.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the data (and a scenario) without solving: types, references, physical ranges, chains that cannot close, unit slips.",
        discussion: "Prints one finding per line (file:line, column, rule). Exit 65 if there is an error, 0 otherwise (warnings only).")

    @OptionGroup var what: ScenarioArguments

    @OptionGroup var data: DataOptions

    func run() throws {
        let (raw, inputs) = try data.prepare(scenario: what.scenario, sets: what.sets)
        let findings = InputValidation.findings(raw, inputs)
        for f in findings { print(f.description) }
        let errors = findings.filter { $0.severity == .error }.count
        print("\(errors) error(s), \(findings.count - errors) warning(s)")
        if errors > 0 { throw ExitStatus.invalidData.exitCode }
    }
}
