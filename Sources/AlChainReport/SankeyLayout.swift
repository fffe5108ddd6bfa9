import Foundation

/// A Sankey diagram's layout after d3-sankey (Mike Bostock, ISC licence), re-implemented in Swift: nodes in
/// columns by their depth in the chain, link widths proportional to tonnes, node positions found by iterative
/// relaxation (each node pulled towards the weighted centre of its neighbours, then collisions resolved).
/// Links marked `loop` (the scrap loop back to recycling) run right to left and are left out of the depths.
struct SankeyLayout {
    struct Node {
        var id: String
        var label: String
        var kind: String
        /// Depth in the chain (column); set by `layout`.
        var column = 0
        var value = 0.0
        var x0 = 0.0, x1 = 0.0, y0 = 0.0, y1 = 0.0
        var order: Int
    }
    struct Link {
        var source: Int
        var target: Int
        var value: Double
        var loop: Bool
        /// Data attributes written on the link's path (kind, commodity, tonnes …).
        var attributes: [(String, String)]
        var title: String
        var width = 0.0, y0 = 0.0, y1 = 0.0
    }

    var nodes: [Node] = []
    var links: [Link] = []
    private var index: [String: Int] = [:]

    /// The index of node `id`, created with `label` and `kind` on first use; `order` sorts nodes inside a column.
    mutating func node(_ id: String, label: String, kind: String, order: Int) -> Int {
        if let i = index[id] { return i }
        nodes.append(Node(id: id, label: label, kind: kind, order: order))
        index[id] = nodes.count - 1
        return nodes.count - 1
    }

    /// Adds `value` to the link source → target with the same attributes key, or creates it.
    mutating func link(_ source: Int, _ target: Int, _ value: Double, loop: Bool = false, attributes: [(String, String)], title: String) {
        guard value > 0 else { return }
        links.append(Link(source: source, target: target, value: value, loop: loop, attributes: attributes, title: title))
    }

