import Foundation

/// The runs this server process has solved to optimality, by what was asked: the same scenario and the same
/// applied overrides on the same data, solved by the same program, give the same plan, so a repeated request
/// (a control moved back, the default plan asked again) is answered from the store instead of solved again.
/// Kept in memory for the runs of this process (a run stored by an earlier one may come from another build of
/// alchain), plus the base run the server starts from, which it already shows as the base plan.
final class AnswerCache: @unchecked Sendable {
    /// What identifies a plan within one process: the scenario (`base` for none) and the overrides applied.
    struct Key: Hashable, Sendable {
        var scenario: String
        var settings: [String: String]
    }

    private let lock = NSLock()
    private var runs: [Key: String] = [:]

    /// The id of the run that answered `key`, if there is one.
    func run(for key: Key) -> String? {
        lock.lock(); defer { lock.unlock() }
        return runs[key]
    }

    /// Records that run `id` answers `key` (only for plans proven optimal: a time-limited one may improve).
    func remember(_ id: String, for key: Key) {
        lock.lock(); defer { lock.unlock() }
        runs[key] = id
    }
}
