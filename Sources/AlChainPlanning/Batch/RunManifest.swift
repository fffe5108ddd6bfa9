import Crypto
import Foundation

/// Run-level facts written beside each scenario's files and the batch summary.
public struct RunManifest: Codable, Sendable {
    public var alchainVersion: String
    public var glpkVersion: String
    public var scenario: String
    public var inputHashes: [String: String]
    public var overrides: [String]
    public var solver: [String: String]
    public var solveSeconds: Double
}

/// What a scenario's manifest records of its inputs: hashes and the effective overrides.
extension BatchRunner {
    /// SHA-256 of every input table as read (after no edits) and of the scenario files in the extends chain
    /// (keyed `scenarios/<file>`).
    static func inputHashes(base: RawInputs, scenario: Scenario?, catalog: ScenarioCatalog) -> [String: String] {
        var hashes = BatchManifest.baseInputs(base)
        if let scenario, let chain = try? ScenarioApplier.chain(scenario, known: catalog.scenarios) {
            for s in chain {
                if let hash = sha256(of: s.file) { hashes["scenarios/" + (s.file as NSString).lastPathComponent] = hash }
            }
        }
        return hashes
    }

    /// SHA-256 (hex) of a file's content; nil when it cannot be read.
    static func sha256(of path: String) -> String? {
        FileManager.default.contents(atPath: path).map { SHA256.hash(data: $0).map { String(format: "%02x", $0) }.joined() }
    }

    /// The effective overrides, in the order applied.
    static func overrides(_ scenario: Scenario?, catalog: ScenarioCatalog) -> [String] {
        guard let scenario, let chain = try? ScenarioApplier.chain(scenario, known: catalog.scenarios) else { return [] }
        return chain.flatMap { s in
            s.settings.map { "\(s.name): \($0.key) = \($0.value.text)" }
                + s.edits.map { "\(s.name): \($0.action.rawValue) \($0.table) \($0.rows.joined(separator: ",")) \($0.column ?? "") \($0.factor.map { "×\($0)" } ?? "") \($0.values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))" }
        }
    }
}
