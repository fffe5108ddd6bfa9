import AlChainSolver
import Foundation
import Testing

/// One row of the shared `expected.csv`: a public LP/MIP with its proven status and optimum.
struct ExpectedProblem: Sendable, CustomTestStringConvertible {
    let name: String
    let isMIP: Bool
    let status: TerminationStatus
    /// The optimal objective (minimisation); `nil` unless the status is optimal.
    let objective: Double?

    var path: String { LPData.directory.appendingPathComponent("\(name).mps").path }
    var testDescription: String { name }
}

/// The shared public test problems, found beside the repository (`repo/../shared/data/lp`).
enum LPData {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/lp").standardizedFileURL

    /// Every problem in `expected.csv`. Throws (failing the tests that use it) when the data is missing:
    /// a missing data set must never turn into zero test cases.
    static func problems() throws -> [ExpectedProblem] {
        let csv = directory.appendingPathComponent("expected.csv")
        let text: String
        do {
            text = try String(contentsOf: csv, encoding: .utf8)
        } catch {
            throw DataMissing(message: "cannot read \(csv.path): the shared LP data must sit beside the repository (\(error))")
        }
        var lines = text.split(whereSeparator: \.isNewline)
        guard lines.first == "name,kind,status,objective,origin" else {
            throw DataMissing(message: "\(csv.path): unexpected header \(lines.first ?? "")")
        }
        lines.removeFirst()
        return try lines.map { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 4, let status = TerminationStatus(rawValue: f[2]) else {
                throw DataMissing(message: "\(csv.path): cannot read the line '\(line)'")
            }
            return ExpectedProblem(name: f[0], isMIP: f[1] == "mip", status: status, objective: Double(f[3]))
        }
    }

    /// Problems with a proven optimum.
    static func optimal() throws -> [ExpectedProblem] { try problems().filter { $0.status == .optimal } }

    struct DataMissing: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}

/// Whether `a` and `b` agree to a relative `tolerance` (absolute near zero).
func agrees(_ a: Double?, _ b: Double?, tolerance: Double = 1e-6) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    return abs(a - b) <= tolerance * max(1, abs(b))
}

/// A fresh temporary folder, removed by the caller.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("alchain-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
