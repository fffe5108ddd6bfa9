import AlChainSolver
import ArgumentParser

extension LPAlgorithm: ExpressibleByArgument {}
extension OutputFormat: ExpressibleByArgument {}
extension BranchingRule: ExpressibleByArgument {}
extension CutNodes: ExpressibleByArgument {}

/// Solver flags shared by every command that solves.
struct SolverFlags: ParsableArguments {
    @Option(help: "Stop after this many seconds (the best point found so far is reported).")
    var timeLimit: Double?

    @Option(help: "Relative MIP gap at which branch-and-cut stops (0 proves optimality).")
    var mipGap: Double?

    @Option(help: "LP algorithm: primal, dual or interior (default: primal; dual for alchain solve).")
    var algorithm: LPAlgorithm?

    @Flag(inversion: .prefixedNo, help: "GLPK's LP presolver, and its MIP presolver unless --no-mip-presolve (default: on for solve-file, as glpsol; off for the plan commands).")
    var presolve: Bool?

    @Flag(inversion: .prefixedNo, help: "GLPK's MIP presolver, glpsol's --intopt (default: on for solve-file; as --presolve for the plan commands).")
    var mipPresolve: Bool?

    @Flag(inversion: .prefixedNo, help: "Scale the problem before a simplex run without presolver, glpsol's --scale (default: on for solve-file; off for the plan commands).")
    var scale: Bool?

    @Flag(help: "Use GLPK's cutting planes (Gomory, MIR, cover, clique) in branch-and-cut.")
    var cuts = false

    @Option(help: "Where cuts are generated: all (every node, GLPK's way) or root (the root's cuts are kept as rows and no more are generated; default for alchain solve).")
    var cutNodes: CutNodes?

    @Option(help: "Branching rule for branch-and-cut: dth (GLPK default), pcost (pseudocost), mostf.")
    var branching: BranchingRule?

    @Option(help: "Primal heuristics for branch-and-cut, comma separated: fp (feasibility pump), proximity, rounding (LP rounding).")
    var heuristics: String?

    @Flag(inversion: .prefixedNo, help: "For a what-if (a scenario or --set): among the plans within the MIP gap of its optimum, return the one closest to the base plan in decisions, capacities and flows (solves the base first; batch solves it once).")
    var closestPlan = true

    @Flag(name: .shortAndLong, help: "Print GLPK's log to standard error.")
    var verbose = false

    func validate() throws {
        if let t = timeLimit, !(t.isFinite && t > 0) { throw ValidationError("--time-limit must be a positive number of seconds") }
        if let g = mipGap, !(g.isFinite && g >= 0) { throw ValidationError("--mip-gap must be a number ≥ 0") }
        for h in (heuristics ?? "").split(separator: ",") where MIPHeuristic(rawValue: String(h)) == nil {
            throw ValidationError("--heuristics takes fp, proximity and/or rounding, found '\(h)'")
        }
    }

    /// These flags applied over `base`.
    func options(over base: SolverOptions = SolverOptions()) -> SolverOptions {
        var o = base
        if let timeLimit { o.timeLimit = timeLimit }
        if let mipGap { o.mipGap = mipGap }
        if let algorithm { o.algorithm = algorithm }
        if let presolve { o.presolve = presolve }
        if let mipPresolve { o.mipPresolve = mipPresolve }
        if let scale { o.scaling = scale }
        if cuts { o.cuts = Set(CutKind.allCases) }
        if let cutNodes { o.cutNodes = cutNodes }
        if verbose { o.verbose = true }
        if let branching { o.branching = branching }
        if let heuristics {
            o.heuristics = Set(heuristics.split(separator: ",").compactMap { MIPHeuristic(rawValue: String($0)) })
        }
        return o
    }
}
