// Test support shared by every test target: running the built binary, temporary folders, JSON output and
// the shared LP problems with their expected optima (`expected.csv`). Import `AlChainTestSupport`.

import Foundation
import Testing

/// What one run of the `alchain` binary gave.
public struct RunResult: Sendable {
    public let exitCode: Int32
    public let stdout: String
    public let stderr: String
}

/// The built `alchain` binary: beside the test bundle (SwiftPM builds every product into one folder), or in
/// the checkout's `.build/debug`.
public let alchainBinary: URL? = {
    var candidates: [URL] = []
    if let executable = Bundle.main.executableURL { candidates.append(executable.deletingLastPathComponent()) }
    candidates.append(Bundle.main.bundleURL)
    candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
    candidates.append(repositoryRoot.appendingPathComponent(".build/debug"))
    return candidates.map { $0.appendingPathComponent("alchain") }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }
}()

/// The checkout this file is in.
public let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Runs `alchain` with `arguments` and waits for it. Output goes through files, so a chatty run cannot block.
/// `environment` adds variables to (or, with an empty value, removes them from) the inherited environment.
public func runAlchain(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> RunResult {
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

/// The shared public test problems as the CLI tests name them: name, status text, optimum (`LPData` reads them).
public struct SharedProblem: Sendable, CustomTestStringConvertible {
    public let name: String
    public let status: String
    public let objective: Double?

    public static let directory = LPData.directory
    public var path: String { Self.directory.appendingPathComponent("\(name).mps").path }
    public var testDescription: String { name }

    /// Every row of expected.csv; throws when the shared data is missing, so no test silently runs on nothing.
    public static func all() throws -> [SharedProblem] {
        let problems = try LPData.problems().map { SharedProblem(name: $0.name, status: $0.status.rawValue, objective: $0.objective) }
        guard problems.count >= 14 else { throw LPData.DataMissing(message: "\(directory.path)/expected.csv: \(problems.count) problems, expected at least 14") }
        return problems
    }
}

/// A fresh temporary folder, removed by the caller.
public func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("alchain-cli-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The one JSON object a `--format json` run prints.
public func jsonObject(_ text: String) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return try #require(object as? [String: Any], "not a JSON object: \(text)")
}
