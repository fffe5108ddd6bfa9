import Foundation

/// Numbers for people: thousands separators, tonnes as 万吨 (kt in English), money as 亿元 (billion yuan in
/// English), never exponent notation.
public struct NumberFormat: Sendable {
    public let language: Language

    public init(_ language: Language) { self.language = language }

    /// `x` with `decimals` places and thousands separators, e.g. 1,789,000 or 12.5; −0 prints as 0.
    public static func grouped(_ x: Double, decimals: Int = 0) -> String {
        guard x.isFinite else { return x.isNaN ? "–" : (x > 0 ? "∞" : "−∞") }
        let factor = pow(10.0, Double(decimals))
        var rounded = (abs(x) * factor).rounded() / factor
        if rounded == 0 { rounded = 0 }
        let negative = x < 0 && rounded != 0
        let text = String(format: "%.\(decimals)f", rounded)
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        var whole = Array(parts[0])
        var out = ""
        while whole.count > 3 {
            out = "," + String(whole.suffix(3)) + out
            whole.removeLast(3)
        }
        out = String(whole) + out
        if parts.count > 1 { out += "." + parts[1] }
        return (negative ? "−" : "") + out
    }

    /// Places that keep three significant figures for magnitudes down to 0.01, at most 2.
    static func decimals(_ x: Double) -> Int {
        let a = abs(x)
        return a >= 100 || a < 1e-9 ? 0 : (a >= 10 ? 1 : 2)
    }

    /// Tonnes: 万吨 / kt from 10,000 t up, 吨 / t below.
    public func tonnes(_ t: Double) -> String {
        if abs(t) >= 10_000 {
            let v = language == .zh ? t / 10_000 : t / 1000
            return Self.grouped(v, decimals: Self.decimals(v)) + (language == .zh ? " 万吨" : " kt")
        }
        return Self.grouped(t) + (language == .zh ? " 吨" : " t")
    }

    /// Million yuan as 亿元 (100 million yuan) / billion yuan; small sums as 万元 / million yuan.
    public func money(millionYuan m: Double) -> String {
        if language == .zh {
            if abs(m) >= 100 || m == 0 { let v = m / 100; return Self.grouped(v, decimals: Self.decimals(v)) + " 亿元" }
            return Self.grouped(m * 100, decimals: 0) + " 万元"
        }
        if abs(m) >= 1000 { let v = m / 1000; return Self.grouped(v, decimals: Self.decimals(v)) + " bn yuan" }
        return Self.grouped(m, decimals: Self.decimals(m)) + " million yuan"
    }

    /// Electricity: 亿千瓦时 in Chinese (1 GWh = 0.01 亿 kWh), GWh in English.
    public func energy(gwh: Double) -> String {
        if language == .zh { let v = gwh / 100; return Self.grouped(v, decimals: Self.decimals(v)) + " 亿千瓦时" }
        return Self.grouped(gwh, decimals: Self.decimals(gwh)) + " GWh"
    }

    /// A percentage with one decimal.
    public func percent(_ p: Double) -> String { Self.grouped(p, decimals: 1) + "%" }

    /// A value in a target's unit (`%`, `t`, `亿元`).
    public func value(_ x: Double, unit: String) -> String {
        switch unit {
        case "%": return percent(x)
        case "t": return tonnes(x)
        case "亿元": return money(millionYuan: x * 100)
        default: return Self.grouped(x, decimals: Self.decimals(x)) + " " + unit
        }
    }

    /// A tick label for an axis in `unit` (`t`, `million_yuan`, `gwh`, `%`), short.
    func axis(_ x: Double, unit: AxisUnit) -> String {
        switch unit {
        case .tonnes: return Self.grouped(language == .zh ? x / 10_000 : x / 1000, decimals: 0)
        case .millionYuan: return Self.grouped(language == .zh ? x / 100 : x / 1000, decimals: 0)
        case .gwh: return Self.grouped(language == .zh ? x / 100 : x, decimals: 0)
        case .percent: return Self.grouped(x, decimals: 0) + "%"
        }
    }
}

/// What a chart's axis measures.
enum AxisUnit {
    case tonnes, millionYuan, gwh, percent
}
