import AlChainModeling
import AlChainSolver
import Testing

/// Indexed families, and results read back through the model's handles.
@Suite struct FamilyAndSolutionTests {
    struct Route: Hashable, Sendable {
        let plant: String
        let market: String
    }

    @Test func variableFamiliesKeepOrderNamesAndBounds() {
        var m = Model()
        let years = [2025, 2030, 2027]
        let build = m.addVariables("build", years, lower: 1, upper: 4, kind: .integer)
        #expect(build.name == "build" && build.count == 3)
        #expect(build.keys == years)
        #expect(build.elements.map(\.key) == years)
        #expect(build.elements.map { m.name(of: $0.handle) } == ["build[2025]", "build[2030]", "build[2027]"])
        #expect(build[2031] == nil)
        let v = build[2030]!
        #expect(m.problem.columnLower[v.index] == 1 && m.problem.columnUpper[v.index] == 4)
        #expect(m.problem.columnKinds[v.index] == .integer)

        let routes = [Route(plant: "Qingzhen", market: "Guiyang"), Route(plant: "Xingren", market: "Anshun")]
        let ship = m.addVariables("ship", routes) { "\($0.plant),\($0.market)" }
        #expect(m.name(of: ship[routes[1]]!) == "ship[Xingren,Anshun]")
        #expect(m.variableCount == 5)
        // Handles are positions in the model, in creation order.
        #expect(build.elements.map(\.handle.index) == [0, 1, 2] && ship[routes[0]]!.index == 3)
    }

    /// A key given twice keeps its first place and names the later variable; both variables stay in the model.
    @Test func repeatedKeyTakesTheLaterVariable() {
        var m = Model()
        let f = m.addVariables("x", ["a", "b", "a"])
        #expect(f.keys == ["a", "b"] && f.count == 2)
        #expect(m.variableCount == 3)
        #expect(f["a"]!.index == 2 && f.elements.map(\.handle.index) == [2, 1])
    }

    @Test func constraintFamiliesSkipKeysWithoutAConstraint() {
        var m = Model()
        let x = m.addVariables("x", 1...4)
        let cap = m.addConstraints("cap", 1...4) { k in
            k == 3 ? nil : LinearConstraint(LinearExpression(x[k]!) + LinearExpression(x[k % 4 + 1]!), upper: Double(k))
        }
        #expect(cap.keys == [1, 2, 4] && cap.count == 3)
        #expect(cap[3] == nil)
        #expect(m.constraintCount == 3)
        #expect(cap.elements.map { m.name(of: $0.handle) } == ["cap[1]", "cap[2]", "cap[4]"])
        #expect(m.problem.rowUpper == [1, 2, 4])
        // cap[4] links x[4] and x[1].
        let row = m.problem.matrix.entries.filter { $0.row == cap[4]!.index }.map(\.column).sorted()
        #expect(row == [x[1]!.index, x[4]!.index])
    }

