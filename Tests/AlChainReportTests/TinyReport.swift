import AlChainIO
import AlChainPlanning
import AlChainReport
import Foundation
import Testing

/// The tiny fixture plan of AlChainPlanningTests (one cluster, 2025–2026: a 50 kt 500 kA line built in 2026
/// and 50 kt of capacity indices bought), solved once and held as a run folder in memory.
enum TinyReport {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixture = root.appendingPathComponent("Tests/AlChainPlanningTests/Fixtures/tiny")
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    private static let solved: Result<[String: String], any Error> = Result {
        let inputs = try InputLoader.load(DataLocation(modelsDirectory: fixture.appendingPathComponent("Models").path,
                                                       inputsDirectory: fixture.appendingPathComponent("Inputs").path))
        let plan = try PlanSolver.solve(inputs, options: PlanSolver.options(for: inputs.settings))
        return ReportExport.csvTexts(plan, PlanResult(plan))
    }

    /// The plan's CSV texts by file name, as `solve --out` writes them.
    static func files() throws -> [String: String] { try solved.get() }

    /// The run folder named `tiny`.
    static func run() throws -> RunFolder { try RunFolder(path: "tiny", files: files()) }

    /// Compares `text` with Golden/`name`; with ALCHAIN_RECORD_GOLDEN=1 it rewrites the file and fails, so a
    /// recorded run never passes by itself.
    static func expectGolden(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = golden.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["ALCHAIN_RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: golden, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            Issue.record("recorded \(name); run again without ALCHAIN_RECORD_GOLDEN", sourceLocation: sourceLocation)
            return
        }
        let expected = try #require(try? String(contentsOf: url, encoding: .utf8), "no golden file \(name); record with ALCHAIN_RECORD_GOLDEN=1", sourceLocation: sourceLocation)
        if text != expected {
            let a = text.split(separator: "\n", omittingEmptySubsequences: false), b = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let line = Array(zip(a, b)).firstIndex { $0.0 != $0.1 } ?? min(a.count, b.count)
            Issue.record("\(name) differs from the golden file at line \(line + 1):\n  got:      \(line < a.count ? String(a[line].prefix(300)) : "<end>")\n  expected: \(line < b.count ? String(b[line].prefix(300)) : "<end>")", sourceLocation: sourceLocation)
        }
    }
}
