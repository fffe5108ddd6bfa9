import AlChainIO
import AlChainSolver
import Foundation

/// What one scenario of a batch came to; saved as `outcome.json` in its folder so a resumed batch can
/// rebuild the summary without solving again.
public struct ScenarioOutcome: Codable, Sendable, Equatable {
    public var name: String
    public var description: String
    public var expect: String
    /// optimal, infeasible, unbounded, time_limit, error (and `invalid` for data errors).
    public var status: String
    public var metExpectation: Bool
    public var objectiveMillionYuan: Double?
    public var message: String?
    /// Per target: achieved value in its first year and whether it is met in every year.
    public var targets: [TargetOutcome]
    /// Headline figures (key, value).
    public var headline: [[String]]

    public struct TargetOutcome: Codable, Sendable, Equatable {
        public var target: String
        public var scope: String
        public var firstYear: Int
        public var achieved: Double
        public var metAllYears: Bool
    }
}

/// How a run that threw is recorded, by batch scenarios and sample draws alike: a data error leaves the status as
/// it was (`invalid`: nothing was solved), any other error makes it `error`; the message is the error's text.
func failureRecord(_ error: any Error, status: inout String, message: inout String?) {
    if let error = error as? DataError {
        message = error.description
        return
    }
    status = "error"
    message = (error as? ModelError)?.description ?? "\(error)"
}
