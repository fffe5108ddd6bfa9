import AlChainIO
import Foundation

/// A region's CSV tables and the references between them.
extension InputLoader {
    static func loadClusters(_ t: CSVTable) throws -> [Cluster] {
        try TableSchema.of("clusters").check(t)
        var seenParks: [String: Int] = [:]
        return try t.rows.map { row in
            let parks = try row.list("parks")
            for p in parks {
                if let first = seenParks.updateValue(row.line, forKey: p) {
                    throw row.error("parks", expected: "each park in one cluster (also on line \(first))", found: p, rule: "duplicate-key")
                }
            }
            return Cluster(id: try checkID(row, "id"), nameZh: try row.text("name_zh"), nameEn: try row.text("name_en"), parks: parks, source: try row.requiredText("source"))
        }
    }

    static func checkCluster(_ row: CSVTable.Row, _ column: String, _ clusters: [Cluster], allowProvince: Bool = false) throws(DataError) -> String {
        let id = try row.requiredText(column)
        if allowProvince, id == PlanScope.province { return id }
        guard clusters.contains(where: { $0.id == id }) else {
            throw row.error(column, expected: "a cluster of clusters.csv (\(clusters.map(\.id).joined(separator: ", "))\(allowProvince ? " or province" : ""))", found: id, rule: "unknown-cluster")
        }
        return id
    }

    static func checkPark(_ row: CSVTable.Row, cluster: String, _ clusters: [Cluster]) throws(DataError) -> String {
        let park = try row.requiredText("park")
        let parks = clusters.first { $0.id == cluster }?.parks ?? []
        guard parks.contains(park) else {
            throw row.error("park", expected: "a park of cluster \(cluster) (\(parks.joined(separator: ", ")))", found: park, rule: "unknown-park")
        }
        return park
    }

    static func checkProcess(_ row: CSVTable.Row, _ chain: ChainDefinition) throws(DataError) -> String {
        let id = try row.requiredText("process")
        guard chain.process(id) != nil else {
            throw row.error("process", expected: "a process of Models/processes.csv", found: id, rule: "unknown-process")
        }
        return id
    }

    static func checkCommodity(_ row: CSVTable.Row, _ chain: ChainDefinition) throws(DataError) -> String {
        let id = try row.requiredText("commodity")
        guard chain.commodity(id) != nil else {
            throw row.error("commodity", expected: "a commodity of Models/commodities.csv", found: id, rule: "unknown-commodity")
        }
        return id
    }

    static func checkYear(_ row: CSVTable.Row, _ column: String, _ settings: PlanSettings, required: Bool = false) throws(DataError) -> Int? {
        // Type, blank and range are checked by `TableSchema.check` before any row is read.
        guard let y = try row.optionalInteger(column) else {
            if required { throw row.error(column, expected: "a year", found: "", rule: "missing-value") }
            return nil
        }
        return y
    }

    static func loadPlants(_ t: CSVTable, chain: ChainDefinition, clusters: [Cluster]) throws -> [Plant] {
        try TableSchema.of("plants").check(t)
        return try t.rows.map { row in
            let cluster = try checkCluster(row, "cluster", clusters)
            let capacity = try row.nonNegative("capacity_t")
            let unit = try row.optionalNonNegative("unit_t")
            if let unit {
                guard unit > 0 else { throw row.error("unit_t", expected: "a potline unit size > 0", found: "0", rule: "out-of-range") }
                let units = capacity / unit
                guard abs(units - units.rounded()) < 1e-6 else {
                    throw row.error("unit_t", expected: "a unit size that divides capacity_t (\(capacity)) into whole units", found: "\(unit)", rule: "whole-units")
                }
            }
            return Plant(
                id: try checkID(row, "id"), nameZh: try row.text("name_zh"), nameEn: try row.text("name_en"), cluster: cluster,
                park: try checkPark(row, cluster: cluster, clusters), process: try checkProcess(row, chain), capacityT: capacity,
                minUtilisation: try row.optionalFraction("min_utilisation") ?? 0, unitT: unit,
                retireYear: try row.optionalInteger("retire_year"), baseYearUtilisation: try row.optionalFraction("base_year_utilisation"),
                source: try row.requiredText("source"), line: row.line)
        }
    }