    /// Places the nodes and links in a `width` × `height` box.
    mutating func layout(width: Double, height: Double, nodeWidth: Double = 12, padding: Double = 10, iterations: Int = 32) {
        guard !nodes.isEmpty else { return }
        var outgoing = Array(repeating: [Int](), count: nodes.count), incoming = outgoing
        for (i, l) in links.enumerated() {
            outgoing[l.source].append(i)
            incoming[l.target].append(i)
        }
        for i in nodes.indices {
            let inV = incoming[i].reduce(0) { $0 + links[$1].value }, outV = outgoing[i].reduce(0) { $0 + links[$1].value }
            nodes[i].value = max(inV, outV)
        }
        // Depth: longest path from a node without forward incoming links (d3's computeNodeDepths), loops ignored.
        let forwardOut = outgoing.map { $0.filter { !links[$0].loop } }, forwardIn = incoming.map { $0.filter { !links[$0].loop } }
        var depth = Array(repeating: 0, count: nodes.count)
        var frontier = nodes.indices.filter { forwardIn[$0].isEmpty }
        var steps = 0
        while !frontier.isEmpty, steps <= nodes.count {
            var next = Set<Int>()
            for n in frontier { for l in forwardOut[n] { let t = links[l].target; depth[t] = max(depth[t], steps + 1); next.insert(t) } }
            frontier = next.sorted()
            steps += 1
        }
        let maxDepth = depth.max() ?? 0
        // Side branches not fed from a primary source (nodes of kind "source": mines, purchases), i.e. the
        // recycling chain, move right until they sit just before the column they feed (d3's sankeyCenter, applied
        // to whole branches); targets come first because depth grows along every forward link.
        var reached = Set(nodes.indices.filter { nodes[$0].kind == "source" }), stack = Array(reached)
        while let n = stack.popLast() { for l in forwardOut[n] where reached.insert(links[l].target).inserted { stack.append(links[l].target) } }
        for n in nodes.indices.sorted(by: { depth[$0] > depth[$1] }) where !reached.contains(n) && !forwardOut[n].isEmpty {
            depth[n] = max(depth[n], (forwardOut[n].map { depth[links[$0].target] }.min() ?? 1) - 1)
        }
        for n in nodes.indices where forwardOut[n].isEmpty && loopOut(n, outgoing).isEmpty { depth[n] = maxDepth }
        let columns = (depth.max() ?? 0) + 1
        let dx = columns > 1 ? (width - nodeWidth) / Double(columns - 1) : 0
        for i in nodes.indices {
            nodes[i].column = depth[i]
            nodes[i].x0 = Double(depth[i]) * dx
            nodes[i].x1 = nodes[i].x0 + nodeWidth
        }
        // Vertical scale: the fullest column fills the height (d3's initializeNodeBreadths).
        var byColumn = Array(repeating: [Int](), count: columns)
        for i in nodes.indices { byColumn[nodes[i].column].append(i) }
        for c in byColumn.indices { byColumn[c].sort { nodes[$0].order < nodes[$1].order } }
        var ky = Double.infinity
        for col in byColumn where !col.isEmpty {
            let total: Double = col.reduce(0.0) { $0 + nodes[$1].value }
            ky = min(ky, (height - Double(col.count - 1) * padding) / max(total, 1e-9))
        }
        if !ky.isFinite { ky = 1 }
        for col in byColumn {
            var y = 0.0
            for n in col {
                nodes[n].y0 = y
                nodes[n].y1 = y + max(nodes[n].value * ky, 1)
                y = nodes[n].y1 + padding
            }
        }
        for i in links.indices { links[i].width = links[i].value * ky }
        // Relaxation: alternate right-to-left and left-to-right sweeps with decaying strength.
        for iteration in 0..<iterations {
            let alpha = pow(0.99, Double(iteration))
            let beta = max(1 - alpha, Double(iteration + 1) / Double(iterations))
            for col in byColumn.reversed() { relax(col, neighbours: outgoing, towardsTargets: true, strength: alpha * beta); resolve(col, height: height, padding: padding) }
            for col in byColumn { relax(col, neighbours: incoming, towardsTargets: false, strength: alpha * beta); resolve(col, height: height, padding: padding) }
        }
        // Link ends: stacked at each node in the order of the other end's position (d3's computeLinkBreadths).
        for n in nodes.indices {
            var y = nodes[n].y0
            for l in outgoing[n].sorted(by: { nodes[links[$0].target].y0 < nodes[links[$1].target].y0 }) { links[l].y0 = y + links[l].width / 2; y += links[l].width }
            y = nodes[n].y0
            for l in incoming[n].sorted(by: { nodes[links[$0].source].y0 < nodes[links[$1].source].y0 }) { links[l].y1 = y + links[l].width / 2; y += links[l].width }
        }
    }

    private func loopOut(_ n: Int, _ outgoing: [[Int]]) -> [Int] { outgoing[n].filter { links[$0].loop } }

    /// Moves each node of a column towards the value-weighted centre of its neighbours in the next column.
    private mutating func relax(_ column: [Int], neighbours: [[Int]], towardsTargets: Bool, strength: Double) {
        for n in column {
            var weighted = 0.0, total = 0.0
            for l in neighbours[n] where !links[l].loop {
                let o = towardsTargets ? links[l].target : links[l].source
                weighted += links[l].value * (nodes[o].y0 + nodes[o].y1) / 2
                total += links[l].value
            }
            guard total > 0 else { continue }
            let dy = (weighted / total - (nodes[n].y0 + nodes[n].y1) / 2) * strength
            nodes[n].y0 += dy
            nodes[n].y1 += dy
        }
    }

    /// Pushes overlapping nodes of a column apart, then back inside the box (d3's resolveCollisions).
    private mutating func resolve(_ column: [Int], height: Double, padding: Double) {
        let sorted = column.sorted { nodes[$0].y0 < nodes[$1].y0 }
        var y = 0.0
        for n in sorted {
            let dy = y - nodes[n].y0
            if dy > 0 { nodes[n].y0 += dy; nodes[n].y1 += dy }
            y = nodes[n].y1 + padding
        }
        y = height
        for n in sorted.reversed() {
            let dy = nodes[n].y1 - y
            if dy > 0 { nodes[n].y0 -= dy; nodes[n].y1 -= dy }
            y = nodes[n].y0 - padding
        }
    }
}
