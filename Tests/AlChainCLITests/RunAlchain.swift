import Foundation
import Testing

/// What one run of the `alchain` binary gave.
struct RunResult: Sendable {
    let exitCode: Int32
    let stdout: String
    let stderr: String
}

/// The built `alchain` binary: beside the test bundle (SwiftPM builds every product into one folder), or in
/// the checkout's `.build/debug`.
let alchainBinary: URL? = {
    var candidates: [URL] = []
    if let executable = Bundle.main.executableURL { candidates.append(executable.deletingLastPathComponent()) }
    candidates.append(Bundle.main.bundleURL)
    candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
    candidates.append(repositoryRoot.appendingPathComponent(".build/debug"))
    return candidates.map { $0.appendingPathComponent("alchain") }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }
}()

/// The checkout this file is in.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Runs `alchain` with `arguments` and waits for it. Output goes through files, so a chatty run cannot block.
/// `environment` adds variables to (or, with an empty value, removes them from) the inherited environment.
func runAlchain(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> RunResult {
    let binary = try #require(alchainBinary, "the alchain binary is not built beside the tests or in .build/debug")
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("alchain-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let out = scratch.appendingPathComponent("stdout"), err = scratch.appendingPathComponent("stderr")
    try Data().write(to: out)
    try Data().write(to: err)
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = directory ?? scratch
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    process.standardInput = FileHandle.nullDevice
    if !environment.isEmpty {
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value.isEmpty ? nil : value }
        process.environment = merged
    }
    try process.run()
    process.waitUntilExit()
    return RunResult(
        exitCode: process.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8),
        stderr: try String(contentsOf: err, encoding: .utf8))
}

/// The shared public test problems (`repo/../shared/data/lp/expected.csv`): name, status, optimum.
struct SharedProblem: Sendable, CustomTestStringConvertible {
    let name: String
    let status: String
    let objective: Double?

    static let directory = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data/lp")
    var path: String { Self.directory.appendingPathComponent("\(name).mps").path }
    var testDescription: String { name }

    /// Every row of expected.csv; throws when the shared data is missing, so no test silently runs on nothing.
    static func all() throws -> [SharedProblem] {
        let csv = directory.appendingPathComponent("expected.csv")
        let rows = try String(contentsOf: csv, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
        let problems = rows.map { row in
            let f = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return SharedProblem(name: f[0], status: f[2], objective: Double(f[3]))
        }
        guard problems.count >= 14 else { throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: csv.path]) }
        return problems
    }
}

/// A fresh temporary folder, removed by the caller.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("alchain-cli-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The one JSON object a `--format json` run prints.
func jsonObject(_ text: String) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return try #require(object as? [String: Any], "not a JSON object: \(text)")
}
