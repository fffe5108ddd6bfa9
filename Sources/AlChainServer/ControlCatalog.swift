import AlChainIO
import AlChainPlanning
import Foundation

/// The controls the page offers: what planners move, each an override key with its label in both languages,
/// its unit, its allowed range (`OverrideRanges`, the same the server checks) and its value in the base data.
enum ControlCatalog {
    /// One control.
    struct Control: Codable, Sendable {
        var key: String
        var group: String
        var labelZh: String
        var labelEn: String
        var unit: String
        var min: Double
        var max: Double
        var integer: Bool
        /// The value in the base data; for a build decision its planned year, nil (omitted) when it has none.
        var value: Double?
        var basis: String
        /// For a build decision (group `decision`): the years it may be forced into; the page also offers "the
        /// model decides" and "forbidden" (`forbidKey`).
        var choices: [Int]? = nil
        var forbidKey: String? = nil

        enum CodingKeys: String, CodingKey {
            case key, group, unit, min, max, integer, value, basis, choices
            case labelZh = "label_zh", labelEn = "label_en", forbidKey = "forbid_key"
        }
    }

    /// The controls for the base data `raw`, typed as `inputs`: targets (value and first year, the < 400 kA
    /// exit year among them), power prices, the carbon price, the index price and limit, build decisions forced
    /// into a year or forbidden, and projects' units and earliest years.
    static func controls(_ raw: RawInputs, _ inputs: PlanInputs) -> [Control] {
        var out: [Control] = []
        func add(_ key: String, _ group: String, _ zh: String, _ en: String) {
            guard let b = OverrideRanges.bound(key, in: raw), let v = value(key, raw) else { return }
            out.append(Control(key: key, group: group, labelZh: zh, labelEn: en, unit: b.unit, min: b.min, max: b.max, integer: b.integer, value: v, basis: b.basis))
        }
        let clusterZh = Dictionary(uniqueKeysWithValues: inputs.clusters.map { ($0.id, $0.nameZh) })
        let clusterEn = Dictionary(uniqueKeysWithValues: inputs.clusters.map { ($0.id, $0.nameEn) })
        for t in inputs.targets where t.enabled {
            let metric = inputs.chain.metric(t.metric)
            let scopeZh = t.scope == PlanScope.province ? "" : "·" + (clusterZh[t.scope] ?? t.scope)
            let scopeEn = t.scope == PlanScope.province ? "" : " · " + (clusterEn[t.scope] ?? t.scope)
            let zh = (metric?.nameZh ?? t.metric) + scopeZh, en = (metric?.nameEn ?? t.metric) + scopeEn
            if t.id == "cell-exit" {
                add("targets.\(t.id).from_year", "exit", "400kA以下电解槽退出年份", "year of the < 400 kA cell exit")
            } else {
                add("targets.\(t.id).value", "target", zh, en)
                add("targets.\(t.id).from_year", "target", zh + " 起始年", en + " from year")
            }
        }
        for p in inputs.power {
            let c = p.cluster
            add("power.\(c):\(p.id).price_yuan_per_kwh", "power", "电价 \(clusterZh[c] ?? c)·\(p.nameZh)", "power price \(clusterEn[c] ?? c) · \(p.id)")
        }
        add("settings.energy.co2_price_yuan_per_t", "price", "碳价", "carbon price")
        add("settings.replacement.index_price_yuan_per_t", "index", "产能指标价格", "capacity index price")
        add("settings.replacement.max_index_purchase_t", "index", "省外产能指标购买上限", "capacity indices obtainable from outside")
        out += decisions(raw, inputs)
        var seen = Set<String>()
        for c in inputs.candidates where (c.process.hasPrefix("smelt_") || !(c.project ?? "").isEmpty) && seen.insert(c.id).inserted {
            add("candidates.\(c.id).max_units", "project", c.nameZh + "（0 = 不建）", c.nameEn + " (0 = forbidden)")
            add("candidates.\(c.id).earliest_year", "project", c.nameZh + " 最早投产年", c.nameEn + " earliest year")
        }
        return out
    }

    /// Forcing or forbidding a build: one control per potline candidate and per named project (a project's rows
    /// are one go/no-go decision, so its first row's `planned_year` commits and its `forbidden` forbids them all).
    /// The years offered are the model years within the candidate's year range (`OverrideRanges`) after the base
    /// year, as the loader requires of a planned year.
    static func decisions(_ raw: RawInputs, _ inputs: PlanInputs) -> [Control] {
        var out: [Control] = []
        var projects = Set<String>()
        for c in inputs.candidates where c.process.hasPrefix("smelt_") || !(c.project ?? "").isEmpty {
            let project = c.project ?? ""
            guard project.isEmpty || projects.insert(project).inserted,
                  let b = OverrideRanges.bound("candidates.\(c.id).earliest_year", in: raw) else { continue }
            let years = inputs.settings.years.filter { $0 > inputs.settings.baseYear && Double($0) >= b.min && Double($0) <= b.max }
            guard let first = years.first, let last = years.last else { continue }
            let rows = inputs.candidates.filter { !project.isEmpty && $0.project == project }
            // A project of several rows is named without the row's own part: "清镇经开区再生铝产业园(旧废铝)" → "清镇经开区再生铝产业园".
            let zh = rows.count > 1 ? projectName(c.nameZh) : c.nameZh, en = rows.count > 1 ? projectName(c.nameEn) : c.nameEn
            out.append(Control(key: "candidates.\(c.id).planned_year", group: "decision", labelZh: zh, labelEn: en, unit: "year",
                               min: Double(first), max: Double(last), integer: true, value: c.plannedYear.map(Double.init),
                               basis: "a model year after the base year, within \(b.basis)", choices: years,
                               forbidKey: "candidates.\(c.id).forbidden"))
        }
        return out
    }

    /// A project's name from one of its rows' names: the text before a final "(…)", "（…）" or ", …".
    static func projectName(_ name: String) -> String {
        for mark in ["(", "（", ", "] {
            if let r = name.range(of: mark, options: .backwards), r.lowerBound > name.startIndex {
                return String(name[..<r.lowerBound]).trimmingCharacters(in: .whitespaces)
            }
        }
        return name
    }

    /// The value of an override key in the base data (a number), or nil.
    static func value(_ key: String, _ raw: RawInputs) -> Double? {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 else { return nil }
        if parts[0] == "settings" { return try? raw.settings.number(parts[1] + "." + parts[2]) }
        guard let table = raw.tables[parts[0]], let keys = ScenarioApplier.keyColumns[parts[0]] else { return nil }
        let wanted = parts[1].split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let row = table.rows.first { r in zip(keys, wanted).allSatisfy { (try? r.text($0.0)) == $0.1 } }
        if parts[2] == "from_year" || parts[2] == "earliest_year", let row, (try? row.text(parts[2]))?.isEmpty == true {
            return (try? raw.settings.numbers("years"))?.first
        }
        return row.flatMap { try? $0.number(parts[2]) }
    }
}
