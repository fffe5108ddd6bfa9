import AlChainSolver
import AlChainTestSupport
import Testing

/// Small LPs whose optimum, duals, reduced costs and ranges are worked out by hand in the comments.
@Suite struct SensitivityTests {
    /// Hillier & Lieberman's Wyndor Glass LP (Introduction to Operations Research, ch. 3–4), with a third,
    /// unprofitable product x3 added so that one column is non-basic:
    ///
    ///     max 3 x1 + 5 x2 + 0.5 x3
    ///     plant1:      x1                ≤  4
    ///     plant2:             2 x2       ≤ 12
    ///     plant3:    3 x1 + 2 x2 +  x3   ≤ 18,    x ≥ 0
    ///
    /// Graphically (x3 = 0) the optimum is the corner plant2 ∩ plant3: x1 = 2, x2 = 6, z = 36.
    /// Basis {x1, x2, slack1}. Duals y solve yᵀB = c_B: slack1 ⇒ y1 = 0; x1 ⇒ 3 y3 = 3 ⇒ y3 = 1;
    /// x2 ⇒ 2 y2 + 2 y3 = 5 ⇒ y2 = 3/2. Reduced cost of x3: 0.5 − y3 = −0.5 (non-basic at 0).
    static func wyndor() -> LinearProblem {
        var p = LinearProblem(name: "wyndor", sense: .maximize)
        p.addColumn(name: "x1", objective: 3)
        p.addColumn(name: "x2", objective: 5)
        p.addColumn(name: "x3", objective: 0.5)
        p.addRow(name: "plant1", upper: 4, terms: [(0, 1)])
        p.addRow(name: "plant2", upper: 12, terms: [(1, 2)])
        p.addRow(name: "plant3", upper: 18, terms: [(0, 3), (1, 2), (2, 1)])
        return p
    }

    @Test(arguments: [LPAlgorithm.primalSimplex, .dualSimplex])
    func wyndorOptimumDualsAndRanges(_ algorithm: LPAlgorithm) throws {
        let r = try Solver.solve(Self.wyndor(), options: SolverOptions(algorithm: algorithm, computeSensitivity: true))
        #expect(r.status == .optimal)
        #expect(close(r.objective, 36))
        #expect(closeAll(r.columnValues, [2, 6, 0]))
        #expect(closeAll(r.rowActivities, [2, 12, 18]))
        #expect(closeAll(r.rowDuals, [0, 1.5, 1]))
        #expect(closeAll(r.reducedCosts, [0, 0, -0.5]))
        let s = try #require(r.sensitivity)
        // Basic x1, c1 = 3 + δ: y3 = c1/3, y2 = 5/2 − c1/3. Optimal while y2 ≥ 0 (c1 ≤ 7.5), y3 ≥ 0 (c1 ≥ 0)
        // and x3's reduced cost 0.5 − c1/3 ≤ 0 (c1 ≥ 1.5): [1.5, 7.5]. (Without x3 the textbook's [0, 7.5].)
        #expect(close(s.objectiveRanges[0], 1.5, 7.5))
        // Basic x2, c2 = 5 + δ: y3 = 1, y2 = (c2 − 2)/2 ≥ 0 ⇒ c2 ≥ 2; no upper limit: [2, ∞).
        #expect(close(s.objectiveRanges[1], 2, .infinity))
        // Non-basic x3 (maximising, at its lower bound): it stays out while c3 ≤ y3·1 = 1: (−∞, 1].
        #expect(close(s.objectiveRanges[2], -.infinity, 1))
        // Slack row plant1 (activity 2): its bound can fall to 2 or rise without limit: [2, ∞).
        #expect(close(s.rhsRanges[0], 2, .infinity))
        // Binding plant2, b2: x2 = b2/2, x1 = (18 − b2)/3, slack1 = 4 − x1; all ≥ 0 ⇔ 6 ≤ b2 ≤ 18.
        #expect(close(s.rhsRanges[1], 6, 18))
        // Binding plant3, b3: x2 = 6, x1 = (b3 − 12)/3 ≥ 0, slack1 = 4 − x1 ≥ 0 ⇔ 12 ≤ b3 ≤ 24.
        #expect(close(s.rhsRanges[2], 12, 24))
    }

    /// A minimisation with ≥ rows and a column that ends at its upper bound:
    ///
    ///     min 2 x + 3 y
    ///     cover:  x +   y ≥ 4
    ///     reach:  x + 3 y ≥ 5,     0 ≤ x ≤ 3,  y ≥ 0
    ///
    /// Along cover (y = 4 − x) the cost is 12 − x, so x goes to its bound 3, y = 1, z = 9; reach has
    /// activity 6 (slack). Basis {y, slack_reach}; y basic in cover ⇒ dual π_cover = c_y = 3, π_reach = 0;
    /// reduced cost of x: 2 − π_cover = −1 (non-basic at its upper bound, right sign for a minimum).
    static func capped() -> LinearProblem {
        var p = LinearProblem(name: "capped", sense: .minimize)
        p.addColumn(name: "x", lower: 0, upper: 3, objective: 2)
        p.addColumn(name: "y", objective: 3)
        p.addRow(name: "cover", lower: 4, terms: [(0, 1), (1, 1)])
        p.addRow(name: "reach", lower: 5, terms: [(0, 1), (1, 3)])
        return p
    }

