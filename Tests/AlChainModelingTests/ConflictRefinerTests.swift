import AlChainModeling
import AlChainSolver
import Foundation
import Testing

/// The conflict refiner on small models whose irreducible infeasible subsets are known by hand, and handles
/// that know their model.
@Suite struct ConflictRefinerTests {
    let options = SolverOptions()

    /// Labels of the conflict's members.
    func conflict(_ model: Model, _ groups: [ConstraintGroup<String>]) throws -> (labels: Set<String>, conflict: ConflictRefiner<String>.Conflict) {
        let c = try ConflictRefiner(model, groups: groups).conflict(options: options, timeLimit: 30)
        return (Set(c.members.map { groups[$0].label }), c)
    }

    /// x ≥ 5 against x ≤ 3; y ≤ 10 and x + y ≤ 100 play no part. The IIS is {x ≥ 5, x ≤ 3}.
    @Test func twoBoundsThatClash() throws {
        var m = Model()
        let x = m.addVariable("x"), y = m.addVariable("y")
        let groups = [
            ConstraintGroup("y ≤ 10", [m.add(y <= 10)]),
            ConstraintGroup("x ≥ 5", [m.add(x >= 5)]),
            ConstraintGroup("x + y ≤ 100", [m.add(x + y <= 100)]),
            ConstraintGroup("x ≤ 3", [m.add(x <= 3)]),
        ]
        let (labels, c) = try conflict(m, groups)
        #expect(labels == ["x ≥ 5", "x ≤ 3"])
        #expect(c.complete && !c.feasible && c.members == [1, 3])
    }

    /// x + y ≥ 10 against x ≤ 4 and y ≤ 4 (a conflict of three), next to a feasible z-part; then the two caps as
    /// one group: the conflict names the group once.
    @Test func threeMemberConflictAndAGroupOfTwo() throws {
        var m = Model()
        let x = m.addVariable("x"), y = m.addVariable("y"), z = m.addVariable("z")
        let demand = m.add(x + y >= 10), capX = m.add(x <= 4), capY = m.add(y <= 4)
        let zLow = m.add(z >= 1), zHigh = m.add(z <= 5)
        let single = [ConstraintGroup("demand", [demand]), ConstraintGroup("z ≥ 1", [zLow]), ConstraintGroup("cap x", [capX]),
                      ConstraintGroup("z ≤ 5", [zHigh]), ConstraintGroup("cap y", [capY])]
        #expect(try conflict(m, single).labels == ["demand", "cap x", "cap y"])
        let grouped = [ConstraintGroup("z", [zLow, zHigh]), ConstraintGroup("caps", [capX, capY]), ConstraintGroup("demand", [demand])]
        let (labels, c) = try conflict(m, grouped)
        #expect(labels == ["caps", "demand"] && c.members == [1, 2])
    }

    /// Two disjoint conflicts: an irreducible subset is one of them, whole, and never a mix.
    @Test func oneOfTwoDisjointConflicts() throws {
        var m = Model()
        let x = m.addVariable("x"), y = m.addVariable("y")
        let groups = [ConstraintGroup("x ≥ 5", [m.add(x >= 5)]), ConstraintGroup("x ≤ 3", [m.add(x <= 3)]),
                      ConstraintGroup("y ≥ 8", [m.add(y >= 8)]), ConstraintGroup("y ≤ 2", [m.add(y <= 2)])]
        let labels = try conflict(m, groups).labels
        #expect(labels == ["x ≥ 5", "x ≤ 3"] || labels == ["y ≥ 8", "y ≤ 2"], "\(labels)")
    }

    /// 2x = 1 with x integer: the LP relaxation is feasible (x = ½), so the elastic filter finds nothing and the
    /// deletion filter works from all groups. The IIS is both sides; y ≤ 7 plays no part.
    @Test func conflictThatNeedsIntegrality() throws {
        var m = Model()
        let x = m.addVariable("x", upper: 10, kind: .integer), y = m.addVariable("y")
        let groups = [ConstraintGroup("y ≤ 7", [m.add(y <= 7)]), ConstraintGroup("2x ≥ 1", [m.add(2 * x >= 1)]),
                      ConstraintGroup("2x ≤ 1", [m.add(2 * x <= 1)])]
        let (labels, c) = try conflict(m, groups)
        #expect(labels == ["2x ≥ 1", "2x ≤ 1"] && c.complete)
    }

    /// A model infeasible outside the groups (x's lower bound 5 against an ungrouped x ≤ 3): no group is in the
    /// conflict, and relaxing the groups does not help.
    @Test func infeasibleOutsideTheGroups() throws {
        var m = Model()
        let x = m.addVariable("x", lower: 5), y = m.addVariable("y")
        m.add(x <= 3)
        let groups = [ConstraintGroup("y ≤ 1", [m.add(y <= 1)])]
        let refiner = try ConflictRefiner(m, groups: groups)
        let c = try refiner.conflict(options: options, timeLimit: 30)
        #expect(c.members.isEmpty && c.complete && !c.feasible)
        #expect(try refiner.relaxation(options: options) == .infeasibleOutsideGroups)
    }

    /// A feasible model has no conflict.
    @Test func feasibleModelHasNoConflict() throws {
        var m = Model()
        let x = m.addVariable("x")
        let groups = [ConstraintGroup("x ≤ 3", [m.add(x <= 3)]), ConstraintGroup("x ≥ 1", [m.add(x >= 1)])]
        let (labels, c) = try conflict(m, groups)
        #expect(labels.isEmpty && c.feasible)
    }

