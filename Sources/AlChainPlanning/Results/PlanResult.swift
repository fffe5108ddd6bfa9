import AlChainModeling
import AlChainSolver
import Foundation

/// Everything a planner reads from a solved plan, in reporting units (t, 亿元, million yuan, GWh, kt CO2).
public struct PlanResult: Sendable {
    public var scenario: String
    public var status: TerminationStatus
    public var objectiveSense: String
    /// Objective in million yuan (discounted).
    public var objectiveMillionYuan: Double?
    public var mipGap: Double?
    public var isMIP: Bool
    public var dualsFromFixedMIP: Bool
    public var rows: Int
    public var columns: Int
    public var integers: Int
    public var nonzeros: Int
    public var flows: [FlowRecord] = []
    public var capacities: [CapacityRecord] = []
    public var compliance: [ComplianceRecord] = []
    public var rules: [RuleRecord] = []
    public var costs: [CostRecord] = []
    public var power: [PowerRecord] = []
    public var powerUse: [PowerUseRecord] = []
    public var clusterYears: [ClusterYearRecord] = []
    public var projects: [(project: String, buildYear: Int?)] = []
    public var timings: PlanTimings
    /// GLPK's return codes and the steps taken, for the record.
    public var solverStatus: String
    /// The capacities that limit the plan most: units whose capacity row has the largest dual (discounted
    /// million yuan gained per extra kt of capacity in that year), from the dual solution.
    public var limitingCapacities: [(unit: String, year: Int, valuePerKt: Double)] = []
    /// What cannot hold together (only for infeasible plans): the members of a conflict, targets as
    /// "id (scope, year)", other limits and rules by name.
    public var suspects: [String] = []

    /// Tolerance for judging a target met (solver feasibility tolerance in model units).
    static let tolerance = 1e-6

    /// Reads a solved plan into records.
    public init(_ plan: SolvedPlan) {
        let chain = plan.chain
        let inputs = chain.inputs
        let solution = plan.solution
        let model = chain.model
        scenario = inputs.settings.name
        status = solution.status
        objectiveSense = inputs.settings.objective.rawValue
        objectiveMillionYuan = solution.objective
        mipGap = solution.result.mipGap
        isMIP = model.isMIP
        dualsFromFixedMIP = plan.fixedSolution != nil
        rows = model.constraintCount
        columns = model.variableCount
        integers = model.integerCount
        nonzeros = model.nonzeroCount
        timings = plan.timings
        solverStatus = solution.result.solverStatus
        guard solution.hasSolution else {
            suspects = plan.diagnosis ?? []
            return
        }
        readFlows(plan)
        readCapacities(plan)
        priceTargets(plan)
        findLimitingCapacities(plan)
        readCosts(plan)
        readPowerAndValue(plan)
    }

    /// Tonnes from the model's kt.
    func t(_ kt: Double) -> Double { kt * 1000 }

    /// Output value of the province in a year (亿元).
    public func provinceOutputValue(_ year: Int) -> Double {
        clusterYears.filter { $0.year == year }.reduce(0) { $0 + $1.outputValueYi }
    }
}
