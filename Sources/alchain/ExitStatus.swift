import AlChainIO
import AlChainModeling
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
    case internalError = 70
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

    /// The exit status for invalid data: a missing file is 66, anything else 65.
    init(_ error: DataError) {
        self = error.rule == .missingFile ? .inputMissing : .invalidData
    }

    var exitCode: ExitCode { ExitCode(rawValue) }
}

// The one place errors become exit codes: solver misuse and file failures (`ModelError`), invalid data
// (`DataError`), and a handle used with the wrong model (`HandleError`, a bug: exit 70).

/// Prints `error: <message>` to standard error and leaves with the matching exit code.
func fail(_ error: ModelError) -> ExitCode {
    printError("error: \(error.description)")
    return ExitStatus(error).exitCode
}

/// Prints `error: <located message>` and leaves with 65, or 66 for a missing file.
func fail(_ error: DataError) -> ExitCode {
    printError("error: \(error.description)")
    return ExitStatus(error).exitCode
}

/// Prints `error: internal: <message>` for a handle used with the wrong model (a bug) and leaves with 70.
func fail(_ error: HandleError) -> ExitCode {
    printError("error: internal: \(error.description)")
    return ExitStatus.internalError.exitCode
}
