import AlChainModeling
import AlChainPlanning
import AlChainSolver
import Testing

/// Why no user-reachable path can use a handle with the wrong model (issue 9): a `ChainModel` makes every
/// handle it holds with its own `model` (both `internal(set)`), and a `SolvedPlan` (built only by `PlanSolver`)
/// pairs a chain with solves of that model or of copies of it. These tests check both halves on the default
/// plan and on a what-if drawn towards it, the paths `solve`, `explain`, `batch` and `serve` take.
@Suite struct HandleOwnershipTests {
    /// Every variable and constraint a chain model holds, and every variable of its expressions, is its model's.
    @Test func everyHandleOfAChainModelIsItsModels() throws {
        let chain = ChainModel(inputs: try InputLoader.load(Locations.guizhou))
        let m = chain.model
        var variables: [Variable] = []
        var constraints: [Constraint] = []
        variables += chain.activity.values
        variables += chain.retiredUnits.values
        variables += chain.unitsBuiltBy.values
        variables += chain.projectBuiltBy.values.flatMap(\.values)
        variables += chain.imports.values
        variables += chain.sales.values
        variables += chain.disposal.values
        variables += chain.collection.values
        variables += chain.shipments.values
        variables += chain.power.values
        variables += chain.cleanPowerToStages.values
        variables += chain.indices.values
        let expressions = Array(chain.capacity.values) + chain.newlyBuilt.values + chain.projectNewlyBuilt.values.flatMap(\.values)
            + chain.costTerms.values.flatMap(\.values) + chain.capitalTerms.values.flatMap(\.values)
            + chain.targetRows.flatMap { [$0.numerator] + ($0.denominator.map { [$0] } ?? []) }
        variables += expressions.flatMap { $0.terms.map(\.variable) }
        constraints += chain.balances.values
        constraints += chain.capacityRows.values
        constraints += chain.targetRows.map(\.constraint)
        constraints += chain.ruleRows.map(\.constraint)
        constraints += chain.groupedConstraints.map(\.constraint)
        #expect(variables.count > 1000 && constraints.count > 500, "\(variables.count) variables, \(constraints.count) constraints")
        for v in variables { #expect(throws: Never.self) { try m.check(v) } }
        for c in constraints { #expect(throws: Never.self) { try m.check(c) } }
    }

    /// The plan's solution, its fixed-integer LP and a closest-plan what-if's solution are solves of the plan's
    /// own model, so the read-out's handles read them; another plan's model refuses them with a typed error.
    @Test func solvedPlansPairAChainWithItsOwnSolutions() throws {
        let base = try DefaultPlan.get()
        let plan = base.plan
        #expect(throws: Never.self) { try plan.chain.model.check(plan.solution) }
        if let fixed = plan.fixedSolution { #expect(throws: Never.self) { try plan.chain.model.check(fixed) } }
        var inputs = base.inputs
        inputs.settings.co2PricePerT = 50
        let whatIf = try PlanSolver.solve(inputs, options: PlanSolver.options(for: inputs.settings), closestTo: PlanReference(plan))
        #expect(throws: Never.self) { try whatIf.chain.model.check(whatIf.solution) }
        let error = #expect(throws: HandleError.self) { try whatIf.chain.model.check(plan.solution) }
        #expect(error?.kind == .notOwned(handle: plan.chain.model.identity, model: whatIf.chain.model.identity))
    }
}