    /// A transportation problem solved by hand (transportation method, then u/v duals):
    ///
    ///     cost  M1  M2  M3   supply          Plant P1 is cheaper everywhere; its 20 units go where the
    ///     P1     8   6  10     20            saving over P2 is largest (M2: 12 − 6 = 6). P2 covers the rest:
    ///     P2     9  12  13     35            M2 5, M1 10, M3 15 (30 of 35, 5 spare).
    ///     demand 10  25  15                  Cost 20·6 + 5·12 + 10·9 + 15·13 = 465.
    ///
    /// Duals: P2 has spare supply, u2 = 0; basic cells give v1 = 9, v2 = 12, v3 = 13 and u1 = 6 − 12 = −6.
    /// Reduced costs of the empty cells: P1M1 8 + 6 − 9 = 5, P1M3 10 + 6 − 13 = 3, both > 0, and every basic
    /// value is positive, so the optimum and the duals are unique.
    /// Ranging: P1's supply b1 moves P1M2 = b1, P2M2 = 25 − b1, P2's load 50 − b1 ≤ 35: 15 ≤ b1 ≤ 25.
    /// The empty cell P1M3 (cost 10, reduced cost 3) stays empty while its cost is ≥ 7.
    @Test func transportationProblem() throws {
        let plants = ["P1": 20.0, "P2": 35.0], markets = ["M1": 10.0, "M2": 25.0, "M3": 15.0]
        let cost: [Route: Double] = [
            Route(plant: "P1", market: "M1"): 8, Route(plant: "P1", market: "M2"): 6, Route(plant: "P1", market: "M3"): 10,
            Route(plant: "P2", market: "M1"): 9, Route(plant: "P2", market: "M2"): 12, Route(plant: "P2", market: "M3"): 13,
        ]
        let routes = cost.keys.sorted { ($0.plant, $0.market) < ($1.plant, $1.market) }
        var m = Model(name: "transport")
        let ship = m.addVariables("ship", routes) { "\($0.plant)-\($0.market)" }
        var total = LinearExpression()
        for r in routes { total.add(ship[r], cost[r]!) }
        m.setObjective(total, .minimize)
        let supply = m.addConstraints("supply", plants.keys.sorted()) { p in
            LinearExpression.sum(routes.filter { $0.plant == p }.map { ship[$0]! }) <= plants[p]!
        }
        let demand = m.addConstraints("demand", markets.keys.sorted()) { k in
            LinearExpression.sum(routes.filter { $0.market == k }.map { ship[$0]! }) >= markets[k]!
        }
        let s = try m.solve(options: SolverOptions(computeSensitivity: true))
        #expect(s.status == .optimal && s.hasSolution)
        #expect(s.objective == 465)
        #expect(s.value(total) == 465)
        let flows = Dictionary(uniqueKeysWithValues: routes.map { ("\($0.plant)\($0.market)", s.value(ship[$0])) })
        #expect(flows == ["P1M1": 0, "P1M2": 20, "P1M3": 0, "P2M1": 10, "P2M2": 5, "P2M3": 15])
        #expect(s.activity(supply["P1"]!) == 20 && s.activity(supply["P2"]!) == 30)
        #expect(s.activity(demand["M2"]!) == 25)
        #expect(s.dual(supply["P1"]!) == -6 && s.dual(supply["P2"]!) == 0)
        #expect([s.dual(demand["M1"]!), s.dual(demand["M2"]!), s.dual(demand["M3"]!)] == [9, 12, 13])
        let p1m1 = ship[Route(plant: "P1", market: "M1")]!, p1m3 = ship[Route(plant: "P1", market: "M3")]!
        #expect(s.reducedCost(p1m1) == 5 && s.reducedCost(p1m3) == 3)
        #expect(s.reducedCost(ship[Route(plant: "P2", market: "M2")]!) == 0)
        let range = try #require(s.rhsRange(supply["P1"]!))
        #expect(abs(range.lower - 15) < 1e-9 && abs(range.upper - 25) < 1e-9)
        let coefficient = try #require(s.objectiveRange(p1m3))
        #expect(abs(coefficient.lower - 7) < 1e-9 && coefficient.upper == .infinity)
        // A missing handle reads as zero.
        #expect(s.value(ship[Route(plant: "P3", market: "M1")]) == 0)
    }

    @Test func solutionsWithoutAPointOrDuals() throws {
        var m = Model()
        let x = m.addVariable("x", upper: 1)
        let c = m.add(x >= 2)
        let infeasible = try m.solve()
        #expect(infeasible.status == .infeasible && !infeasible.hasSolution && infeasible.objective == nil)
        #expect(infeasible.dual(c) == nil)

        var mip = Model(sense: .maximize)
        let n = mip.addVariable("n", upper: 3.5, kind: .continuous, objective: 1)
        let k = mip.addVariable("k", upper: 10, kind: .integer, objective: 1)
        let row = mip.add(2 * k + n <= 7)
        let s = try mip.solve()
        // With the row binding, n = 7 − 2k and the objective n + k = 7 − k: k as small as n ≤ 3.5 allows,
        // 7 − 2k ≤ 3.5 ⇒ k ≥ 2. So k = 2, n = 3, objective 5 (k = 1 would need n = 5).
        #expect(s.status == .optimal && s.objective == 5 && s.value(k) == 2 && s.value(n) == 3)
        #expect(s.activity(row) == 7)
        #expect(s.dual(row) == nil && s.reducedCost(k) == nil)
        #expect(s.result.mipGap == 0)
    }
}