    static func loadCandidates(_ t: CSVTable, chain: ChainDefinition, clusters: [Cluster], settings: PlanSettings) throws -> [Candidate] {
        try TableSchema.of("candidates").check(t)
        return try t.rows.map { row in
            let cluster = try checkCluster(row, "cluster", clusters)
            let unit = try row.nonNegative("unit_t")
            guard unit > 0 else { throw row.error("unit_t", expected: "a unit size > 0", found: "0", rule: "out-of-range") }
            let maxUnits = try row.integer("max_units")
            let minBuild = try row.optionalNonNegative("min_build_t")
            if let minBuild, minBuild > unit * Double(maxUnits) {
                throw row.error("min_build_t", expected: "a smallest expansion ≤ unit_t × max_units = \(CSVWriter.number(unit * Double(maxUnits), decimals: 0)) t/yr",
                                found: CSVWriter.number(minBuild, decimals: 0), rule: "out-of-range")
            }
            var candidate = Candidate(
                id: try checkID(row, "id"), nameZh: try row.text("name_zh"), nameEn: try row.text("name_en"), cluster: cluster,
                park: try checkPark(row, cluster: cluster, clusters), process: try checkProcess(row, chain), unitT: unit,
                maxUnits: maxUnits, earliestYear: try checkYear(row, "earliest_year", settings) ?? settings.years[0],
                capexPerT: try row.nonNegative("capex_yuan_per_t"), fixedOMPerTYear: try row.optionalNonNegative("fixed_om_yuan_per_t_yr") ?? 0,
                project: try row.optionalText("project"), minUtilisation: try row.optionalFraction("min_utilisation") ?? 0,
                plannedYear: try checkPlannedYear(row, settings), forbidden: try row.flag("forbidden", default: false),
                source: try row.requiredText("source"), line: row.line)
            candidate.minBuildT = minBuild.flatMap { $0 > 0 ? $0 : nil }
            return candidate
        }
    }

    /// A committed project's planned year: a model year after the base year (the base year is observed).
    static func checkPlannedYear(_ row: CSVTable.Row, _ settings: PlanSettings) throws(DataError) -> Int? {
        guard let y = try checkYear(row, "planned_year", settings) else { return nil }
        guard y > settings.baseYear, settings.years.contains(y) else {
            throw row.error("planned_year", expected: "a model year after the base year \(settings.baseYear) (\(settings.years.dropFirst().map(String.init).joined(separator: ", ")))",
                            found: "\(y)", rule: "bad-years")
        }
        return y
    }

    static func loadPrices(_ t: CSVTable, chain: ChainDefinition, settings: PlanSettings) throws -> [PriceRow] {
        try TableSchema.of("prices").check(t)
        return try t.rows.map { row in
            _ = try row.requiredText("source")
            return PriceRow(
                commodity: try checkCommodity(row, chain), year: try checkYear(row, "year", settings),
                salePrice: try row.optionalNonNegative("sale_price_yuan_per_t"), importPrice: try row.optionalNonNegative("import_price_yuan_per_t"),
                valuePrice: try row.optionalNonNegative("value_price_yuan_per_t"))
        }
    }

    static func loadMarket(_ t: CSVTable, chain: ChainDefinition, settings: PlanSettings) throws -> [MarketRow] {
        try TableSchema.of("market").check(t)
        return try t.rows.map { row in
            _ = try row.requiredText("source")
            let r = MarketRow(
                commodity: try checkCommodity(row, chain), year: try checkYear(row, "year", settings),
                minSalesT: try row.optionalNonNegative("min_sales_t"), maxSalesT: try row.optionalNonNegative("max_sales_t"))
            if let lo = r.minSalesT, let hi = r.maxSalesT, lo > hi {
                throw row.error("min_sales_t", expected: "min_sales_t ≤ max_sales_t (\(hi))", found: "\(lo)", rule: "inverted-range")
            }
            return r
        }
    }

