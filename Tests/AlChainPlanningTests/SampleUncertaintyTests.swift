import AlChainIO
@testable import AlChainPlanning
import Foundation
import Testing

/// Issue 12: `uncertainty.csv` is read like every table (file, line, column in each error), its ranges are held
/// to the keys' physical bounds, and the Latin hypercube design is reproducible and stratified.
@Suite struct SampleUncertaintyTests {
    static let header = "key,scale,distribution,low,mode,high,mean,sd,source\n"

    /// Reads `rows` (after the header) as an uncertainty file against the shipped data; returns the error's text.
    static func error(_ rows: String) throws -> String? {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("alchain-uncertainty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("uncertainty.csv")
        try Data((header + rows).utf8).write(to: file)
        do {
            _ = try UncertaintyTable.read(file.path, base: try RawInputs.read(Locations.guizhou))
            return nil
        } catch let e as DataError {
            return e.description.replacingOccurrences(of: file.path, with: "uncertainty.csv")
        }
    }

    @Test func shippedFileReadsAndCoversTheAssumedInputs() throws {
        let parameters = try UncertaintyTable.read(Locations.guizhou.inputsDirectory + "/uncertainty.csv", base: try RawInputs.read(Locations.guizhou))
        let keys = parameters.map(\.key)
        for needed in ["candidates.*.capex_yuan_per_t", "prices.al_ingot:.sale_price_yuan_per_t", "settings.replacement.index_price_yuan_per_t",
                       "power.*:grid.price_yuan_per_kwh", "power.*:captive_coal.price_yuan_per_kwh", "scrap_arisings.*.eol_scrap_t", "market.*:2030.max_sales_t", "market.*:2035.max_sales_t"] {
            #expect(keys.contains(needed), "\(needed)")
        }
        #expect(Set(parameters.map(\.distribution)) == Set(UncertainParameter.Distribution.allCases))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let rows: String
        let message: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "unknown distribution", rows: "market.*.max_sales_t,factor,beta,0.8,1,1.2,,,x\n",
             message: "uncertainty.csv:2: column 'distribution': expected one of uniform, triangular, normal, lognormal, found 'beta' [unknown-value]"),
        Case(name: "unknown table", rows: "demand.*.max_sales_t,factor,uniform,0.8,,1.2,,,x\n",
             message: "uncertainty.csv:2: column 'key': expected settings or a table (calibration, candidates, clusters, commodities, cost_categories, market, plants, power, prices, process_io, processes, scrap_arisings, targets, transport), found 'demand' [unknown-key]"),
        Case(name: "unknown row", rows: "power.*:nuclear.price_yuan_per_kwh,factor,uniform,0.9,,1.1,,,x\n",
             message: "uncertainty.csv:2: column 'key': expected a row of Inputs/guizhou/power.csv keyed cluster:source_id, found '*:nuclear' [unknown-row]"),
        Case(name: "missing parameter", rows: "market.*.max_sales_t,factor,triangular,0.8,,1.2,,,x\n",
             message: "uncertainty.csv:2: column 'mode': expected a number (a triangular distribution takes low, mode, high), found an empty field [missing-value]"),
        Case(name: "parameter of another distribution", rows: "market.*.max_sales_t,factor,uniform,0.8,1,1.2,,,x\n",
             message: "uncertainty.csv:2: column 'mode': expected an empty field (a uniform distribution takes low, high), found '1' [unknown-value]"),
        Case(name: "high below low", rows: "market.*.max_sales_t,factor,uniform,1.2,,0.8,,,x\n",
             message: "uncertainty.csv:2: column 'high': expected a value ≥ low (1.2), found '0.8' [out-of-range]"),
        Case(name: "negative sd", rows: "market.*.max_sales_t,factor,normal,,,,1,-0.1,x\n",
             message: "uncertainty.csv:2: column 'sd': expected a standard deviation ≥ 0, found '-0.1' [out-of-range]"),
        Case(name: "power price beyond its physical range", rows: "\n".join([
            "market.*.max_sales_t,factor,uniform,0.8,,1.2,,,x",
            "power.*:grid.price_yuan_per_kwh,factor,uniform,0.5,,1.1,,,x"]) + "\n",
             message: "uncertainty.csv:3: column 'low': expected a factor in 0.595–1.905, which keeps every selected value 0.25–0.8 元/kWh, the usual price of industrial power (as validate), found '0.5' [out-of-range]"),
        Case(name: "index price above its bound", rows: "settings.replacement.index_price_yuan_per_t,value,triangular,5000,10000,60000,,,x\n",
             message: "uncertainty.csv:2: column 'high': expected a value in 0–50000 (0–50000 元/t, 0 to 5× the price in settings.toml), found '60000' [out-of-range]"),
        Case(name: "negative factor", rows: "scrap_arisings.*.eol_scrap_t,factor,normal,-0.5,,1.5,1,0.2,x\n",
             message: "uncertainty.csv:2: column 'low': expected a factor ≥ 0 (not negative), found '-0.5' [out-of-range]"),
        Case(name: "value over several rows", rows: "power.*:grid.price_yuan_per_kwh,value,uniform,0.4,,0.5,,,x\n",
             message: "uncertainty.csv:2: column 'scale': expected factor for a key over several rows (each row keeps its own value, multiplied), found 'value' [unknown-value]"),
        Case(name: "duplicate key", rows: "market.*.max_sales_t,factor,uniform,0.8,,1.2,,,x\nmarket.*.max_sales_t,factor,uniform,0.9,,1.1,,,x\n",
             message: "uncertainty.csv:3: column 'key': expected a unique key (first seen on line 2), found 'market.*.max_sales_t' [duplicate-key]"),
        Case(name: "no source", rows: "market.*.max_sales_t,factor,uniform,0.8,,1.2,,,\n",
             message: "uncertainty.csv:2: column 'source': expected a value, found an empty field [missing-value]"),
    ]

