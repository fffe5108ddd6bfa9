import AlChainIO
import Foundation

/// Finds scenarios by file or name and turns them into plan inputs.
public struct ScenarioCatalog: Sendable {
    /// Scenarios by name.
    public var scenarios: [String: Scenario]

    /// A catalog of the given scenarios.
    public init(scenarios: [String: Scenario]) { self.scenarios = scenarios }

    /// Reads every `*.toml` in the given files and folders; names must be unique.
    public static func read(_ paths: [String]) throws -> ScenarioCatalog {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw DataError(file: path, expected: "a scenario file or folder", found: "no such file", rule: "missing-file")
            }
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files += names.filter { $0.hasSuffix(".toml") }.sorted().map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        var scenarios: [String: Scenario] = [:]
        for file in files {
            let s = try Scenario.read(file)
            if let other = scenarios[s.name] {
                throw DataError(file: s.file, column: "name", expected: "a scenario name not used by \(other.file)", found: s.name, rule: "duplicate-key")
            }
            scenarios[s.name] = s
        }
        return ScenarioCatalog(scenarios: scenarios)
    }

    /// A scenario file and the files of its `extends` chain, read from the same folder by name
    /// (`<name>.toml`); other files in the folder are not read.
    public static func chain(from path: String) throws -> (catalog: ScenarioCatalog, name: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let selected = try Scenario.read(path)
        var scenarios = [selected.name: selected]
        var next = selected.extends
        var visited: Set<FileIdentity> = FileIdentity(path).map { [$0] } ?? []
        var current = selected
        while let parent = next, scenarios[parent] == nil {
            let file = ((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent("\(parent).toml")
            guard FileManager.default.fileExists(atPath: file) else { break }  // reported as an unknown parent
            // By file identity, not by name: a file whose `name` differs from its file name would else be read forever.
            if let identity = FileIdentity(file), !visited.insert(identity).inserted {
                throw DataError(file: current.file, column: "extends", expected: "no cycle of extends", found: "\(parent) (\(file)) is already in the chain", rule: "extends-cycle")
            }
            let s = try Scenario.read(file)
            current = s
            scenarios[s.name] = s
            next = s.extends
        }
        return (ScenarioCatalog(scenarios: scenarios), selected.name)
    }

    /// Scenario names in order.
    public var names: [String] { scenarios.keys.sorted() }

    /// The inputs of a scenario: its `extends` chain applied to the base data, then `extra` settings on top.
    public func inputs(_ name: String, base: RawInputs, extra: [Scenario.Setting] = []) throws -> PlanInputs {
        try prepare(name, base: base, extra: extra).inputs
    }

    /// The edited raw data and the typed inputs of a scenario (the raw data locate validation findings).
    public func prepare(_ name: String, base: RawInputs, extra: [Scenario.Setting] = []) throws -> (raw: RawInputs, inputs: PlanInputs) {
        var chain = try scenarios[name].map { try ScenarioApplier.chain($0, known: scenarios) } ?? []
        if !extra.isEmpty {
            for setting in extra { try OverrideRanges.check(setting, in: base) }
            chain.append(Scenario(name: "command line", description: "", file: "--set", extends: nil, expect: .optimal, settings: extra, edits: []))
        }
        let raw = try ScenarioApplier.apply(chain, to: base)
        var inputs = try InputLoader.load(raw)
        if let scenario = scenarios[name] { inputs.settings.name = scenario.name }
        return (raw, inputs)
    }
}
