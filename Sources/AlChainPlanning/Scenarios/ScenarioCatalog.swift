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

    /// A scenario file and the files of its `extends` chain; other files are not read. A parent is found as
    /// a path relative to the file that names it (when it holds a `/` or ends in `.toml`), else as
    /// `<name>.toml` beside that file, else among the shipped scenarios in `shippedFolder`.
    public static func chain(from path: String, shippedFolder: String? = nil) throws -> (catalog: ScenarioCatalog, name: String) {
        let selected = try Scenario.read(path)
        var scenarios = [selected.name: selected]
        var child = selected.name
        var folder = (path as NSString).deletingLastPathComponent
        var visited: Set<FileIdentity> = FileIdentity(path).map { [$0] } ?? []
        while let parent = scenarios[child]!.extends, scenarios[parent] == nil, parent != "base" {
            let here = folder.isEmpty ? "." : folder
            var places: [String] = []
            if parent.contains("/") || parent.hasSuffix(".toml") { places.append((here as NSString).appendingPathComponent(parent)) }
            places.append((here as NSString).appendingPathComponent("\(parent).toml"))
            if let shippedFolder { places.append((shippedFolder as NSString).appendingPathComponent("\(parent).toml")) }
            guard let file = places.first(where: { FileManager.default.fileExists(atPath: $0) }) else { break }  // reported as an unknown parent
            // By file identity, not by name: a file whose `name` differs from its file name would else be read forever.
            if let identity = FileIdentity(file), !visited.insert(identity).inserted {
                throw DataError(file: scenarios[child]!.file, column: "extends", expected: "no cycle of extends", found: "\(parent) (\(file)) is already in the chain", rule: "extends-cycle")
            }
            let s = try Scenario.read(file)
            scenarios[child]!.extends = s.name  // a path names the parent by its file; the chain links by name
            if scenarios[s.name] != nil { break }  // a cycle by name: reported by ScenarioApplier.chain
            scenarios[s.name] = s
            child = s.name
            folder = (file as NSString).deletingLastPathComponent
        }
        return (ScenarioCatalog(scenarios: scenarios), selected.name)
    }

    /// A one-off run (`--set`, the explorer's controls) is labelled as one, unless a setting names it: summary.csv
    /// must not pass it off as the scenario.
    public static func labelOneOff(_ inputs: inout PlanInputs, settings: [Scenario.Setting]) {
        if !settings.isEmpty, !settings.contains(where: { $0.key == "settings.name" || $0.key == "name" }) { inputs.settings.name += "+set" }
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
