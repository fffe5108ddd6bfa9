import AlChainTestSupport
import Foundation
import Testing

/// `alchain batch --shard` / scheduler variables and `alchain merge`, end to end through the built binary.
/// Uses `runAlchain`, `repositoryRoot`, `temporaryDirectory` and `BatchCLITests`' helpers.
///
/// One set of runs is shared: four shipped scenarios solved by one batch, in three shards and in seven shards
/// (three of them empty), all started at once, with `--mip-gap 0.01` (no assertion depends on optimality).
@Suite struct ShardCLITests {
    static let scenarios = ["carbon-price-80", "cell-exit-2025", "power-dearer", "recycled-25"]
    static let solverFlags = BatchCLITests.solverFlags

    struct Runs: Sendable {
        let root: URL
        let folder: URL
        let single: URL
        let singleRun: RunResult
        /// Per N: the `--out` folder of the shards and each shard's run.
        let sharded: [Int: (out: URL, runs: [RunResult])]

        func shardFolders(_ n: Int) -> [URL] {
            (1...n).map { sharded[n]!.out.appendingPathComponent("shard-\($0)-of-\(n)") }
        }

        static func make() throws -> Runs {
            // Shared by several tests, so removed when the test process exits rather than by any one test.
            let root = ShardCLITests.sharedRoot
            atexit { try? FileManager.default.removeItem(at: ShardCLITests.sharedRoot) }
            let folder = root.appendingPathComponent("scenarios")
            try copyScenarios(Self.names, to: folder)
            let single = root.appendingPathComponent("single")
            var list: [[String]] = [["batch", folder.path, "--out", single.path, "--jobs", "1", "--junit", single.appendingPathComponent("junit.xml").path] + solverFlags]
            var slots: [(Int, Int)] = []
            for n in [3, 7] {
                for i in 1...n {
                    list.append(["batch", folder.path, "--out", root.appendingPathComponent("n\(n)").path, "--shard", "\(i)/\(n)", "--jobs", "1", "--junit", "junit.xml"] + solverFlags)
                    slots.append((n, i))
                }
            }
            let commands = list
            let results = BatchCLITests.Collected<RunResult>(count: commands.count)
            DispatchQueue.concurrentPerform(iterations: commands.count) { i in results.set(i, Result { try runAlchain(commands[i]) }) }
            let all = try results.values()
            var sharded: [Int: (URL, [RunResult])] = [:]
            for (k, slot) in slots.enumerated() {
                sharded[slot.0, default: (root.appendingPathComponent("n\(slot.0)"), [])].1.append(all[k + 1])
            }
            return Runs(root: root, folder: folder, single: single, singleRun: all[0], sharded: sharded.mapValues { (out: $0.0, runs: $0.1) })
        }

        static let names = ShardCLITests.scenarios
    }

    static let sharedRoot = FileManager.default.temporaryDirectory.appendingPathComponent("alchain-shard-tests-\(UUID().uuidString)")
    static let shared: Result<Runs, any Error> = Result { try Runs.make() }
    static func runs() throws -> Runs { try shared.get() }

    static func copyScenarios(_ names: [String], to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in names {
            try FileManager.default.copyItem(
                at: BatchCLITests.shippedScenarios.appendingPathComponent("\(name).toml"), to: folder.appendingPathComponent("\(name).toml"))
        }
    }

    /// Files under `root` except manifests (which hold times and hosts).
    static func resultFiles(_ root: URL) throws -> [String] {
        try BatchCLITests.files(under: root).filter { !$0.hasSuffix("manifest.json") }
    }

    /// Asserts that two folders hold the same files with the same bytes, manifests aside.
    static func expectIdentical(_ a: URL, _ b: URL) throws {
        let fa = try resultFiles(a), fb = try resultFiles(b)
        #expect(fa == fb)
        for path in fa where fb.contains(path) {
            #expect(try Data(contentsOf: a.appendingPathComponent(path)) == Data(contentsOf: b.appendingPathComponent(path)), "\(path) differs")
        }
    }

    // MARK: the scheduler's variables select the shard

