import Crypto
import Foundation

/// One of N parts of a batch: `--shard I/N` (I from 1 to N), or the index a cluster scheduler hands a task.
///
/// The split is deterministic and needs no coordination: every task reads the same scenario set, orders it by
/// a stable key (the SHA-256 of the scenario name, so neither file order nor machine matters) and deals it out
/// round-robin, so the shards partition the set exactly for any N and their sizes differ by at most one.
public struct Shard: Sendable, Hashable, Codable, CustomStringConvertible {
    /// 1-based index.
    public let index: Int
    /// Number of shards.
    public let count: Int

    /// The whole set as one shard.
    public static let whole = Shard(uncheckedIndex: 1, count: 1)

    private init(uncheckedIndex index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// A shard; nil unless 1 ≤ index ≤ count.
    public init?(index: Int, count: Int) {
        guard count >= 1, (1...count).contains(index) else { return nil }
        self.init(uncheckedIndex: index, count: count)
    }

    /// `I/N` as written on the command line.
    public var description: String { "\(index)/\(count)" }

    /// The folder name of this shard's results inside the batch's `--out` folder: `shard-I-of-N`.
    public var folderName: String { "shard-\(index)-of-\(count)" }

    /// Parses `I/N`; the error says what was wrong.
    public static func parse(_ text: String) throws -> Shard {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw ShardError("--shard: expected I/N with whole numbers (e.g. 2/3), found '\(text)'")
        }
        guard let shard = Shard(index: index, count: count) else {
            throw ShardError("--shard \(text): expected N ≥ 1 and I between 1 and N")
        }
        return shard
    }

    /// The stable key a name is ordered by: the first 8 bytes of SHA-256 of its UTF-8 text, big-endian.
    public static func key(_ name: String) -> UInt64 {
        SHA256.hash(data: Data(name.utf8)).prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// The names of `all` that fall in this shard, in the order of `all`.
    public func select(_ all: [String]) -> [String] {
        let mine = Set(Self.assignment(all, count: count).filter { $0.value == index }.keys)
        return all.filter { mine.contains($0) }
    }

    /// The shard index (1-based) of every name of the set, for `count` shards: names ordered by key (ties by
    /// name) and dealt round-robin.
    public static func assignment(_ all: [String], count: Int) -> [String: Int] {
        let ordered = Set(all).map { (key($0), $0) }.sorted { $0 < $1 }
        var result: [String: Int] = [:]
        for (position, entry) in ordered.enumerated() { result[entry.1] = position % count + 1 }
        return result
    }
}

extension Shard {
    /// Where a batch's shard came from, said on standard error and kept in the batch manifest.
    public struct Selection: Sendable, Equatable, Codable {
        /// The shard.
        public let shard: Shard
        /// `--shard`, or the environment variables and their values, e.g.
        /// `SLURM_ARRAY_TASK_ID=4 SLURM_ARRAY_TASK_MIN=3 SLURM_ARRAY_TASK_COUNT=3`.
        public let source: String
    }

    /// The variable that gives the shard count beside `JOB_COMPLETION_INDEX` (Kubernetes exposes the index of
    /// an Indexed Job's pod but not the Job's `completions`, so the manifest sets this to the same number).
    public static let countVariable = "ALCHAIN_SHARD_COUNT"

    /// The shard a batch runs: `--shard` when given, else a Slurm array task's (`SLURM_ARRAY_TASK_ID` minus
    /// `SLURM_ARRAY_TASK_MIN`, divided by `SLURM_ARRAY_TASK_STEP`, out of `SLURM_ARRAY_TASK_COUNT`), else an
    /// Indexed Job pod's (`JOB_COMPLETION_INDEX` out of `ALCHAIN_SHARD_COUNT`); nil when none is set (the whole set).
    /// Throws when a scheduler's variables are set but incomplete or inconsistent, since solving the whole set in
    /// every task would silently do the work N times.
    public static func select(flag: String?, environment: [String: String]) throws -> Selection? {
        if let flag { return Selection(shard: try parse(flag), source: "--shard \(flag)") }
        func number(_ name: String) throws -> Int? {
            guard let text = environment[name], !text.isEmpty else { return nil }
            guard let value = Int(text) else { throw ShardError("\(name)=\(text): expected a whole number") }
            return value
        }
        func said(_ names: [String]) -> String {
            names.compactMap { name in environment[name].map { "\(name)=\($0)" } }.joined(separator: " ")
        }
        if let id = try number("SLURM_ARRAY_TASK_ID") {
            let names = ["SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_STEP", "SLURM_ARRAY_TASK_COUNT"]
            guard let count = try number("SLURM_ARRAY_TASK_COUNT") else {
                throw ShardError("\(said(names)) is set but SLURM_ARRAY_TASK_COUNT is not: pass --shard I/N")
            }
            let min = try number("SLURM_ARRAY_TASK_MIN") ?? 0, step = try number("SLURM_ARRAY_TASK_STEP") ?? 1
            guard step >= 1, id >= min, (id - min) % step == 0, let shard = Shard(index: (id - min) / step + 1, count: count) else {
                throw ShardError("\(said(names)): the task is not one of \(count) evenly spaced array tasks (use --array=0-\(count - 1) or pass --shard I/N)")
            }
            return Selection(shard: shard, source: said(names))
        }
        if let index = try number("JOB_COMPLETION_INDEX") {
            let names = ["JOB_COMPLETION_INDEX", countVariable]
            guard let count = try number(countVariable) else {
                throw ShardError("JOB_COMPLETION_INDEX=\(index) is set but \(countVariable) is not: set it to the Job's completions, or pass --shard I/N")
            }
            guard let shard = Shard(index: index + 1, count: count) else {
                throw ShardError("\(said(names)): expected an index from 0 to \(count - 1)")
            }
            return Selection(shard: shard, source: said(names))
        }
        return nil
    }
}

/// A `--shard` value or scheduler variables that do not name a shard (a usage error).
public struct ShardError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
