import AlChainSolver
import ArgumentParser

/// AlChain's documented exit codes (sysexits.h numbers for usage and I/O problems).
enum ExitStatus: Int32 {
    case optimal = 0
    case infeasible = 1
    case noProvenResult = 2
    case usage = 64
    case invalidData = 65
    case inputMissing = 66
    case cannotWrite = 73

    /// The exit status for a solve outcome.
    init(_ status: TerminationStatus) {
        switch status {
        case .optimal: self = .optimal
        case .infeasible: self = .infeasible
        case .unbounded, .timeLimit, .iterationLimit, .numericalFailure: self = .noProvenResult
        }
    }

    /// The exit status for a thrown model or file error.
    init(_ error: ModelError) {
        switch error.kind {
        case .fileNotFound: self = .inputMissing
        case .cannotWrite: self = .cannotWrite
        case .invalidOption, .unsupportedFormat: self = .usage
        case .invalidName, .invalidBound, .nonFinite, .indexOutOfRange, .duplicateEntry, .nonIntegralBound,
             .tooLarge, .malformedFile:
            self = .invalidData
        }
    }

    var exitCode: ExitCode { ExitCode(rawValue) }
}

/// Prints `error: <message>` to standard error and leaves with the matching exit code.
func fail(_ error: ModelError) -> ExitCode {
    printError("error: \(error.description)")
    return ExitStatus(error).exitCode
}