    /// For N in 1, 2, 3, 7, Slurm array tasks (an array starting at 1, so SLURM_ARRAY_TASK_MIN matters) and
    /// Indexed Job pods each list their shard; the lists partition the set, and the run says where its shard came from.
    @Test(arguments: [1, 2, 3, 7])
    func environmentSelectsShardsThatPartitionTheSet(_ n: Int) throws {
        let folder = BatchCLITests.shippedScenarios.path
        let whole = try runAlchain(["batch", folder, "--out", "unused", "--list"], environment: Self.noScheduler)
        #expect(whole.exitCode == 0, "\(whole.stderr)")
        let all = whole.stdout.split(separator: "\n").map(String.init)
        #expect(all.count == 14 && whole.stderr.isEmpty, "\(whole.stdout)\(whole.stderr)")
        for scheduler in ["slurm", "kubernetes"] {
            var lists: [[String]] = []
            for task in 0..<n {
                let environment = scheduler == "slurm"
                    ? Self.noScheduler.merging(["SLURM_ARRAY_TASK_ID": "\(task + 1)", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "\(n)"]) { $1 }
                    : Self.noScheduler.merging(["JOB_COMPLETION_INDEX": "\(task)", "ALCHAIN_SHARD_COUNT": "\(n)"]) { $1 }
                let run = try runAlchain(["batch", folder, "--out", "results", "--list"], environment: environment)
                #expect(run.exitCode == 0, "\(run.stderr)")
                let listed = run.stdout.split(separator: "\n").map(String.init)
                lists.append(listed)
                let said = scheduler == "slurm"
                    ? "shard \(task + 1)/\(n) (SLURM_ARRAY_TASK_ID=\(task + 1) SLURM_ARRAY_TASK_MIN=1 SLURM_ARRAY_TASK_COUNT=\(n)): \(listed.count) of 14 scenarios into results/shard-\(task + 1)-of-\(n)"
                    : "shard \(task + 1)/\(n) (JOB_COMPLETION_INDEX=\(task) ALCHAIN_SHARD_COUNT=\(n)): \(listed.count) of 14 scenarios into results/shard-\(task + 1)-of-\(n)"
                #expect(run.stderr.contains(said), "\(run.stderr)")
                // --shard names the same shard.
                let flagged = try runAlchain(["batch", folder, "--out", "results", "--list", "--shard", "\(task + 1)/\(n)"], environment: Self.noScheduler)
                #expect(flagged.stdout == run.stdout)
            }
            #expect(lists.flatMap { $0 }.sorted() == all, "\(scheduler): the union is the set")
            #expect(Set(lists.flatMap { $0 }).count == all.count, "\(scheduler): no scenario in two shards")
        }
    }

    /// A task with an index but no count is a usage error (64) naming the missing variable; nothing is solved.
    @Test func incompleteSchedulerVariablesAreAUsageError() throws {
        let folder = BatchCLITests.shippedScenarios.path
        let k8s = try runAlchain(["batch", folder, "--out", "x"], environment: Self.noScheduler.merging(["JOB_COMPLETION_INDEX": "1"]) { $1 })
        #expect(k8s.exitCode == 64)
        #expect(k8s.stderr.contains("JOB_COMPLETION_INDEX=1 is set but ALCHAIN_SHARD_COUNT is not"), "\(k8s.stderr)")
        let slurm = try runAlchain(["batch", folder, "--out", "x"], environment: Self.noScheduler.merging(["SLURM_ARRAY_TASK_ID": "9", "SLURM_ARRAY_TASK_COUNT": "3"]) { $1 })
        #expect(slurm.exitCode == 64)
        #expect(slurm.stderr.contains("not one of 3 evenly spaced array tasks"), "\(slurm.stderr)")
        let flag = try runAlchain(["batch", folder, "--out", "x", "--shard", "0/3"], environment: Self.noScheduler)
        #expect(flag.exitCode == 64)
        #expect(flag.stderr.contains("--shard 0/3: expected N ≥ 1 and I between 1 and N"), "\(flag.stderr)")
    }

