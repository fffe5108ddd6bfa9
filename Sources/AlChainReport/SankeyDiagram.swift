import AlChainIO
import Foundation

/// The material-flow Sankey of one year, built from flows.csv: processes (mining, refining and smelting by
/// cluster, the later stages by process) and commodities as nodes; production, consumption, purchases,
/// sales out of the province, storage and scrap collection as links, each link exactly the sum of its
/// flows.csv rows. Shipments between clusters stay inside a commodity's node and are listed below the diagram.
enum SankeyDiagram {
    /// Stages drawn per cluster; later stages are drawn per process for the whole province.
    static let clusterStages: Set<String> = ["mining", "refining", "smelting"]
    /// Flow kinds the diagram draws.
    static let drawnKinds: Set<String> = ["production", "consumption", "import", "export", "disposal", "collection"]

    /// The Sankey's nodes and links for `year`, laid out.
    static func graph(_ run: RunFolder, year: Int, language: Language, width: Double, height: Double) -> SankeyLayout {
        let s = Strings(language), names = run.names
        var stageOf: [String: String] = [:]
        for c in run.capacity { stageOf[c.process] = c.stage }
        let flows = run.flows.filter { $0.year == year && drawnKinds.contains($0.kind) }
        let recycledCommodities = Set(flows.filter { $0.kind == "consumption" && stageOf[$0.process] == "recycling" }.map(\.commodity))
        let stageRank = { (st: String) in Decision.stageOrder.firstIndex(of: st) ?? 99 }
        let clusterIds = run.clusters.filter { $0.year == year }.map(\.cluster)
        let clusterRank = { (c: String) in clusterIds.firstIndex(of: c) ?? 9 }
        var g = SankeyLayout()
        func processNode(_ f: RunFolder.Flow) -> Int {
            let stage = stageOf[f.process] ?? ""
            if clusterStages.contains(stage) {
                return g.node("p:\(stage)@\(f.cluster)", label: "\(s["stage." + stage]) · \(shortCluster(names.name("cluster", f.cluster, language)))",
                              kind: stage == "mining" ? "source" : "process", order: stageRank(stage) * 10 + clusterRank(f.cluster))
            }
            return g.node("p:\(f.process)", label: names.name("process", f.process, language), kind: "process", order: stageRank(stage) * 10)
        }
        func commodityNode(_ c: String) -> Int { g.node("c:\(c)", label: names.name("commodity", c, language), kind: "commodity", order: 500) }
        // Aggregate per (source, target, kind, commodity), in first-seen order.
        var sums: [String: (Int, Int, String, String, Double)] = [:]
        var order: [String] = []
        for f in flows {
            let ends: (Int, Int)
            switch f.kind {
            case "production": ends = (processNode(f), commodityNode(f.commodity))
            case "consumption": ends = (commodityNode(f.commodity), processNode(f))
            case "import": ends = (g.node("x:import", label: s["flow.imports"], kind: "source", order: 0), commodityNode(f.commodity))
            case "collection": ends = (g.node("x:eol", label: s["flow.eol"], kind: "collector", order: 0), commodityNode(f.commodity))
            case "export": ends = (commodityNode(f.commodity), g.node("x:sold", label: s["flow.sold_out"], kind: "sink", order: 900))
            default: ends = (commodityNode(f.commodity), g.node("x:storage", label: s["flow.storage"], kind: "sink", order: 901))
            }
            let key = "\(ends.0)|\(ends.1)|\(f.kind)|\(f.commodity)"
            if sums[key] == nil { order.append(key); sums[key] = (ends.0, ends.1, f.kind, f.commodity, 0) }
            sums[key]!.4 += f.tonnes
        }
        let format = NumberFormat(language)
        for key in order {
            let (a, b, kind, commodity, tonnes) = sums[key]!
            let loop = kind == "production" && recycledCommodities.contains(commodity) && stageOf[String(g.nodes[a].id.dropFirst(2))] == "fabrication"
            g.link(a, b, tonnes, loop: loop,
                   attributes: [("kind", kind), ("commodity", commodity), ("source", g.nodes[a].id), ("target", g.nodes[b].id), ("tonnes", SVGChart.plain(tonnes))],
                   title: "\(g.nodes[a].label) → \(g.nodes[b].label): \(names.name("commodity", commodity, language)) \(format.tonnes(tonnes))")
        }
        g.layout(width: width, height: height)
        return g
    }

    /// "黔中铝精深加工产业集聚区" → "黔中"; English names are kept whole.
    static func shortCluster(_ name: String) -> String {
        guard let first = name.first, DisplayWidth.of(String(first)) == 2 else { return name }
        return String(name.prefix(2))
    }

