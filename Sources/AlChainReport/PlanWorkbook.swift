import Foundation

/// plan.xlsx: Decisions, Targets (years as columns), Capacity (unit × year), Flows, Costs (category × year)
/// and Power; numbers as numbers, units in the headers, names as in the data.
enum PlanWorkbook {
    static func workbook(_ run: RunFolder, language: Language) -> XLSXWriter {
        let zh = language == .zh, s = Strings(language)
        let years = run.years
        func n(_ x: Double?) -> XLSXWriter.Cell { x.map { $0.isFinite ? .number($0) : .empty } ?? .empty }
        var book = XLSXWriter()

        let decisions = Decision.of(run)
        book.sheets.append(.init(
            name: zh ? "决策" : "Decisions",
            header: zh ? ["年份", "决策", "单元编号", "单元名称", "集聚区", "园区", "工艺", "项目", "电解槽等级", "交流电耗(kWh/t)", "系列/条数", "产能变化(吨/年)", "投资(百万元)", "依据"]
                : ["year", "decision", "unit", "unit name", "cluster", "park", "process", "project", "cell class", "AC (kWh/t)", "units", "capacity change (t/yr)", "capital cost (million yuan)", "source"],
            rows: decisions.map { d in
                [.integer(d.year), .text(s[d.kind.rawValue]), .text(d.unit), .text(d.kind == .buyIndices ? s["dec.indices"] : run.names.name("unit", d.unit, language)),
                 .text(d.cluster == "province" ? s["province"] : run.names.name("cluster", d.cluster, language)), .text(d.park), .text(d.process), .text(d.project),
                 .text(d.cellClass), n(d.acKWhPerT), n(d.units), n(d.tonnes), n(d.capexMillionYuan), .text(d.source)]
            }))

        let targetYears = Array(Set(run.targets.map(\.year))).sorted()
        var targetKeys: [String] = []
        var targetCells: [String: RunFolder.Target] = [:]
        for t in run.targets {
            let k = "\(t.target)|\(t.scope)"
            if !targetKeys.contains(k) { targetKeys.append(k) }
            targetCells["\(k)|\(t.year)"] = t
        }
        var targetRows: [[XLSXWriter.Cell]] = []
        for k in targetKeys {
            let first = targetCells.first { $0.key.hasPrefix(k + "|") }!.value
            for (label, value) in [(zh ? "要求" : "required", { (t: RunFolder.Target) in t.required }), (zh ? "实现" : "achieved", { $0.achieved })] {
                targetRows.append([.text(first.target), .text(run.names.name("target", first.target, language)), .text(first.scope), .text(first.op), .text(first.unit), .text(label)]
                                  + targetYears.map { y in targetCells["\(k)|\(y)"].map { .number(value($0)) } ?? .empty })
            }
        }
        book.sheets.append(.init(name: zh ? "目标" : "Targets",
                                 header: (zh ? ["目标", "名称", "范围", "关系", "单位", "值"] : ["target", "name", "scope", "op", "unit", "value"]) + targetYears.map { "\($0)" },
                                 rows: targetRows))

        var capacity: [String: Double] = [:]
        var units: [(String, RunFolder.Capacity)] = []
        for c in run.capacity {
            if capacity["\(c.unit)|\(c.year)"] == nil && !units.contains(where: { $0.0 == c.unit }) { units.append((c.unit, c)) }
            capacity["\(c.unit)|\(c.year)"] = c.capacityT
        }
        book.sheets.append(.init(
            name: zh ? "产能" : "Capacity",
            header: (zh ? ["单元编号", "名称", "集聚区", "园区", "环节", "工艺"] : ["unit", "name", "cluster", "park", "stage", "process"]) + years.map { zh ? "\($0) 产能(吨/年)" : "\($0) capacity (t/yr)" },
            rows: units.map { u, c in
                [.text(u), .text(run.names.name("unit", u, language)), .text(run.names.name("cluster", c.cluster, language)), .text(c.park), .text(s["stage." + c.stage]), .text(c.process)]
                    + years.map { n(capacity["\(u)|\($0)"]) }
            }))

        book.sheets.append(.init(
            name: zh ? "物流" : "Flows",
            header: zh ? ["年份", "类型", "集聚区", "园区", "单元", "工艺", "商品", "商品名称", "起点", "终点", "方式", "吨"]
                : ["year", "kind", "cluster", "park", "unit", "process", "commodity", "commodity name", "origin", "destination", "mode", "tonnes (t)"],
            rows: run.flows.map { f in
                [.integer(f.year), .text(f.kind), .text(f.cluster), .text(f.park), .text(f.unit), .text(f.process), .text(f.commodity),
                 .text(run.names.name("commodity", f.commodity, language)), .text(f.origin), .text(f.destination), .text(f.mode), .number(f.tonnes)]
            }))

        let costYears = Array(Set(run.costs.map(\.year))).sorted()
        var costs: [String: Double] = [:]
        var categories: [String] = []
        for c in run.costs {
            if !categories.contains(c.category) { categories.append(c.category) }
            costs["\(c.category)|\(c.year)", default: 0] += c.millionYuan
        }
        book.sheets.append(.init(name: zh ? "成本" : "Costs",
                                 header: (zh ? ["类别", "名称"] : ["category", "name"]) + costYears.map { zh ? "\($0)(百万元)" : "\($0) (million yuan)" },
                                 rows: categories.map { c in [.text(c), .text(s["cost." + c])] + costYears.map { n(costs["\(c)|\($0)"]) } }))

        book.sheets.append(.init(
            name: zh ? "电力" : "Power",
            header: zh ? ["年份", "集聚区", "电源", "电源名称", "用电量(GWh)", "清洁", "CO2(千吨)"] : ["year", "cluster", "source", "source name", "electricity (GWh)", "clean", "CO2 (kt)"],
            rows: run.power.map { p in
                [.integer(p.year), .text(p.cluster), .text(p.source), .text(run.names.name("power_source", p.source, language)), .number(p.gwh),
                 .text(p.clean ? s["yes"] : s["no"]), .number(p.co2Kt)]
            }))
        return book
    }
}