    /// Variables a test process may inherit from a real scheduler, removed.
    static let noScheduler = Dictionary(uniqueKeysWithValues: ["SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_STEP",
        "SLURM_ARRAY_TASK_COUNT", "JOB_COMPLETION_INDEX", "ALCHAIN_SHARD_COUNT"].map { ($0, "") })

    // MARK: merge = one batch

    /// Merging 3 shards, and 7 shards of which three are empty, gives every file of the single batch byte for byte
    /// (summary.csv, junit.xml, each scenario's plan and outcome), manifests aside; merge reports and exits as the batch.
    @Test(arguments: [3, 7])
    func mergeOfShardsEqualsOneBatch(_ n: Int) throws {
        let runs = try Self.runs()
        #expect(runs.singleRun.exitCode == 0, "\(runs.singleRun.stdout)\(runs.singleRun.stderr)")
        let shardRuns = try #require(runs.sharded[n]).runs
        for run in shardRuns { #expect(run.exitCode == 0, "\(run.stdout)\(run.stderr)") }
        let sizes = shardRuns.map { Int($0.stdout.split(separator: " ").first ?? "") ?? -1 }
        #expect(sizes.reduce(0, +) == Self.scenarios.count, "shard sizes \(sizes)")

        let out = runs.root.appendingPathComponent("merged-\(n)")
        let merge = try runAlchain(["merge"] + runs.shardFolders(n).map(\.path) + ["--out", out.path])
        #expect(merge.exitCode == 0, "\(merge.stdout)\(merge.stderr)")
        #expect(merge.stdout.contains("4 scenarios: 4 as expected, 0 not"), "\(merge.stdout)")
        try Self.expectIdentical(runs.single, out)
        #expect(try Self.resultFiles(out).contains("junit.xml"))

        // The merged manifest names every shard and the whole set.
        let manifest = try BatchCLITests.json(out.appendingPathComponent("batch-manifest.json"))
        #expect(manifest["scenarios"] as? [String] == Self.scenarios)
        #expect((manifest["merged"] as? [[String: Any]])?.count == n)
    }

    /// `--resume` works per shard: a copy of a finished shard folder with one scenario's manifest removed (as if
    /// killed while writing it) solves only that scenario again; the others' files are untouched, and the shard's
    /// summary.csv is the same as before.
    @Test func resumeWorksPerShard() throws {
        let runs = try Self.runs()
        let n3 = runs.shardFolders(3)
        let index = try #require(n3.firstIndex { (try? FileManager.default.contentsOfDirectory(atPath: $0.path).filter { Self.scenarios.contains($0) }.count) ?? 0 >= 2 })
        let out = runs.root.appendingPathComponent("resumed")
        let copy = out.appendingPathComponent("shard-\(index + 1)-of-3")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: n3[index], to: copy)
        let names = try FileManager.default.contentsOfDirectory(atPath: copy.path).filter { Self.scenarios.contains($0) }.sorted()
        let redo = names[0], kept = Array(names.dropFirst())
        try FileManager.default.removeItem(at: copy.appendingPathComponent("\(redo)/manifest.json"))
        let before = try kept.map { try BatchCLITests.modified(copy.appendingPathComponent("\($0)/outcome.json")) }
        Thread.sleep(forTimeInterval: 1.1)  // so that a rewrite would show in the modification time
        let run = try runAlchain(["batch", runs.folder.path, "--out", out.path, "--shard", "\(index + 1)/3", "--resume", "--jobs", "1"] + Self.solverFlags,
                                 environment: Self.noScheduler)
        #expect(run.exitCode == 0, "\(run.stdout)\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: copy.appendingPathComponent("\(redo)/manifest.json").path), "the unfinished scenario is solved again")
        let after = try kept.map { try BatchCLITests.modified(copy.appendingPathComponent("\($0)/outcome.json")) }
        #expect(before == after, "finished scenarios are not solved again")
        #expect(try Data(contentsOf: copy.appendingPathComponent("summary.csv")) == Data(contentsOf: n3[index].appendingPathComponent("summary.csv")))
    }

    // MARK: merge refuses

