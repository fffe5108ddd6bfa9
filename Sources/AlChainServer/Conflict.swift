import AlChainIO
import AlChainPlanning
import Foundation

/// `explain`'s conflict set in planners' words, in Chinese and English, for the page and the JSON answer.
enum Conflict {
    /// Kinds of conflicting groups, as the page names them.
    static let kindNames: [String: (zh: String, en: String)] = [
        "target": ("目标", "target"), "rule": ("规则", "rule"), "capacity": ("产能上限", "capacity limit"),
        "market": ("市场限制", "market limit"), "power": ("电力来源上限", "power source limit"), "utilisation": ("最低开工率", "minimum utilisation"),
    ]

    /// One group of the irreducible infeasible subset: its kind, id, and a sentence in each language.
    static func describe(_ group: PlanExplanation.Group, chain: ChainModel) -> [String: String] {
        let english = PlanExplanation.describe(group, chain: chain)
        let kind = group.label.kind.rawValue, name = group.label.name
        var zh = "\(kindNames[kind]?.zh ?? kind)：\(name)"
        var target = ""
        if case .target(let id, let scope, let year) = group.label,
           let row = chain.targetRows.first(where: { $0.target.id == id && $0.target.scope == scope && $0.year == year }) {
            let t = row.target
            let inputs = chain.inputs
            let metric = inputs.chain.metric(t.metric)?.nameZh ?? t.metric
            let scopeName = t.scope == PlanScope.province ? "全省" : (inputs.clusters.first { $0.id == t.scope }?.nameZh ?? t.scope)
            let op = t.op == .atLeast ? "≥" : (t.op == .atMost ? "≤" : "=")
            zh = "目标「\(metric)」（\(scopeName)，\(row.year)年）：\(op) \(CSVWriter.number(t.value))\(t.unit == "%" ? "%" : " " + t.unit)（目标 \(t.id)，来源：\(t.source)）"
            target = t.id
        }
        return ["kind": kind, "name": name, "target": target, "zh": zh, "en": english]
    }
}
