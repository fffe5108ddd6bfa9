import AlChainIO
import AlChainPlanning
import Foundation
import Testing

/// The slips a person makes typing a what-if (issue 10, item 5): each is found, located at the `--set` key,
/// and described with the exact message a planner reads.
@Suite struct SlipValidationTests {
    /// The one finding `sets` add to the base data's.
    static func only(_ sets: [(String, TOMLNode)]) throws -> InputValidation.Finding {
        let base = try ExplainTests.baseFindings()
        let (raw, inputs) = try ExplainTests.prepare(sets)
        let found = ExplainTests.newFindings(raw, inputs, base: base)
        #expect(found.count == 1, "\(found)")
        let f = try #require(found.first)
        #expect(f.file == ExplainTests.overrideFile && f.line == nil && f.column == sets[0].0, "\(f)")
        return f
    }

    /// `--set targets.recycled-share.value=0.25` meant 25 %, and is read as 0.25 %.
    @Test func percentTargetGivenAsAFractionWarns() throws {
        let f = try Self.only([("targets.recycled-share.value", .double(0.25))])
        #expect(f.severity == .warning && f.rule == "percent-as-fraction")
        #expect(f.message == "recycled-share: 0.25 % looks like a fraction; percentage targets are written in percent (25 for 25 %)")
    }

    /// A whole-percent target above 1 is not a slip.
    @Test func percentTargetInPercentIsQuiet() throws {
        let base = try ExplainTests.baseFindings()
        let (raw, inputs) = try ExplainTests.prepare([("targets.recycled-share.value", .double(25))])
        #expect(ExplainTests.newFindings(raw, inputs, base: base).isEmpty)
    }

    /// Alumina's sale price typed in 万元/t (0.31 for 3,100 元/t): 10,968× below its import and value prices.
    @Test func priceIn10kYuanIsCaughtAndCalledSmaller() throws {
        let f = try Self.only([("prices.alumina:.sale_price_yuan_per_t", .double(0.31))])
        #expect(f.severity == .error && f.rule == "unit-slip")
        #expect(f.message == "0.31 is 10968× smaller than the median 3400 of the other prices of 'alumina' — a unit slip (万 typed, e.g. 万元 for 元?)?")
    }

    /// Huajin's 1,600 kt of alumina typed in kt (1600 for 1,600,000 t): 500× below the other refineries'
    /// 800,000 t — a warning that says "smaller" (it said "500× the median" before).
    @Test func capacityInKtIsCalledSmaller() throws {
        let f = try Self.only([("plants.refine_huajin.capacity_t", .integer(1600))])
        #expect(f.severity == .warning && f.rule == "unit-slip")
        #expect(f.message == "1600 is 500× smaller than the median 800000 of its stage 'refining' — a unit slip (thousands typed, e.g. kt for t?)?")
    }

    /// Huaren's 500 kt typed in kilograms is "larger" (and an error beyond 1,000×).
    @Test func capacityInKgIsCalledLarger() throws {
        let f = try Self.only([("plants.smelt_huaren.capacity_t", .integer(500_000_000))])
        #expect(f.severity == .error && f.rule == "unit-slip")
        #expect(f.message == "500000000 is 2000× larger than the median 250000 of its stage 'smelting' — a unit slip (e.g. kg for t?)?")
    }
}