    @Test(arguments: [LPAlgorithm.primalSimplex, .dualSimplex])
    func cappedOptimumDualsAndRanges(_ algorithm: LPAlgorithm) throws {
        let r = try Solver.solve(Self.capped(), options: SolverOptions(algorithm: algorithm, computeSensitivity: true))
        #expect(r.status == .optimal)
        #expect(close(r.objective, 9))
        #expect(closeAll(r.columnValues, [3, 1]))
        #expect(closeAll(r.rowActivities, [4, 6]))
        #expect(closeAll(r.rowDuals, [3, 0]))
        #expect(closeAll(r.reducedCosts, [-1, 0]))
        let s = try #require(r.sensitivity)
        // Non-basic x at its upper bound (minimising): it stays there while its reduced cost c_x − 3 ≤ 0: (−∞, 3].
        #expect(close(s.objectiveRanges[0], -.infinity, 3))
        // Basic y: π_cover = c_y must stay ≥ 0 and x's reduced cost 2 − c_y ≤ 0 ⇒ c_y ≥ 2: [2, ∞).
        #expect(close(s.objectiveRanges[1], 2, .infinity))
        // Binding cover, b: y = b − 3 ≥ 0 and reach 3 + 3(b − 3) ≥ 5 ⇔ b ≥ 11/3; no upper limit: [11/3, ∞).
        #expect(close(s.rhsRanges[0], 11.0 / 3, .infinity))
        // Slack reach (activity 6, a ≥ row): its bound may rise to 6 or fall without limit: (−∞, 6].
        #expect(close(s.rhsRanges[1], -.infinity, 6))
    }

    /// Ranging only some rows gives exactly those rows' ranges of the full report, and no objective ranges;
    /// a row outside the problem is an invalid option, not a GLPK abort.
    @Test func rangingSomeRowsMatchesTheFullReport() throws {
        let full = try #require(try Solver.solve(Self.wyndor(), options: SolverOptions(computeSensitivity: true)).sensitivity)
        var options = SolverOptions(computeSensitivity: true)
        options.sensitivityRows = [2, 0]
        let some = try #require(try Solver.solve(Self.wyndor(), options: options).sensitivity)
        #expect(some.rhsRanges == [full.rhsRanges[2], full.rhsRanges[0]])
        #expect(some.rhsRange(ofRow: 0) == full.rhsRanges[0] && some.rhsRange(ofRow: 2) == full.rhsRanges[2])
        #expect(some.rhsRange(ofRow: 1) == nil && some.objectiveRanges.isEmpty && some.objectiveRange(ofColumn: 0) == nil)
        options.sensitivityRows = [3]
        #expect(throws: ModelError.self) { try Solver.solve(Self.wyndor(), options: options) }
    }

    /// Ranges are a simplex result: interior point and MIP solves report none, and none are computed unasked.
    @Test func noRangesWithoutABasisOrWhenNotAsked() throws {
        #expect(try Solver.solve(Self.wyndor()).sensitivity == nil)
        let interior = try Solver.solve(Self.wyndor(), options: SolverOptions(algorithm: .interiorPoint, computeSensitivity: true))
        #expect(interior.status == .optimal && agrees(interior.objective, 36))
        #expect(interior.sensitivity == nil)
        var integer = Self.wyndor()
        integer.columnKinds = [.integer, .integer, .integer]
        let mip = try Solver.solve(integer, options: SolverOptions(computeSensitivity: true))
        #expect(mip.status == .optimal && close(mip.objective, 36))
        #expect(mip.sensitivity == nil && mip.rowDuals == nil)
    }

    /// The duals are shadow prices: raising a binding row's bound by a small step inside its range moves the
    /// objective by dual × step.
    @Test func dualsPredictTheObjectiveChange() throws {
        let base = try Solver.solve(Self.wyndor())
        for i in 0..<3 {
            var p = Self.wyndor()
            p.rowUpper[i] += 0.5
            let moved = try Solver.solve(p)
            #expect(close(moved.objective! - base.objective!, 0.5 * base.rowDuals![i]), "row \(i)")
        }
    }
}

func close(_ a: Double?, _ b: Double) -> Bool {
    guard let a else { return false }
    return a == b || abs(a - b) <= 1e-9 * max(1, abs(b))
}

func closeAll(_ a: [Double]?, _ b: [Double]) -> Bool {
    guard let a, a.count == b.count else { return false }
    return zip(a, b).allSatisfy { close($0, $1) }
}

func close(_ r: CoefficientRange, _ lower: Double, _ upper: Double) -> Bool { close(r.lower, lower) && close(r.upper, upper) }
func close(_ r: BoundRange, _ lower: Double, _ upper: Double) -> Bool { close(r.lower, lower) && close(r.upper, upper) }
