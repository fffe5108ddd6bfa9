import AlChainPlanning
import Foundation
import Testing

/// `Shard`: the deterministic split of a batch, and the shard a scheduler's variables select.
@Suite struct ShardTests {
    /// The shipped scenario names and 1,000 draw-like names.
    static let shipped = try! FileManager.default.contentsOfDirectory(atPath: Locations.root.appendingPathComponent("Inputs/scenarios").path)
        .filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }.sorted()
    static let draws = (1...1000).map { String(format: "draw-%05d", $0) }

    /// For N in 1, 2, 3, 7 the shards are disjoint, their union is the whole set, each keeps the set's order,
    /// and their sizes differ by at most one.
    @Test(arguments: [1, 2, 3, 7])
    func shardsPartitionTheSetExactly(_ n: Int) throws {
        for set in [Self.shipped, Self.draws] {
            let parts = try (1...n).map { try #require(Shard(index: $0, count: n)).select(set) }
            #expect(parts.flatMap { $0 }.sorted() == set.sorted(), "the union is the set")
            #expect(Set(parts.flatMap { $0 }).count == set.count, "no name in two shards")
            for part in parts { #expect(part == set.filter { part.contains($0) }, "a shard keeps the set's order") }
            let sizes = parts.map(\.count)
            #expect(sizes.max()! - sizes.min()! <= 1, "sizes \(sizes)")
        }
    }

    /// The split depends on the names only: not on their order, and not on the machine (the key is SHA-256).
    @Test func splitIsStable() throws {
        let shard = try #require(Shard(index: 2, count: 3))
        #expect(shard.select(Self.shipped.reversed()).sorted() == shard.select(Self.shipped).sorted())
        #expect(shard.select(Self.shipped) == ["carbon-price-80", "diasporic-allowed", "recycled-25", "value-objective", "wuchuan-late"])
        // The key is the first 8 bytes of SHA-256, big-endian (`echo -n abc | sha256sum` = ba7816bf8f01cfea…).
        #expect(String(Shard.key("abc"), radix: 16) == "ba7816bf8f01cfea")
    }

    @Test func parseAcceptsIOfNAndRefusesTheRest() throws {
        #expect(try Shard.parse("2/3") == Shard(index: 2, count: 3))
        #expect(try Shard.parse("1/1") == .whole)
        for bad in ["0/3", "4/3", "3", "a/b", "1/0", "-1/2", "1/2/3"] {
            #expect(throws: ShardError.self, "\(bad)") { try Shard.parse(bad) }
        }
        #expect(Shard(index: 2, count: 3)!.folderName == "shard-2-of-3")
    }

    /// Slurm: the task's offset from SLURM_ARRAY_TASK_MIN (over the step) out of SLURM_ARRAY_TASK_COUNT;
    /// Kubernetes: JOB_COMPLETION_INDEX out of ALCHAIN_SHARD_COUNT; --shard wins over both; nothing set, no shard.
    @Test func environmentSelectsTheShard() throws {
        let slurm = ["SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_MIN": "4", "SLURM_ARRAY_TASK_COUNT": "3"]
        let s = try #require(try Shard.select(flag: nil, environment: slurm))
        #expect(s.shard == Shard(index: 2, count: 3))
        #expect(s.source == "SLURM_ARRAY_TASK_ID=5 SLURM_ARRAY_TASK_MIN=4 SLURM_ARRAY_TASK_COUNT=3")
        let stepped = ["SLURM_ARRAY_TASK_ID": "14", "SLURM_ARRAY_TASK_MIN": "10", "SLURM_ARRAY_TASK_STEP": "2", "SLURM_ARRAY_TASK_COUNT": "4"]
        #expect(try Shard.select(flag: nil, environment: stepped)?.shard == Shard(index: 3, count: 4))
        let k8s = ["JOB_COMPLETION_INDEX": "0", "ALCHAIN_SHARD_COUNT": "7"]
        #expect(try Shard.select(flag: nil, environment: k8s)?.shard == Shard(index: 1, count: 7))
        #expect(try Shard.select(flag: "3/3", environment: slurm)?.shard == Shard(index: 3, count: 3))
        #expect(try Shard.select(flag: "3/3", environment: slurm)?.source == "--shard 3/3")
        #expect(try Shard.select(flag: nil, environment: [:]) == nil)
        #expect(try Shard.select(flag: nil, environment: ["SLURM_JOB_ID": "12"]) == nil, "a plain Slurm job is not an array task")
    }

    /// Incomplete or inconsistent variables are refused (every task solving the whole set would do the work N times).
    @Test func incompleteEnvironmentIsRefused() {
        let cases: [([String: String], String)] = [
            (["SLURM_ARRAY_TASK_ID": "1"], "SLURM_ARRAY_TASK_COUNT is not"),
            (["SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_COUNT": "3"], "not one of 3"),
            (["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_STEP": "2", "SLURM_ARRAY_TASK_COUNT": "3"], "evenly spaced"),
            (["SLURM_ARRAY_TASK_ID": "x", "SLURM_ARRAY_TASK_COUNT": "3"], "SLURM_ARRAY_TASK_ID=x: expected a whole number"),
            (["JOB_COMPLETION_INDEX": "2"], "ALCHAIN_SHARD_COUNT is not"),
            (["JOB_COMPLETION_INDEX": "3", "ALCHAIN_SHARD_COUNT": "3"], "expected an index from 0 to 2"),
        ]
        for (environment, message) in cases {
            do {
                _ = try Shard.select(flag: nil, environment: environment)
                Issue.record("accepted \(environment)")
            } catch let error as ShardError {
                #expect(error.description.contains(message), "\(error.description)")
            } catch {
                Issue.record("\(error)")
            }
        }
    }
}
