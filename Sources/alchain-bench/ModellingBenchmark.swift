import AlChainModeling
import AlChainSolver

/// Part (a): how fast the modelling layer turns a model into a loaded GLPK problem.
enum ModellingBenchmark {
    struct Measurement {
        /// From `Model(…)` to the finished `LinearProblem` (families, sums, constraints).
        let buildSeconds: Double
        /// `Solver.load`: validation, then GLPK's problem object created, loaded and deleted.
        let loadSeconds: Double
        var totalSeconds: Double { buildSeconds + loadSeconds }
        /// CPU time (user + system) of the whole: on a busy machine the wall time also counts waiting.
        let cpuSeconds: Double
    }

    struct Report {
        let instance: SupplyChainInstance
        let rows: Int
        let columns: Int
        let nonzeros: Int
        let runs: [Measurement]
        /// Peak resident memory of this process after the runs.
        let peakBytes: Int

        var medianTotal: Double { median(runs.map(\.totalSeconds)) }
        var medianBuild: Double { median(runs.map(\.buildSeconds)) }
        var medianLoad: Double { median(runs.map(\.loadSeconds)) }
        var medianCPU: Double { median(runs.map(\.cpuSeconds)) }
        var fastestTotal: Double { runs.map(\.totalSeconds).min()! }
        var nonzerosPerSecond: Double { Double(nonzeros) / medianTotal }
    }

    static func run(_ instance: SupplyChainInstance, repetitions: Int, log: (String) -> Void) throws -> Report {
        var runs: [Measurement] = []
        var shape = (rows: 0, columns: 0, nonzeros: 0)
        for r in 1...repetitions {
            let clock = ContinuousClock()
            let cpuStart = cpuSeconds()
            let start = clock.now
            let model = instance.build()
            let built = clock.now
            let loaded = try Solver.load(model.problem)
            let end = clock.now
            let cpu = cpuSeconds() - cpuStart
            guard loaded == model.problem.matrix.count else {
                throw BenchError("GLPK holds \(loaded) nonzeros, the model has \(model.problem.matrix.count)")
            }
            shape = (model.problem.rowCount, model.problem.columnCount, loaded)
            let m = Measurement(buildSeconds: (built - start).seconds, loadSeconds: (end - built).seconds, cpuSeconds: cpu)
            log(String(format: "  modelling run %d: build %.3f s + load %.3f s = %.3f s (CPU %.3f s)", r, m.buildSeconds, m.loadSeconds, m.totalSeconds, m.cpuSeconds))
            runs.append(m)
        }
        return Report(
            instance: instance, rows: shape.rows, columns: shape.columns, nonzeros: shape.nonzeros, runs: runs,
            peakBytes: peakResidentBytes())
    }
}