    /// Without one shard: exit 65, every scenario of that shard named as missing with the shard it belongs to;
    /// nothing written.
    @Test func mergeRefusesAMissingShard() throws {
        let runs = try Self.runs()
        let folders = runs.shardFolders(3)
        let absent = try #require(folders.firstIndex { (try? Self.resultFiles($0).contains { $0.hasSuffix("outcome.json") }) == true })
        let lost = try FileManager.default.contentsOfDirectory(atPath: folders[absent].path).filter { Self.scenarios.contains($0) }.sorted()
        let out = runs.root.appendingPathComponent("refused-missing")
        let run = try runAlchain(["merge"] + folders.enumerated().filter { $0.offset != absent }.map(\.element.path) + ["--out", out.path])
        #expect(run.exitCode == 65, "\(run.stderr)")
        #expect(run.stderr.contains("error: cannot merge: \(lost.count) problem"), "\(run.stderr)")
        for name in lost {
            #expect(run.stderr.contains("missing: \(name) — it belongs to shard \(absent + 1)/3, which was not given"), "\(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: out.path), "nothing is written")
    }

    /// The single batch's folder given beside the shards: every scenario is a duplicate, each named with both folders.
    @Test func mergeRefusesDuplicates() throws {
        let runs = try Self.runs()
        let out = runs.root.appendingPathComponent("refused-duplicate")
        let run = try runAlchain(["merge"] + runs.shardFolders(3).map(\.path) + [runs.single.path, "--out", out.path])
        #expect(run.exitCode == 65, "\(run.stderr)")
        #expect(run.stderr.contains("cannot merge: 4 problems"), "\(run.stderr)")
        for name in Self.scenarios {
            let holder = try #require(runs.shardFolders(3).first { FileManager.default.fileExists(atPath: $0.appendingPathComponent(name).path) })
            #expect(run.stderr.contains("duplicate: \(name) — solved in \(holder.path) and \(runs.single.path); give each shard once"), "\(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    /// The same scenario solved by two shards from different inputs (its file edited in between: a comment added)
    /// is a conflict naming the file whose SHA-256 differs; a shard folder that does not exist exits 66.
    @Test func mergeRefusesAConflictAndAMissingFolder() throws {
        let runs = try Self.runs()
        let name = "recycled-25"
        let n3 = runs.shardFolders(3)
        let index = try #require(n3.firstIndex { FileManager.default.fileExists(atPath: $0.appendingPathComponent(name).path) })
        let edited = runs.root.appendingPathComponent("edited/scenarios")
        try Self.copyScenarios(Self.scenarios, to: edited)
        let file = edited.appendingPathComponent("\(name).toml")
        try Data((try String(contentsOf: file, encoding: .utf8) + "\n# edited after the first run\n").utf8).write(to: file)
        let rerun = try runAlchain(["batch", edited.path, "--out", runs.root.appendingPathComponent("edited/out").path, "--shard", "\(index + 1)/3", "--jobs", "1"] + Self.solverFlags)
        #expect(rerun.exitCode == 0, "\(rerun.stderr)")
        let other = runs.root.appendingPathComponent("edited/out/shard-\(index + 1)-of-3")

        let out = runs.root.appendingPathComponent("refused-conflict")
        let run = try runAlchain(["merge"] + n3.map(\.path) + [other.path, "--out", out.path])
        #expect(run.exitCode == 65, "\(run.stderr)")
        #expect(run.stderr.contains("conflict: \(name) — solved from different inputs in \(n3[index].path) and \(other.path): scenarios/\(name).toml differs (SHA-256)"), "\(run.stderr)")
        // The other scenarios of that shard were solved from the same inputs twice: duplicates, not conflicts.
        for twin in try FileManager.default.contentsOfDirectory(atPath: other.path) where Self.scenarios.contains(twin) && twin != name {
            #expect(run.stderr.contains("duplicate: \(twin) — "), "\(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: out.path))

        let missing = try runAlchain(["merge", n3[0].path, runs.root.appendingPathComponent("no-such-shard").path, "--out", out.path])
        #expect(missing.exitCode == 66)
        #expect(missing.stderr.contains("no-such-shard: no such folder"), "\(missing.stderr)")
    }
}