    /// The elastic relaxation moves the cheapest sides by the smallest total: with x ≤ 3 hard, x ≥ 5 falls short
    /// by 2; an equality y = 4 against y ≤ 1 (hard) gives way on its lower side by 3; the feasible group stays.
    @Test func relaxationNamesSidesAndAmounts() throws {
        var m = Model()
        let x = m.addVariable("x"), y = m.addVariable("y")
        m.add(x <= 3)
        m.add(y <= 1)
        let target = m.add(x >= 5), equal = m.add(y == 4), loose = m.add(x + y <= 50)
        let groups = [ConstraintGroup("x ≥ 5", [target]), ConstraintGroup("loose", [loose]), ConstraintGroup("y = 4", [equal])]
        let relaxation = try ConflictRefiner(m, groups: groups).relaxation(options: options)
        guard case .violations(let v) = relaxation else { Issue.record("\(relaxation)"); return }
        #expect(v.count == 2)
        #expect(v.map(\.group) == [0, 2] && v.map(\.constraint) == [target, equal] && v.map(\.side) == [.lower, .lower])
        #expect(abs(v[0].amount - 2) < 1e-9 && abs(v[1].amount - 3) < 1e-9)
    }

    /// Two overlapping conflicts (lower limits whose sum exceeds a cap, and two of them against a tighter cap):
    /// the answer is one of them, checked infeasible and irreducible by direct solves.
    @Test func everyAnswerIsInfeasibleAndIrreducible() throws {
        var m = Model()
        let v = (0..<4).map { m.addVariable("v\($0)") }
        var groups: [ConstraintGroup<String>] = []
        for i in 0..<4 { groups.append(ConstraintGroup("v\(i) ≥ \(i + 1)", [m.add(v[i] >= Double(i + 1))])) }  // Σ ≥ 10, or 9 without v0
        groups.append(ConstraintGroup("Σ ≤ 8", [m.add(LinearExpression.sum(v) <= 8)]))
        groups.append(ConstraintGroup("v0 + v1 ≤ 2", [m.add(v[0] + v[1] <= 2)]))  // with v0 ≥ 1, v1 ≥ 2: a second conflict
        let refiner = try ConflictRefiner(m, groups: groups)
        let c = try refiner.conflict(options: options, timeLimit: 30)
        var solves = 0
        let far = Date().addingTimeInterval(30)
        #expect(try refiner.isInfeasible(keeping: Set(c.members), options: options, deadline: far, solves: &solves) == true)
        for g in c.members {
            #expect(try refiner.isInfeasible(keeping: Set(c.members).subtracting([g]), options: options, deadline: far, solves: &solves) == false,
                    "\(groups[g].label) is not needed")
        }
        let labels = Set(c.members.map { groups[$0].label })
        #expect(labels == ["v0 ≥ 1", "v1 ≥ 2", "v0 + v1 ≤ 2"] || labels == ["v1 ≥ 2", "v2 ≥ 3", "v3 ≥ 4", "Σ ≤ 8"], "\(labels)")
    }

    // MARK: - Handles that know their model

    /// A constraint of another model is refused with a typed error, not read as a wrong row.
    @Test func foreignConstraintIsATypedError() throws {
        var a = Model(), b = Model()
        let x = a.addVariable("x"), y = b.addVariable("y")
        let mine = a.add(x >= 1), theirs = b.add(y >= 1)
        #expect(mine.index == theirs.index)  // the same position: only the identity tells them apart
        #expect(a.owns(mine) && !a.owns(theirs) && !a.owns(y))
        let error = #expect(throws: HandleError.self) { try ConflictRefiner(a, groups: [ConstraintGroup("theirs", [theirs])]) }
        #expect(error?.kind == .notOwned(handle: b.identity, model: a.identity))
        #expect(throws: HandleError.self) { try a.check(y) }
        #expect(throws: Never.self) { try a.check(x) }
    }

    /// A solution of another model is refused with a typed error; one of a copy (integers fixed) is accepted.
    @Test func foreignSolutionIsATypedError() throws {
        var a = Model(), b = Model()
        let x = a.addVariable("x", upper: 3, kind: .integer), y = b.addVariable("y", upper: 3)
        a.setObjective(LinearExpression(x), .maximize)
        b.setObjective(LinearExpression(y), .maximize)
        let mine = try a.solve(), theirs = try b.solve()
        let error = #expect(throws: HandleError.self) { try a.check(theirs) }
        #expect(error?.kind == .notOwned(handle: b.identity, model: a.identity))
        #expect(throws: Never.self) { try a.check(mine) }
        #expect(throws: Never.self) { try a.check(try a.fixingIntegers(at: mine).solve()) }
    }

    /// A constraint added to a later copy belongs to the same model but not to the earlier copy.
    @Test func handleOfALaterCopyIsATypedError() throws {
        var m = Model()
        let x = m.addVariable("x")
        var later = m
        let extra = later.add(x <= 2)
        #expect(later.owns(extra) && !m.owns(extra) && later.identity == m.identity)
        let error = #expect(throws: HandleError.self) { try m.check(extra) }
        #expect(error?.kind == .notInThisCopy(position: 0, count: 0))
    }

    /// Handles order by creation, so the domain sorts by handle instead of by position.
    @Test func handlesOrderByCreation() {
        var m = Model()
        let a = m.addVariable("a"), b = m.addVariable("b")
        let r = m.add(a >= 0), s = m.add(b >= 0)
        #expect(a < b && !(b < a) && r < s)
        #expect(m.bounds(of: r) == (lower: 0, upper: .infinity))
    }
}