    /// The Sankey of `year` as SVG.
    static func svg(_ run: RunFolder, year: Int, language: Language, active: Bool) -> String {
        let width = 1060.0, height = 620.0, left = 10.0, top = 10.0, labelRoom = 150.0, loopRoom = 40.0
        let g = graph(run, year: year, language: language, width: width - left - labelRoom, height: height - top - loopRoom - 10)
        let format = NumberFormat(language)
        let commodities = Array(Set(g.links.compactMap { $0.attributes.first { $0.0 == "commodity" }?.1 })).sorted()
        let color = { (c: String) in SVGChart.palette[(commodities.firstIndex(of: c) ?? 0) % SVGChart.palette.count] }
        let fmt = SVGChart.fmt
        var out = "<svg class=\"sankey\(active ? " active" : "")\" data-year=\"\(year)\" viewBox=\"0 0 \(fmt(width)) \(fmt(height))\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Sankey \(year)\">"
        out += "<g transform=\"translate(\(fmt(left)),\(fmt(top)))\" fill=\"none\">"
        let bottom = height - top - loopRoom
        for l in g.links {
            let a = g.nodes[l.source], b = g.nodes[l.target]
            let d: String
            if l.loop {
                // Right from the source, down below the diagram, back left, up into the target.
                let r = 14.0, yLow = bottom + 8 + l.width / 2
                d = "M\(fmt(a.x1)),\(fmt(l.y0))H\(fmt(a.x1 + r))V\(fmt(yLow))H\(fmt(b.x0 - r))V\(fmt(l.y1))H\(fmt(b.x0))"
            } else {
                let mx = (a.x1 + b.x0) / 2
                d = "M\(fmt(a.x1)),\(fmt(l.y0))C\(fmt(mx)),\(fmt(l.y0)) \(fmt(mx)),\(fmt(l.y1)) \(fmt(b.x0)),\(fmt(l.y1))"
            }
            let commodity = l.attributes.first { $0.0 == "commodity" }?.1 ?? ""
            out += "<path class=\"link\(l.loop ? " loop" : "")\" d=\"\(d)\" stroke=\"\(color(commodity))\" stroke-width=\"\(fmt(max(l.width, 0.6)))\""
            for (k, v) in l.attributes { out += " data-\(k)=\"\(HTML.escape(v))\"" }
            out += "><title>\(HTML.escape(l.title))</title></path>"
        }
        out += "</g><g transform=\"translate(\(fmt(left)),\(fmt(top)))\">"
        let lastColumn = g.nodes.map(\.column).max() ?? 0
        for n in g.nodes {
            let fill = n.kind == "commodity" ? "#555" : (n.kind == "sink" ? "#999" : "#1f4e79")
            out += "<rect class=\"node\" x=\"\(fmt(n.x0))\" y=\"\(fmt(n.y0))\" width=\"\(fmt(n.x1 - n.x0))\" height=\"\(fmt(max(n.y1 - n.y0, 1)))\" fill=\"\(fill)\" data-node=\"\(HTML.escape(n.id))\" data-tonnes=\"\(SVGChart.plain(n.value))\"><title>\(HTML.escape(n.label)): \(HTML.escape(format.tonnes(n.value)))</title></rect>"
            guard n.y1 - n.y0 >= 3 || n.kind != "commodity" else { continue }
            let atEnd = n.column == lastColumn
            let x = atEnd ? n.x0 - 4 : n.x1 + 4
            out += "<text class=\"node-label\" x=\"\(fmt(x))\" y=\"\(fmt((n.y0 + n.y1) / 2 + 4))\"\(atEnd ? " text-anchor=\"end\"" : "")>\(HTML.escape(n.label)) <tspan class=\"v\">\(HTML.escape(format.tonnes(n.value)))</tspan></text>"
        }
        out += "</g></svg>"
        return out
    }

    /// Shipments between clusters in `year`, by commodity, origin and destination (a table, not links).
    static func transports(_ run: RunFolder, year: Int) -> [(commodity: String, from: String, to: String, mode: String, tonnes: Double)] {
        var sums: [String: Double] = [:]
        var keys: [(String, String, String, String)] = []
        for f in run.flows where f.year == year && f.kind == "transport" {
            let k = "\(f.commodity)|\(f.origin)|\(f.destination)|\(f.mode)"
            if sums[k] == nil { keys.append((f.commodity, f.origin, f.destination, f.mode)) }
            sums[k, default: 0] += f.tonnes
        }
        return keys.map { ($0.0, $0.1, $0.2, $0.3, sums["\($0.0)|\($0.1)|\($0.2)|\($0.3)"]!) }
    }
}