    @Test(arguments: cases) func rejectsWithLocatedMessage(_ c: Case) throws {
        let got = try Self.error(c.rows)
        #expect(got == c.message, "\(got ?? "no error")")
    }

    @Test func latinHypercubeIsStratifiedAndFixedBySeed() {
        let n = 50
        let a = LatinHypercube.design(draws: n, parameters: 3, seed: 42)
        #expect(a == LatinHypercube.design(draws: n, parameters: 3, seed: 42))
        #expect(a != LatinHypercube.design(draws: n, parameters: 3, seed: 43))
        for k in 0 ..< 3 {
            // Every stratum [i/n, (i+1)/n) holds exactly one draw of each parameter.
            #expect(Set(a.map { Int($0[k] * Double(n)) }) == Set(0 ..< n))
        }
    }

    /// A draw stopped at the time limit with a plan counts in the shares and percentiles (leaving it out would
    /// drop exactly the draws whose data make the plan hardest); one without a plan, or infeasible, does not.
    @Test func drawsStoppedAtTheTimeLimitWithAPlanCountInTheSummaries() {
        func record(_ draw: Int, _ status: String, _ decisions: [String], objective: Double?) -> DrawRecord {
            DrawRecord(draw: draw, values: [], status: status, objectiveMillionYuan: objective, message: nil, headline: [["mip_gap", "0.002"]],
                       decisions: decisions, figures: objective.map { ["objective|cost||million_yuan": $0] } ?? [:], solveSeconds: 1)
        }
        let records = [record(1, "optimal", ["build|a|2027"], objective: -10), record(2, "time_limit", ["build|a|2027", "build|b|2028"], objective: -9),
                       record(3, "infeasible", [], objective: nil), record(4, "time_limit", [], objective: nil)]
        let (withPlan, count) = SampleOutputs.shares(records)
        #expect(withPlan == 2 && count == ["build|a|2027": 2, "build|b|2028": 1])
        #expect(records.map(\.hasPlan) == [true, true, false, false] && records[1].mipGap == 0.002)
        let percentiles = String(decoding: SampleOutputs.percentiles(records).data(), as: UTF8.self)
        #expect(percentiles.contains("objective,cost,,million_yuan,2,-10,-10,-10,-9,-9"), "\(percentiles)")
    }

    @Test func quantilesStayInRangeAndMatchTheDistribution() {
        func p(_ d: UncertainParameter.Distribution, low: Double?, mode: Double? = nil, high: Double?, mean: Double? = nil, sd: Double? = nil,
               lower: Double, upper: Double) -> UncertainParameter {
            UncertainParameter(key: "k", scale: .factor, distribution: d, low: low, mode: mode, high: high, mean: mean, sd: sd, source: "", origin: "",
                               lower: lower, upper: upper)
        }
        let normal = p(.normal, low: 0.8, high: 1.2, mean: 1, sd: 0.1, lower: 0.8, upper: 1.2)
        #expect(abs(normal.quantile(0.5) - 1) < 1e-9)
        #expect(abs(normal.quantile(UncertainParameter.normalCDF(1) - 0.5 + 0.5) - 1) > 0)  // off-centre is not the mean
        #expect(abs(UncertainParameter.normalQuantile(0.975) - 1.959963984540054) < 1e-9)
        let tri = p(.triangular, low: 0, mode: 1, high: 2, lower: 0, upper: 2)
        #expect(abs(tri.quantile(0.5) - 1) < 1e-12)
        #expect(abs(tri.quantile(0.125) - 0.5) < 1e-12)  // F(0.5) = 0.5² / 2
        let logn = p(.lognormal, low: 0.6, high: 1.6, mean: 1, sd: 0.2, lower: 0.6, upper: 1.6)
        let draws = (0 ..< 2000).map { logn.quantile((Double($0) + 0.5) / 2000) }
        #expect(draws.allSatisfy { (0.6...1.6).contains($0) })
        #expect(abs(draws.reduce(0, +) / 2000 - 1) < 0.01)  // the mean is the given one (truncation is far in the tails)
        #expect(p(.lognormal, low: nil, high: nil, mean: 1.3, sd: 0, lower: 0, upper: 10).quantile(0.9) == 1.3)
    }
}

extension String {
    fileprivate func join(_ parts: [String]) -> String { parts.joined(separator: self) }
}
