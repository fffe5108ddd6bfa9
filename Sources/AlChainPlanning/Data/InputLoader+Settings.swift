import AlChainIO
import Foundation

/// `settings.toml`, as `SettingsSchema` declares it.
extension InputLoader {
    /// Settings as `SettingsSchema` declares them; any other key is an error (a typo must not pass silently).
    static func loadSettings(_ doc: TOMLDocument) throws -> PlanSettings {
        try doc.rejectUnknownKeys(SettingsSchema.fileKeys)
        /// The schema's default of a key (every key read below is declared; a missing declaration is a bug).
        func declared(_ key: String) -> SettingDeclaration { SettingsSchema.declaration(key)! }
        let years = try doc.numbers("years").enumerated().map { (i, x) throws(DataError) -> Int in
            guard let year = NumericPolicy.wholeNumber(x, in: 1900...2200) else {
                throw DataError(file: doc.file, line: doc.line(of: "years"), column: "years[\(i)]", expected: "a whole year between 1900 and 2200", found: "\(x)", rule: "bad-years")
            }
            return year
        }
        guard !years.isEmpty, years == years.sorted(), Set(years).count == years.count else {
            throw DataError(file: doc.file, column: "years", expected: "a non-empty list of increasing years", found: years.map(String.init).joined(separator: ", "), rule: "bad-years")
        }
        let weights = try doc.node("year_weights") == nil ? years.map { _ in 1.0 } : doc.numbers("year_weights")
        guard weights.count == years.count, weights.allSatisfy({ $0 > 0 }) else {
            throw DataError(file: doc.file, column: "year_weights", expected: "one positive weight per year (\(years.count))", found: weights.map { "\($0)" }.joined(separator: ", "), rule: "bad-weights")
        }
        let baseYear = try doc.integer("base_year")
        guard years.contains(baseYear) else {
            throw DataError(file: doc.file, column: "base_year", expected: "one of the model years", found: "\(baseYear)", rule: "bad-years")
        }
        let objectiveText = try doc.string("objective", default: declared("objective").defaultValue!)
        guard let objective = PlanSettings.Objective(rawValue: objectiveText) else {
            throw DataError(file: doc.file, column: "objective", expected: "cost or value", found: objectiveText, rule: "unknown-value")
        }
        /// A numeric setting: its declared default when absent; outside its declared range an error.
        func declaredNumber(_ key: String) throws -> Double {
            let declaration = declared(key)
            let x = try declaration.defaultNumber.map { try doc.number(key, default: $0) } ?? doc.number(key)
            if let range = declaration.range, !range.contains(x) {
                let (expected, rule) = range.expectation("a number", unit: declaration.unit)
                throw DataError(file: doc.file, column: key, expected: expected, found: "\(x)", rule: rule)
            }
            return x
        }
        let rate = try declaredNumber("discount_rate")
        var settings = PlanSettings(
            name: try doc.string("name", default: declared("name").defaultValue!),
            description: try doc.string("description", default: declared("description").defaultValue!),
            years: years, yearWeights: weights, baseYear: baseYear, discountRate: rate, objective: objective,
            replacementRatio: try declaredNumber("replacement.ratio"), minCellKA: try declaredNumber("replacement.min_cell_ka"),
            maxNewLineACKWhPerT: try declaredNumber("replacement.max_ac_kwh_per_t"),
            quotaT: try declaredNumber("replacement.quota_t"), indexPricePerT: try declaredNumber("replacement.index_price_yuan_per_t"),
            maxIndexPurchaseT: try declaredNumber("replacement.max_index_purchase_t"),
            forbidNewDiasporicRefining: try doc.bool("refining.forbid_new_diasporic_refining",
                                                     default: declared("refining.forbid_new_diasporic_refining").defaultValue == "true"),
            benchmarkACKWhPerT: try declaredNumber("energy.benchmark_ac_kwh_per_t"),
            baselineACKWhPerT: try declaredNumber("energy.baseline_ac_kwh_per_t"),
            roadPerTKm: try declaredNumber("transport.road_yuan_per_tkm"), railPerTKm: try declaredNumber("transport.rail_yuan_per_tkm"),
            railFixedPerT: try declaredNumber("transport.rail_fixed_yuan_per_t"),
            gasPricePerM3: try declaredNumber("energy.gas_price_yuan_per_m3"), co2PricePerT: try declaredNumber("energy.co2_price_yuan_per_t"),
            mipGap: try declaredNumber("solver.mip_gap"), timeLimitSeconds: try declaredNumber("solver.time_limit_s"),
            roadFixedPerT: try declaredNumber("transport.road_fixed_yuan_per_t"),
            restrictedOre: try doc.string("refining.restricted_ore", default: declared("refining.restricted_ore").defaultValue!))
        for stage in Stage.allCases where stage != .mining {
            let key = "lead_times.\(stage.rawValue)"
            let years = doc.node(key) == nil ? 1 : try doc.integer(key)
            let range = declared(key).range!
            guard range.contains(Double(years)) else {
                throw DataError(file: doc.file, column: key, expected: "a whole number of years from \(Int(range.lower)) to \(Int(range.upper)) (the base year is observed, so new capacity runs one year later at the earliest)", found: "\(years)", rule: "out-of-range")
            }
            settings.leadTimeYears[stage] = years
        }
        settings.scrapCollectionPerT = try doc.node("scrap.collection_yuan_per_t") == nil ? nil : declaredNumber("scrap.collection_yuan_per_t")
        settings.scrapImportHaulagePerT = try declaredNumber("scrap.import_haulage_yuan_per_t")
        return settings
    }
}
