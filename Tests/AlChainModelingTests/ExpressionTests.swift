import AlChainModeling
import AlChainSolver
import Testing

/// How expressions and constraints become rows: operators, merging, zero dropping, constants into bounds.
@Suite struct ExpressionTests {
    /// A model with three unbounded-above variables x, y, z.
    static func xyz() -> (Model, Variable, Variable, Variable) {
        var m = Model(name: "xyz")
        let x = m.addVariable("x"), y = m.addVariable("y"), z = m.addVariable("z")
        return (m, x, y, z)
    }

    /// The row's entries as column → coefficient.
    static func row(_ m: Model, _ c: Constraint) -> [Int: Double] {
        var out: [Int: Double] = [:]
        for e in m.problem.matrix.entries where e.row == c.index {
            #expect(out[e.column] == nil, "column \(e.column) appears twice in row \(c.index)")
            out[e.column] = e.value
        }
        return out
    }

    struct OperatorCase: Sendable, CustomTestStringConvertible {
        let label: String
        /// Builds a constraint from x, y, z.
        let build: @Sendable (Variable, Variable, Variable) -> LinearConstraint
        /// Expected coefficients of x, y, z (absent = no entry) and bounds.
        let coefficients: [Int: Double]
        let lower: Double
        let upper: Double
        var testDescription: String { label }
    }

    static let operatorCases: [OperatorCase] = [
        OperatorCase(label: "2x + 3y ≤ 6", build: { x, y, _ in 2 * x + 3 * y <= 6 }, coefficients: [0: 2, 1: 3], lower: -.infinity, upper: 6),
        OperatorCase(label: "x·2 − y ≥ 1", build: { x, y, _ in x * 2 - y >= 1 }, coefficients: [0: 2, 1: -1], lower: 1, upper: .infinity),
        OperatorCase(label: "x + y == z", build: { x, y, z in x + y == LinearExpression(z) }, coefficients: [0: 1, 1: 1, 2: -1], lower: 0, upper: 0),
        OperatorCase(label: "−(x − y) ≤ 4", build: { x, y, _ in -(x - y) <= 4 }, coefficients: [0: -1, 1: 1], lower: -.infinity, upper: 4),
        OperatorCase(label: "3·(x + 2z) ≥ y", build: { x, y, z in 3 * (x + 2 * z) >= y }, coefficients: [0: 3, 1: -1, 2: 6], lower: 0, upper: .infinity),
        OperatorCase(label: "(x + y)·0.5 ≤ z + y", build: { x, y, z in (x + y) * 0.5 <= z + y }, coefficients: [0: 0.5, 1: -0.5, 2: -1], lower: -.infinity, upper: 0),
        OperatorCase(label: "y − (x + z) == 2", build: { x, y, z in y - (x + z) == 2 }, coefficients: [0: -1, 1: 1, 2: -1], lower: 2, upper: 2),
        OperatorCase(label: "x ≤ 5 on a bare variable", build: { x, _, _ in x <= 5 }, coefficients: [0: 1], lower: -.infinity, upper: 5),
        OperatorCase(label: "x == 1.5 on a bare variable", build: { x, _, _ in x == 1.5 }, coefficients: [0: 1], lower: 1.5, upper: 1.5),
        OperatorCase(label: "x + x + 2x ≥ 8 (merged)", build: { x, _, _ in x + x + 2 * x >= 8 }, coefficients: [0: 4], lower: 8, upper: .infinity),
        OperatorCase(label: "x − x + y ≤ 1 (x cancels)", build: { x, y, _ in x - x + y <= 1 }, coefficients: [1: 1], lower: -.infinity, upper: 1),
        OperatorCase(label: "0·z + y ≤ 1 (zero dropped)", build: { _, y, z in 0 * z + y <= 1 }, coefficients: [1: 1], lower: -.infinity, upper: 1),
        OperatorCase(label: "x + 3 ≤ 10 (constant moved)", build: { x, _, _ in LinearExpression(x) + 3 <= 10 }, coefficients: [0: 1], lower: -.infinity, upper: 7),
        OperatorCase(label: "x + 3 ≥ y + 1 (constants on both sides)", build: { x, y, _ in LinearExpression(x) + 3 >= LinearExpression(y) + 1 }, coefficients: [0: 1, 1: -1], lower: -2, upper: .infinity),
        OperatorCase(label: "x − 4 == 0", build: { x, _, _ in LinearExpression(x) - 4 == 0 }, coefficients: [0: 1], lower: 4, upper: 4),
        OperatorCase(label: "2 ≤ x + y + 1 ≤ 5 (range with constant)", build: { x, y, _ in LinearConstraint(x + y + 1, in: 2...5) }, coefficients: [0: 1, 1: 1], lower: 1, upper: 4),
    ]

