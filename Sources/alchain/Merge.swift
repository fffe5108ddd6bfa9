import AlChainPlanning
import AlChainSolver
import ArgumentParser
import Foundation

/// `alchain merge`: join the folders of a sharded batch into what one machine's batch of the same set writes.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge the shard folders of `alchain batch --shard` into one batch folder.",
        discussion: """
            Writes every scenario's folder, summary.csv and JUnit XML byte-identical to one machine's batch of the \
            same set, and a merged batch-manifest.json. Exit 65, listing each, when a scenario of the set is missing, \
            solved in two shard folders (duplicate), or solved from different inputs (conflict), or when the folders \
            come from different scenario sets or base data; 66 when a folder is missing or not a batch's; otherwise \
            0 only when every scenario's outcome matches its `expect`, 1 when not (as `batch`).
            """)

    @Argument(help: "The shard folders (OUT/shard-I-of-N of each `alchain batch --shard` run).")
    var shards: [String]

    @Option(help: "Folder for the merged batch.")
    var out: String

    @Option(help: "Write the JUnit XML here. Default: OUT/junit.xml.")
    var junit: String?

    func run() throws {
        let folders: [BatchMerge.ShardFolder]
        do {
            folders = try BatchMerge.read(shards)
        } catch let error as BatchMerge.UnreadableShard {
            printError("error: \(error.description)")
            throw ExitStatus.inputMissing.exitCode
        }
        let merged: BatchMerge.Merged
        do {
            merged = try BatchMerge.merge(folders, into: out, junit: junit ?? (out as NSString).appendingPathComponent("junit.xml"))
        } catch let refusal as BatchMerge.Refusal {
            printError("error: \(refusal.description)")
            throw ExitStatus.invalidData.exitCode
        } catch let error as ModelError {
            throw fail(error)
        }
        let shardList = folders.map { "\($0.manifest.shard)" }.joined(separator: ", ")
        print("merged \(folders.count) shard folders (\(shardList)) into \(out)")
        try reportExpectations(merged.outcomes)
    }
}
