import AlChainSolver
import ArgumentParser
import Foundation

/// `alchain-bench`: the foundation benchmark. Prints a Markdown report on standard output and progress on
/// standard error.
@main
struct AlChainBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alchain-bench",
        abstract: "Benchmark AlChain's modelling layer and `alchain solve-file` against glpsol.",
        discussion: """
            (a) Builds a synthetic multi-period production–transportation LP through the modelling layer and \
            loads it into GLPK, reporting nonzeros per second and peak memory. (b) Runs `alchain solve-file` and \
            `glpsol` on the same MPS files (shared Netlib and MIPLIB problems and generated ones), alternating, and reports \
            median wall times, peak RSS and their ratios. Build alchain in release mode first \
            (scripts/bench-foundation.sh does both).
            """)

    @Option(help: "Nonzeros of the modelling benchmark's LP (at least).")
    var modellingNonzeros = 4_000_000

    @Option(help: "Repetitions of the modelling benchmark.")
    var modellingRepetitions = 5

    @Option(help: "Timed runs of each program on each file (the median is reported).")
    var repetitions = 5

    @Option(help: "The alchain binary to time (default: the one beside this program).")
    var alchain: String?

    @Option(help: "The glpsol binary to compare with.")
    var glpsol = "glpsol"

    @Option(help: "Folder with the shared test problems (default: ../shared/data/lp beside the checkout).")
    var data: String?

    @Option(help: "Shared problems (files in --data) to time, comma separated, or 'all' (every row of expected.csv).")
    var shared = "all"

    @Option(help: "Folder of held-out MPS files to time as well (default: Benchmarks/data in the checkout).")
    var heldOut: String?

    @Option(help: "Settings to run, comma separated: default, time-limit, plain.")
    var settings = "default,time-limit"

    @Option(help: "Generated LPs to time, comma separated, each plants x markets x products x periods.")
    var generated = "12x60x4x8,60x300x2x2"

    @Option(help: "Folder for generated files (default: a new temporary folder, removed afterwards).")
    var work: String?

    @Option(help: "For scripts/bench-peers.sh: one run on this instance (plants x markets x products x periods), printed as JSON.")
    var peer: String?

    @Option(help: "With --peer: build, handoff (build and load into GLPK) or solve.")
    var peerMode: String = "handoff"

    @Flag(help: "With --peer: leave the shipment variables unnamed (measures what the names cost).")
    var peerUnnamed = false

    @Flag(help: "Skip part (a), the modelling benchmark.")
    var skipModelling = false

    @Flag(help: "Skip part (b), the solve-file comparison.")
    var skipSolve = false

    func validate() throws {
        guard modellingNonzeros > 0, modellingRepetitions > 0, repetitions > 0 else {
            throw ValidationError("sizes and repetitions must be positive")
        }
        _ = try generatedInstances()
        _ = try chosenSettings()
    }

    func chosenSettings() throws -> [SolveBenchmark.Setting] {
        try settings.split(separator: ",").map { name in
            guard let s = SolveBenchmark.Setting(rawValue: String(name)) else {
                throw ValidationError("--settings takes default, time-limit and/or plain; found '\(name)'")
            }
            return s
        }
    }

    func generatedInstances() throws -> [SupplyChainInstance] {
        try generated.split(separator: ",").map(Self.instance)
    }

    /// An instance from "plants x markets x products x periods", e.g. 12x60x4x8.
    static func instance(_ spec: some StringProtocol) throws -> SupplyChainInstance {
        let n = spec.split(separator: "x").compactMap { Int($0) }
        guard n.count == 4, n.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("instances are plants x markets x products x periods, e.g. 12x60x4x8; found '\(spec)'")
        }
        return SupplyChainInstance(plants: n[0], markets: n[1], products: n[2], periods: n[3])
    }

    func run() throws {
        if let peer {
            guard let mode = PeerRun.Mode(rawValue: peerMode) else { throw ValidationError("--peer-mode takes build, handoff or solve") }
            var instance = try Self.instance(peer)
            instance.named = !peerUnnamed
            print(try PeerRun.run(instance, mode: mode))
            return
        }
        var report = ["# AlChain foundation benchmark", "", "GLPK \(Solver.glpkVersion); \(Machine.describe())", ""]
        let loadBefore = Machine.loadAverage()
        if !skipModelling { report += try modelling() }
        if !skipSolve { report += try solving() }
        report.append("Load average (1 min) before and after: \(loadBefore) → \(Machine.loadAverage()); other work on the machine inflates wall times, not CPU times.")
        print(report.joined(separator: "\n"))
    }

    func progress(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

    func modelling() throws -> [String] {
        let instance = SupplyChainInstance.withNonzeros(modellingNonzeros)
        progress("(a) modelling: \(instance)")
        let r = try ModellingBenchmark.run(instance, repetitions: modellingRepetitions, log: progress)
        return [
            "## (a) Modelling layer → loaded GLPK problem", "",
            "Instance: \(r.instance): \(r.rows) rows, \(r.columns) columns, \(r.nonzeros) nonzeros, every variable and constraint named (the shipments' names generated on demand).", "",
            "| phase | median of \(r.runs.count) (s) |", "|---|---|",
            String(format: "| build (Model, families, expressions, constraints) | %.3f |", r.medianBuild),
            String(format: "| load (validate, glp_create_prob … glp_load_matrix … glp_delete_prob) | %.3f |", r.medianLoad),
            String(format: "| total | %.3f |", r.medianTotal),
            String(format: "| total, CPU time (user + system) | %.3f |", r.medianCPU), "",
            String(format: "**%.2f million nonzeros/s** (median) from the first modelling call to a loaded GLPK problem (target ≥ 2); fastest run %.2f million/s, by CPU time %.2f million/s.",
                   r.nonzerosPerSecond / 1e6, Double(r.nonzeros) / r.fastestTotal / 1e6, Double(r.nonzeros) / r.medianCPU / 1e6),
            String(format: "Peak RSS of the benchmark process: %.0f MiB (%.0f bytes per nonzero).", Double(r.peakBytes) / 1_048_576, Double(r.peakBytes) / Double(r.nonzeros)),
            "",
        ]
    }

    func solving() throws -> [String] {
        let alchain = self.alchain ?? Machine.sibling("alchain")
        guard FileManager.default.isExecutableFile(atPath: alchain) else {
            throw BenchError("no alchain binary at \(alchain); build it with `swift build -c release --product alchain`")
        }
        let dataDirectory = data ?? Machine.checkout.deletingLastPathComponent().appendingPathComponent("shared/data/lp").path
        let scratch = work.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("alchain-bench-\(getpid())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { if work == nil { try? FileManager.default.removeItem(at: scratch) } }

        var cases: [(SolveBenchmark.Case, String)] = []
        let names = shared == "all"
            ? try String(contentsOfFile: dataDirectory + "/expected.csv", encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
                .compactMap { $0.split(separator: ",").first.map(String.init) }
            : shared.split(separator: ",").map(String.init)
        var files = names.map { ($0, "shared", URL(fileURLWithPath: dataDirectory).appendingPathComponent("\($0).mps").path) }
        let heldOutDirectory = heldOut ?? Machine.checkout.appendingPathComponent("Benchmarks/data").path
        for file in ((try? FileManager.default.contentsOfDirectory(atPath: heldOutDirectory)) ?? []).sorted() where file.hasSuffix(".mps") {
            files.append((String(file.dropLast(4)), "held-out", heldOutDirectory + "/" + file))
        }
        for (name, origin, path) in files {
            let problem = try ModelFile.read(path)
            cases.append((SolveBenchmark.Case(name: name, path: path), "\(origin) \(problem.isMIP ? "MIP" : "LP"): \(problem.rowCount) rows, \(problem.columnCount) columns, \(problem.matrix.count) nonzeros"))
        }
        for instance in try generatedInstances() {
            let name = "generated-\(instance.plants)x\(instance.markets)x\(instance.products)x\(instance.periods)"
            let path = scratch.appendingPathComponent("\(name).mps").path
            let problem = instance.build().problem
            try ModelFile.write(problem, to: path)
            cases.append((SolveBenchmark.Case(name: name, path: path), "generated (\(instance)): \(problem.rowCount) rows, \(problem.columnCount) columns, \(problem.matrix.count) nonzeros"))
        }

        var lines = [
            "## (b) `alchain solve-file` against `glpsol`", "",
            "Each program run \(repetitions)× per file and setting, alternating which goes first; medians of wall time (spawn to exit) and of CPU time (`wait4`); the paired ratio is the median of each repetition's alchain/glpsol wall-time ratio (the two runs side by side), with its interquartile range. Peak RSS from one further run of each under `/usr/bin/time -f %M` (not `wait4`: Linux carries a parent's peak RSS into the child it spawns). Objectives checked equal (relative 1e-9) on an untimed run first.", "",
            "- default: `alchain solve-file F` vs `glpsol --freemps F` (both with glpsol's defaults: LP presolver, scaling, MIP presolver)",
            "- time-limit: `alchain solve-file F --time-limit \(SolveBenchmark.Setting.limitSeconds)` vs `glpsol --freemps F --tmlim \(SolveBenchmark.Setting.limitSeconds)`",
            "- plain: `alchain solve-file F --no-presolve --no-mip-presolve --no-scale` vs `glpsol --freemps F --nopresol --noscale --nointopt`", "",
        ]
        lines += cases.map { "- \($0.0.name): \($0.1)" }
        lines += ["", "| file | setting | objective | alchain (s) | glpsol (s) | time ratio | paired ratio (IQR) | alchain CPU (s) | glpsol CPU (s) | CPU ratio | alchain RSS (MiB) | glpsol RSS (MiB) | RSS ratio | load |", "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
        for (c, _) in cases {
            for setting in try chosenSettings() {
                let r = try SolveBenchmark.run(c, setting: setting, alchain: alchain, glpsol: glpsol, repetitions: repetitions, scratch: scratch, log: progress)
                lines.append(String(
                    format: "| %@ | %@ | %@ | %.4f | %.4f | %.3f | %.3f (%.3f–%.3f) | %.4f | %.4f | %.3f | %@ | %@ | %@ | %@ |", c.name, setting.rawValue,
                    r.objective.map { String(format: "%.10g", $0) } ?? "none", r.alchainMedian, r.glpsolMedian, r.timeRatio,
                    median(r.pairedRatios), quantile(r.pairedRatios, 0.25), quantile(r.pairedRatios, 0.75),
                    r.alchainCPU, r.glpsolCPU, r.alchainCPU / r.glpsolCPU, mebibytes(r.alchainPeak), mebibytes(r.glpsolPeak),
                    r.memoryRatio.map { String(format: "%.2f", $0) } ?? "n/a", Machine.loadAverage()))
            }
        }
        return lines + [""]
    }
}

/// Facts about where the benchmark runs.
enum Machine {
    /// The checkout this program was built from.
    static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A program in the same folder as this one.
    static func sibling(_ name: String) -> String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name).path
    }

    /// The 1-minute load average, from /proc/loadavg where it exists.
    static func loadAverage() -> String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").first.map(String.init) ?? "?"
    }

    /// CPU model, core count and memory, from /proc where it exists.
    static func describe() -> String {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
        let memory = Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824
        return String(format: "%@, %d cores, %.1f GiB memory", model, ProcessInfo.processInfo.activeProcessorCount, memory)
    }
}
