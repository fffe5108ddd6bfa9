import AlChainSolver
import Foundation
import Testing

/// One row of the shared `expected.csv`: a public LP/MIP with its proven status and optimum.
public struct ExpectedProblem: Sendable, CustomTestStringConvertible {
    public let name: String
    public let isMIP: Bool
    public let status: TerminationStatus
    /// The optimal objective (minimisation); `nil` unless the status is optimal.
    public let objective: Double?

    public var path: String { LPData.directory.appendingPathComponent("\(name).mps").path }
    public var testDescription: String { name }
}

/// The shared public test problems, found beside the repository (`repo/../shared/data/lp`).
public enum LPData {
    public static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/lp").standardizedFileURL

    /// Every problem in `expected.csv`. Throws (failing the tests that use it) when the data is missing:
    /// a missing data set must never turn into zero test cases.
    public static func problems() throws -> [ExpectedProblem] {
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
    public static func optimal() throws -> [ExpectedProblem] { try problems().filter { $0.status == .optimal } }

    public struct DataMissing: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }
}

/// Whether `a` and `b` agree to a relative `tolerance` (absolute near zero).
public func agrees(_ a: Double?, _ b: Double?, tolerance: Double = 1e-6) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    return abs(a - b) <= tolerance * max(1, abs(b))
}
