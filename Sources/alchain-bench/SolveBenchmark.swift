import Foundation

/// Part (b): `alchain solve-file` against `glpsol` on the same MPS files, as separate processes.
enum SolveBenchmark {
    /// Like-for-like settings. `alchain solve-file`'s defaults are glpsol's (LP presolver, scaling, MIP
    /// presolver), so the default setting runs both with no options; the time-limit setting adds a limit neither
    /// reaches (GLPK's `tm_lim` in both); the plain setting turns presolvers and scaling off in both.
    enum Setting: String, CaseIterable {
        case `default`, timeLimit = "time-limit", plain

        /// The limit of the time-limit setting: long enough never to stop a benchmark solve.
        static let limitSeconds = 3600

        func alchainArguments(_ file: String) -> [String] {
            switch self {
            case .default: ["solve-file", file]
            case .timeLimit: ["solve-file", file, "--time-limit", "\(Self.limitSeconds)"]
            case .plain: ["solve-file", file, "--no-presolve", "--no-mip-presolve", "--no-scale"]
            }
        }

        func glpsolArguments(_ file: String) -> [String] {
            switch self {
            case .default: ["--freemps", file]
            case .timeLimit: ["--freemps", file, "--tmlim", "\(Self.limitSeconds)"]
            case .plain: ["--freemps", file, "--nopresol", "--noscale", "--nointopt"]
            }
        }
    }

    struct Case {
        let name: String
        let path: String
    }

    struct Result {
        let name: String
        let setting: Setting
        let objective: Double?
        let alchain: [ChildRun]
        let glpsol: [ChildRun]
        /// Peak RSS in bytes of one run of each, where GNU time is installed.
        let alchainPeak: Int?
        let glpsolPeak: Int?

        var alchainMedian: Double { median(alchain.map(\.seconds)) }
        var glpsolMedian: Double { median(glpsol.map(\.seconds)) }
        var timeRatio: Double { alchainMedian / glpsolMedian }
        /// Each repetition's alchain time over glpsol's, the two runs side by side: the machine's drift from minute
        /// to minute (15–55 % in CPU time on the development VM) cancels within a pair, not between medians.
        var pairedRatios: [Double] { zip(alchain, glpsol).map { $0.seconds / $1.seconds } }
        var alchainCPU: Double { median(alchain.map(\.cpuSeconds)) }
        var glpsolCPU: Double { median(glpsol.map(\.cpuSeconds)) }
        var memoryRatio: Double? { alchainPeak.flatMap { a in glpsolPeak.map { Double(a) / Double($0) } } }
    }

    static func run(
        _ c: Case, setting: Setting, alchain: String, glpsol: String, repetitions: Int, scratch: URL, log: (String) -> Void
    ) throws -> Result {
        // An untimed run of each, to check they agree (and to warm the page cache).
        let objective = try agreedObjective(c, setting: setting, alchain: alchain, glpsol: glpsol, scratch: scratch)
        let alchainPeak = try ChildProcess.peakBytes(alchain, setting.alchainArguments(c.path), scratch: scratch)
        let glpsolPeak = try ChildProcess.peakBytes(glpsol, setting.glpsolArguments(c.path), scratch: scratch)
        var a: [ChildRun] = [], g: [ChildRun] = []
        for r in 0..<repetitions {
            // Alternate which program goes first, so neither always runs on a warmer machine.
            let order = r.isMultiple(of: 2) ? [true, false] : [false, true]
            for isAlchain in order {
                if isAlchain {
                    a.append(try ChildProcess.run(alchain, setting.alchainArguments(c.path)))
                } else {
                    g.append(try ChildProcess.run(glpsol, setting.glpsolArguments(c.path)))
                }
            }
        }
        let result = Result(
            name: c.name, setting: setting, objective: objective, alchain: a, glpsol: g, alchainPeak: alchainPeak,
            glpsolPeak: glpsolPeak)
        log(String(format: "  %@ (%@): alchain %.4f s, glpsol %.4f s, ratio %.3f; peak RSS %@ / %@",
                   c.name, setting.rawValue, result.alchainMedian, result.glpsolMedian, result.timeRatio,
                   mebibytes(alchainPeak), mebibytes(glpsolPeak)))
        return result
    }

    /// Runs both programs once with machine-readable output and returns the objective they agree on.
    static func agreedObjective(_ c: Case, setting: Setting, alchain: String, glpsol: String, scratch: URL) throws -> Double? {
        let json = scratch.appendingPathComponent("\(c.name).json").path
        let solution = scratch.appendingPathComponent("\(c.name).sol").path
        let a = try ChildProcess.run(alchain, setting.alchainArguments(c.path) + ["--format", "json"], stdout: json)
        let g = try ChildProcess.run(glpsol, setting.glpsolArguments(c.path) + ["--write", solution])
        guard g.exitStatus == 0 else { throw BenchError("glpsol failed on \(c.path) (exit \(g.exitStatus))") }
        let output = try Data(contentsOf: URL(fileURLWithPath: json))
        guard let object = try JSONSerialization.jsonObject(with: output) as? [String: Any] else {
            throw BenchError("alchain printed no JSON for \(c.path) (exit \(a.exitStatus))")
        }
        let alchainObjective = object["objective"] as? Double
        // The status line of glpsol's solution file: "s bas <rows> <cols> <primal> <dual> <objective>" for an
        // LP (f = feasible), "s mip <rows> <cols> <status> <objective>" for a MIP (o = optimal).
        let statusLine = try String(contentsOfFile: solution, encoding: .utf8).split(separator: "\n").first { $0.hasPrefix("s ") }
        let fields = statusLine?.split(separator: " ").map(String.init) ?? []
        let glpsolObjective: Double? = switch fields.count >= 6 ? fields[1] : "" {
        case "bas" where fields.count >= 7 && fields[4] == "f" && fields[5] == "f": Double(fields[6])
        case "mip" where fields[4] == "o": Double(fields[5])
        default: nil
        }
        switch (alchainObjective, glpsolObjective) {
        case let (x?, y?) where abs(x - y) <= 1e-9 * max(1, abs(y)):
            return x
        case (nil, nil):
            return nil
        default:
            throw BenchError("\(c.name) (\(setting.rawValue)): alchain reports \(String(describing: alchainObjective)), glpsol \(String(describing: glpsolObjective))")
        }
    }
}

/// Bytes as MiB with one decimal, or "n/a".
func mebibytes(_ bytes: Int?) -> String { bytes.map { String(format: "%.1f", Double($0) / 1_048_576) } ?? "n/a" }