    @Test(arguments: operatorCases)
    func constraintBecomesARow(_ c: OperatorCase) {
        var (m, x, y, z) = Self.xyz()
        let handle = m.add(c.build(x, y, z), name: "r")
        #expect(handle.index == 0)
        #expect(m.constraintCount == 1)
        #expect(Self.row(m, handle) == c.coefficients)
        #expect(m.problem.rowLower[0] == c.lower && m.problem.rowUpper[0] == c.upper)
        #expect(m.name(of: handle) == "r")
    }

    @Test func compoundAssignmentAndSums() {
        var (m, x, y, z) = Self.xyz()
        var e = LinearExpression()
        e += x
        e += 2 * y
        e -= z
        e -= 0.5 * x
        e.add(y, 3)
        let nothing: Variable? = nil
        e.add(nothing, 100)  // a missing family member adds nothing
        e = e + 1
        let c = m.add(e <= 11)
        #expect(Self.row(m, c) == [x.index: 0.5, y.index: 5, z.index: -1])
        #expect(m.problem.rowUpper[c.index] == 10)

        let s = m.add(LinearExpression.sum([x, y, z, x]) >= 1)
        #expect(Self.row(m, s) == [x.index: 2, y.index: 1, z.index: 1])
        let t = m.add(LinearExpression.sum([LinearExpression(x) + 1, LinearExpression(y) - 2, 2 * z]) == 0)
        #expect(Self.row(m, t) == [x.index: 1, y.index: 1, z.index: 2])
        #expect(m.problem.rowLower[t.index] == 1 && m.problem.rowUpper[t.index] == 1)
    }

    @Test func expressionValue() {
        let (_, x, y, z) = Self.xyz()
        let e = 2 * x - y + 0.5 * z + 4
        let values = [x: 1.0, y: 3.0, z: 8.0]
        #expect(e.value { values[$0]! } == 2 - 3 + 4 + 4)
    }

    @Test func objectiveMergesTermsKeepsTheConstantAndIsReplaced() throws {
        var (m, x, y, _) = Self.xyz()
        m.setObjective(3 * x + 10 * y, .maximize)
        m.setObjective(x + x + y + 5, .minimize)
        #expect(m.problem.sense == .minimize)
        #expect(m.problem.objective == [2, 1, 0])
        #expect(m.problem.objectiveConstant == 5)
        m.addObjective(y, 0.5)
        #expect(m.problem.objective == [2, 1.5, 0])
        m.add(x + y >= 2)
        let s = try m.solve()
        // min 2x + 1.5y + 5 with x + y ≥ 2: all on y, objective 3 + 5.
        #expect(s.status == .optimal && s.objective == 8 && s.value(y) == 2 && s.value(x) == 0)
    }

    @Test func boundsAndKinds() throws {
        var m = Model(sense: .maximize)
        let n = m.addVariable("n", lower: 0, upper: 10, kind: .integer, objective: 1)
        let b = m.addVariable("b", kind: .binary, objective: 3)
        let f = m.addVariable("f", lower: -.infinity, upper: .infinity)
        #expect(m.problem.columnUpper[b.index] == 1)
        m.setBounds(n, lower: 0, upper: 2.0)
        let c = m.add(n + 2 * b + f <= 3.5)
        m.add(f == 0)
        let s = try m.solve()
        // n ≤ 3.5 − 2b: b = 1 gives n = 1 (obj 4); b = 0 gives n = 2 (obj 2): b = 1, n = 1.
        #expect(s.status == .optimal && s.objective == 4)
        #expect(s.value(n) == 1 && s.value(b) == 1)
        m.setBounds(c, lower: -.infinity, upper: 5)
        // Now b = 1 leaves n ≤ 3, capped at 2 by its bound: 2 + 3.
        #expect(try m.solve().objective == 5)
    }

    /// What GLPK would abort on is refused as a typed error when the model is solved.
    @Test func invalidModelsThrowTypedErrors() {
        var m = Model()
        let x = m.addVariable("x", lower: 0, upper: 1)
        m.add(LinearExpression(x) + .nan <= 1)
        #expect((#expect(throws: ModelError.self) { try m.solve() })?.kind == .nonFinite)
        var n = Model()
        let v = n.addVariable("v", kind: .integer)
        n.setBounds(v, lower: 0.5, upper: 3)
        #expect((#expect(throws: ModelError.self) { try n.solve() })?.kind == .nonIntegralBound)
        var o = Model()
        let w = o.addVariable(String(repeating: "w", count: 300))
        o.add(w >= 1)
        #expect((#expect(throws: ModelError.self) { try o.solve() })?.kind == .invalidName)
        var p = Model()
        let u = p.addVariable("u")
        p.add(.infinity * u <= 1)
        #expect((#expect(throws: ModelError.self) { try p.solve() })?.kind == .nonFinite)
    }
}
