import AlChainIO
import Foundation

/// The material-flow Sankey of one year, built from flows.csv. Nodes are processes (mining, refining and
/// smelting by cluster, later stages by process), purchases from outside the province, end-of-life scrap
/// collection, and per commodity what is sold out of the province or stored. A link carries one commodity
/// from the units that supply it to the units that use it: each cluster's supply of a commodity (its own
/// production, purchases, collection and shipments in from other clusters) is shared among its uses in
/// proportion, so the links out of a node add up to its production and the links into a node to its
/// consumption, exactly as in flows.csv (each cluster's commodity balance closes).
enum SankeyDiagram {
    /// Stages drawn per cluster; later stages are drawn per process for the whole province.
    static let clusterStages: Set<String> = ["mining", "refining", "smelting"]
    static let supplyKinds: Set<String> = ["production", "import", "collection"]
    static let useKinds: Set<String> = ["consumption", "export", "disposal"]

    /// The Sankey's nodes and links for `year`, laid out.
    static func graph(_ run: RunFolder, year: Int, language: Language, width: Double, height: Double) -> SankeyLayout {
        let s = Strings(language), names = run.names, format = NumberFormat(language)
        var stageOf: [String: String] = [:]
        for c in run.capacity { stageOf[c.process] = c.stage }
        let clusterIds = run.clusters.filter { $0.year == year }.map(\.cluster)
        let stageRank = { (st: String) in Decision.stageOrder.firstIndex(of: st) ?? 99 }
        var g = SankeyLayout()
        func node(_ f: RunFolder.Flow) -> Int {
            let commodity = names.name("commodity", f.commodity, language)
            switch f.kind {
            case "import": return g.node("x:import", label: s["flow.imports"], kind: "source", order: 0)
            case "collection": return g.node("x:eol", label: s["flow.eol"], kind: "collector", order: 0)
            case "export": return g.node("x:sold:\(f.commodity)", label: "\(commodity) \(s["flow.sold_out"])", kind: "sink", order: 900)
            case "disposal": return g.node("x:storage:\(f.commodity)", label: "\(commodity) \(s["flow.storage"])", kind: "sink", order: 950)
            default:
                let stage = stageOf[f.process] ?? ""
                if clusterStages.contains(stage) {
                    return g.node("p:\(stage)@\(f.cluster)", label: "\(s["stage." + stage]) · \(shortCluster(names.name("cluster", f.cluster, language)))",
                                  kind: stage == "mining" ? "source" : "process", order: stageRank(stage) * 10 + (clusterIds.firstIndex(of: f.cluster) ?? 9))
                }
                return g.node("p:\(f.process)", label: names.name("process", f.process, language), kind: "process", order: stageRank(stage) * 10)
            }
        }
        let flows = run.flows.filter { $0.year == year }
        var commodities: [String] = []
        for f in flows where !commodities.contains(f.commodity) { commodities.append(f.commodity) }
        var linkIndex: [String: Int] = [:]
        var pending: [(key: String, source: Int, target: Int, commodity: String, from: String, to: String, tonnes: Double)] = []
        for c in commodities {
            let rows = flows.filter { $0.commodity == c }
            // Supply mix of each cluster: node → share, shipments in carrying the origin cluster's mix.
            var local: [String: [Int: Double]] = [:], supply: [String: Double] = [:], kindOf: [Int: String] = [:]
            for f in rows where supplyKinds.contains(f.kind) {
                let n = node(f)
                local[f.cluster, default: [:]][n, default: 0] += f.tonnes
                supply[f.cluster, default: 0] += f.tonnes
                kindOf[n] = f.kind
            }
            let shipments = rows.filter { $0.kind == "transport" }
            for t in shipments { supply[t.destination, default: 0] += t.tonnes }
            var mix: [String: [Int: Double]] = [:]
            for _ in 0...max(1, Set(rows.map(\.cluster)).count + 1) {
                var next: [String: [Int: Double]] = [:]
                for (cluster, total) in supply where total > 0 {
                    var m = local[cluster] ?? [:]
                    for t in shipments where t.destination == cluster { for (n, share) in mix[t.origin] ?? [:] { m[n, default: 0] += t.tonnes * share } }
                    next[cluster] = m.mapValues { $0 / total }
                }
                mix = next
            }
            for f in rows where useKinds.contains(f.kind) {
                let target = node(f)
                for (source, share) in (mix[f.cluster] ?? [:]).sorted(by: { $0.key < $1.key }) where share > 0 {
                    let key = "\(source)|\(target)|\(c)"
                    if let i = linkIndex[key] { pending[i].tonnes += f.tonnes * share; continue }
                    linkIndex[key] = pending.count
                    pending.append((key, source, target, c, kindOf[source] ?? "production", f.kind, f.tonnes * share))
                }
            }
        }
        for l in pending {
            let a = g.nodes[l.source], b = g.nodes[l.target]
            let loop = stageOf[String(a.id.dropFirst(2))] == "fabrication" && stageOf[String(b.id.dropFirst(2))] == "recycling"
            g.link(l.source, l.target, l.tonnes, loop: loop,
                   attributes: [("commodity", l.commodity), ("from", l.from), ("to", l.to), ("source", a.id), ("target", b.id), ("tonnes", SVGChart.plain(l.tonnes))],
                   title: "\(a.label) → \(b.label): \(names.name("commodity", l.commodity, language)) \(format.tonnes(l.tonnes))")
        }
        g.layout(width: width, height: height, padding: 14)
        return g
    }

    /// "黔中铝精深加工产业集聚区" → "黔中"; "Qianzhong (central Guizhou)" → "Qianzhong".
    static func shortCluster(_ name: String) -> String {
        guard let first = name.first, DisplayWidth.of(String(first)) == 2 else {
            return name.components(separatedBy: " (").first ?? name
        }
        return String(name.prefix(2))
    }

    /// The Sankey of `year` as SVG.
    static func svg(_ run: RunFolder, year: Int, language: Language, active: Bool) -> String {
        let width = 1060.0, height = 700.0, left = 10.0, top = 10.0, labelRoom = 230.0, loopRoom = 40.0
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
        for n in g.nodes {
            let fill = n.kind == "sink" ? "#8a8f98" : (n.kind == "process" ? "#1f4e79" : "#4a6a8a")
            out += "<rect class=\"node\" x=\"\(fmt(n.x0))\" y=\"\(fmt(n.y0))\" width=\"\(fmt(n.x1 - n.x0))\" height=\"\(fmt(max(n.y1 - n.y0, 1)))\" fill=\"\(fill)\" data-node=\"\(HTML.escape(n.id))\" data-tonnes=\"\(SVGChart.plain(n.value))\"><title>\(HTML.escape(n.label)): \(HTML.escape(format.tonnes(n.value)))</title></rect>"
            guard n.y1 - n.y0 >= 5 else { continue }
            out += "<text class=\"node-label\" x=\"\(fmt(n.x1 + 4))\" y=\"\(fmt((n.y0 + n.y1) / 2 + 4))\">\(HTML.escape(n.label)) <tspan class=\"v\">\(HTML.escape(format.tonnes(n.value)))</tspan></text>"
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