    static func loadScrap(_ t: CSVTable, clusters: [Cluster], settings: PlanSettings) throws -> [String: [Int: Double]] {
        try TableSchema.of("scrap_arisings").check(t)
        var out: [String: [Int: Double]] = [:]
        for row in t.rows {
            _ = try row.requiredText("source")
            let c = try checkCluster(row, "cluster", clusters)
            let y = try checkYear(row, "year", settings, required: true)!
            out[c, default: [:]][y] = try row.nonNegative("eol_scrap_t")
        }
        return out
    }

    static func loadTransport(_ t: CSVTable, clusters: [Cluster]) throws -> [TransportLink] {
        try TableSchema.of("transport").check(t)
        return try t.rows.map { row in
            _ = try row.requiredText("source")
            let from = try checkCluster(row, "from", clusters), to = try checkCluster(row, "to", clusters)
            guard from != to else { throw row.error("to", expected: "a cluster other than 'from'", found: to, rule: "self-link") }
            return TransportLink(from: from, to: to, mode: try row.choice("mode", TransportMode.allCases.map(\.rawValue)), distanceKm: try row.nonNegative("distance_km"))
        }
    }

    static func loadPower(_ t: CSVTable, clusters: [Cluster]) throws -> [PowerSource] {
        try TableSchema.of("power").check(t)
        return try t.rows.map { row in
            _ = try row.requiredText("source")
            let price = try row.nonNegative("price_yuan_per_kwh")
            return PowerSource(
                cluster: try checkCluster(row, "cluster", clusters), id: try checkID(row, "source_id"), nameZh: try row.text("name_zh"),
                pricePerKWh: price, co2KgPerKWh: try row.nonNegative("co2_kg_per_kwh"), clean: try row.flag("clean", default: false),
                maxShare: try row.optionalFraction("max_share"), baseYearGWh: try row.optionalNonNegative("base_year_gwh"))
        }
    }

    static func loadTargets(_ t: CSVTable, chain: ChainDefinition, clusters: [Cluster], settings: PlanSettings) throws -> [Target] {
        try TableSchema.of("targets").check(t)
        return try t.rows.map { row in
            let metric = try row.requiredText("metric")
            guard let m = chain.metric(metric) else {
                throw row.error("metric", expected: "a metric of Models/metrics.toml (\(chain.metrics.map(\.id).joined(separator: ", ")))", found: metric, rule: "unknown-metric")
            }
            let unit = try row.choice("unit", ["%", "t", "亿元"])
            if m.isRatio != (unit == "%") {
                throw row.error("unit", expected: m.isRatio ? "% for the ratio metric \(metric)" : "t or 亿元 for the total metric \(metric)", found: unit, rule: "unit-mismatch")
            }
            let value = try row.number("value")
            if unit == "%", !(0...100).contains(value) {
                throw row.error("value", expected: "a percentage between 0 and 100", found: "\(value)", rule: "out-of-range")
            }
            return Target(
                id: try checkID(row, "id"), metric: metric, scope: try checkCluster(row, "scope", clusters, allowProvince: true),
                op: Target.Op(rawValue: try row.choice("op", [">=", "<=", "="]))!, value: value, unit: unit,
                fromYear: try checkYear(row, "from_year", settings, required: true)!, toYear: try checkYear(row, "to_year", settings),
                enabled: try row.flag("enabled", default: true), source: try row.requiredText("source"), line: row.line)
        }
    }

    static func loadCalibration(_ t: CSVTable) throws -> [CalibrationFact] {
        try TableSchema.of("calibration").check(t)
        return try t.rows.map { row in
            CalibrationFact(
                fact: try row.requiredText("fact"), quantity: try row.requiredText("quantity"), scope: try row.requiredText("scope"),
                year: try row.integer("year"), value: try row.number("value"), unit: try row.text("unit"),
                tolerance: try row.optionalFraction("tolerance") ?? 0.05, source: try row.requiredText("source"))
        }
    }
}
