import Foundation

/// A flag that another thread sets to stop a solve early (the web explorer sets it when the client that asked
/// for the solve leaves). Every `Solver.solve` given it in `SolverOptions.cancellation` checks it before and
/// after GLPK runs, and branch-and-cut checks it at each callback (`glp_ios_terminate`); a cancelled solve
/// throws `SolveCancellation.Cancelled`. Simplex runs are not interrupted: a cancelled plan stops at the end of
/// the LP in progress. Without a flag (`alchain solve`) no callback is installed for it.
public final class SolveCancellation: Sendable, Equatable {
    /// Thrown by a solve whose flag was set.
    public struct Cancelled: Error, Sendable, CustomStringConvertible {
        public var description: String { "the solve was cancelled" }
    }

    private let lock = NSLock()
    nonisolated(unsafe) private var cancelled = false

    public init() {}

    /// Asks every solve holding this flag to stop as soon as it can (any thread).
    public func cancel() {
        lock.lock(); defer { lock.unlock() }
        cancelled = true
    }

    /// Whether `cancel()` was called.
    public var isCancelled: Bool {
        lock.lock(); defer { lock.unlock() }
        return cancelled
    }

    /// Throws `Cancelled` when the flag is set.
    public func check() throws(Cancelled) {
        if isCancelled { throw Cancelled() }
    }

    public static func == (a: SolveCancellation, b: SolveCancellation) -> Bool { a === b }
}
