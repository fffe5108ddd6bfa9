import AlChainPlanning
import Foundation

/// Where `alchain serve` listens, what it plans, where it keeps runs, and its limits.
public struct ServerConfiguration: Sendable {
    /// Address to bind; 127.0.0.1 by default so that only this machine can reach the server.
    public var host: String = "127.0.0.1"
    /// Port to bind; 0 picks a free one (printed at start-up).
    public var port: Int = 8080
    /// The data of the base plan.
    public var data: DataLocation
    /// The folder of shipped scenarios (selectable by name only).
    public var scenariosDirectory: String
    /// The server's output folder; runs are kept in `out/runs/`.
    public var outDirectory: String
    /// Largest accepted request body in bytes.
    public var maxBodyBytes: Int = 64 * 1024
    /// Seconds one solve (and one infeasibility explanation) may take; GLPK stops at this limit.
    public var solveTimeLimit: Double = 30
    /// Solves run at the same time (one per core by default); further requests wait in a queue.
    public var solveThreads: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// Answer a request this server has solved before (same scenario and overrides, proven optimal) from its
    /// stored run instead of solving it again.
    public var reuseAnswers: Bool = true
    /// Requests allowed to wait for a solve thread before the server answers 503.
    public var maxQueued: Int = 64
    /// AlChain's and GLPK's versions, for the runs' manifests.
    public var alchainVersion: String
    public var glpkVersion: String

    /// A configuration with the defaults above.
    public init(data: DataLocation, scenariosDirectory: String, outDirectory: String, alchainVersion: String, glpkVersion: String) {
        self.data = data
        self.scenariosDirectory = scenariosDirectory
        self.outDirectory = outDirectory
        self.alchainVersion = alchainVersion
        self.glpkVersion = glpkVersion
    }
}
