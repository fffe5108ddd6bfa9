import AlChainIO
import Foundation

/// One coloured series of a chart: a value per year.
struct ChartSeries {
    var key: String
    var label: String
    var values: [Double]
    var color: String
}

/// Bar charts as inline SVG text: stacked bars by year (negative values stack downwards), an optional line on a
/// percentage axis at the right. Every bar carries its series, year and value as data attributes, so tests and
/// readers can check the numbers behind the picture.
enum SVGChart {
    /// A colour-blind-safe palette (Okabe–Ito, then Tableau's muted tones).
    static let palette = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#7F7F7F", "#8C564B", "#17BECF", "#BCBD22", "#9467BD"]

    /// Stacked bars of `series` over `years`; `line` (percent, 0–100) drawn over them on a right-hand axis.
    static func stackedBars(id: String, years: [Int], series: [ChartSeries], axis: AxisUnit, axisTitle: String, format: NumberFormat,
                            line: ChartSeries? = nil, width: Double = 680, height: Double = 280) -> String {
        let left = 58.0, right = line == nil ? 16.0 : 50.0, top = 14.0, bottom = 28.0
        let plotW = width - left - right, plotH = height - top - bottom
        var maxUp = 0.0, maxDown = 0.0
        for i in years.indices {
            maxUp = max(maxUp, series.reduce(0) { $0 + max(0, $1.values[i]) })
            maxDown = max(maxDown, series.reduce(0) { $0 + max(0, -$1.values[i]) })
        }
        let ticks = niceTicks(low: -maxDown, high: maxUp)
        let lo = ticks.first ?? 0, hi = ticks.last ?? 1
        let y = { (v: Double) in top + plotH * (hi - v) / max(hi - lo, 1e-12) }
        let band = plotW / Double(max(years.count, 1))
        let barW = min(56, band * 0.62)
        var s = "<svg class=\"chart\" id=\"\(id)\" viewBox=\"0 0 \(fmt(width)) \(fmt(height))\" role=\"img\" aria-label=\"\(HTML.escape(axisTitle))\" xmlns=\"http://www.w3.org/2000/svg\">"
        s += "<text class=\"axis-title\" x=\"4\" y=\"10\">\(HTML.escape(axisTitle))</text>"
        for t in ticks {
            s += "<line class=\"grid\" x1=\"\(fmt(left))\" x2=\"\(fmt(width - right))\" y1=\"\(fmt(y(t)))\" y2=\"\(fmt(y(t)))\"/>"
            s += "<text class=\"tick\" x=\"\(fmt(left - 6))\" y=\"\(fmt(y(t) + 4))\" text-anchor=\"end\">\(format.axis(t, unit: axis))</text>"
        }
        for (i, year) in years.enumerated() {
            let x = left + band * Double(i) + (band - barW) / 2
            var up = 0.0, down = 0.0
            for ser in series {
                let v = ser.values[i]
                guard abs(v) > 1e-9 else { continue }
                let from = v > 0 ? up : down, to = v > 0 ? up + v : down + v
                if v > 0 { up = to } else { down = to }
                let y0 = y(max(from, to)), h = abs(y(from) - y(to))
                s += "<rect x=\"\(fmt(x))\" y=\"\(fmt(y0))\" width=\"\(fmt(barW))\" height=\"\(fmt(max(h, 0.5)))\" fill=\"\(ser.color)\" data-series=\"\(HTML.escape(ser.key))\" data-year=\"\(year)\" data-value=\"\(plain(v))\"><title>\(HTML.escape(ser.label)) \(year): \(HTML.escape(valueText(v, axis, format)))</title></rect>"
            }
            s += "<text class=\"tick\" x=\"\(fmt(x + barW / 2))\" y=\"\(fmt(height - 10))\" text-anchor=\"middle\">\(year)</text>"
        }
        if lo < 0 { s += "<line class=\"zero\" x1=\"\(fmt(left))\" x2=\"\(fmt(width - right))\" y1=\"\(fmt(y(0)))\" y2=\"\(fmt(y(0)))\"/>" }
        if let line {
            let py = { (v: Double) in top + plotH * (100 - v) / 100 }
            for t in stride(from: 0.0, through: 100, by: 25) {
                s += "<text class=\"tick\" x=\"\(fmt(width - right + 6))\" y=\"\(fmt(py(t) + 4))\">\(Int(t))%</text>"
            }
            let points = years.indices.map { "\(fmt(left + band * (Double($0) + 0.5))),\(fmt(py(line.values[$0])))" }
            s += "<polyline class=\"share\" points=\"\(points.joined(separator: " "))\" stroke=\"\(line.color)\"/>"
            for (i, year) in years.enumerated() {
                s += "<circle cx=\"\(fmt(left + band * (Double(i) + 0.5)))\" cy=\"\(fmt(py(line.values[i])))\" r=\"3.5\" fill=\"\(line.color)\" data-series=\"\(HTML.escape(line.key))\" data-year=\"\(year)\" data-value=\"\(plain(line.values[i]))\"><title>\(HTML.escape(line.label)) \(year): \(format.percent(line.values[i]))</title></circle>"
            }
        }
        s += "</svg>"
        return s + legend(series + (line.map { [$0] } ?? []))
    }

    /// The legend as HTML below a chart (wraps, and prints, better than SVG text).
    static func legend(_ series: [ChartSeries]) -> String {
        "<div class=\"legend\">" + series.map { "<span><i style=\"background:\($0.color)\"></i>\(HTML.escape($0.label))</span>" }.joined() + "</div>"
    }

    static func valueText(_ v: Double, _ axis: AxisUnit, _ format: NumberFormat) -> String {
        switch axis {
        case .tonnes: return format.tonnes(v)
        case .millionYuan: return format.money(millionYuan: v)
        case .gwh: return format.energy(gwh: v)
        case .percent: return format.percent(v)
        }
    }

    /// Round tick values (1, 2, 2.5, 5 × 10ⁿ steps) covering low…high, with zero among them.
    static func niceTicks(low: Double, high: Double, count: Int = 5) -> [Double] {
        let span = max(high - low, 1e-9)
        let raw = span / Double(count)
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        let first = floor(low / step) * step, last = ceil(high / step) * step
        return stride(from: first, through: last + step / 2, by: step).map { abs($0) < step / 1e6 ? 0 : $0 }
    }

    /// A coordinate with at most one decimal.
    static func fmt(_ x: Double) -> String {
        let r = (x * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(format: "%.1f", r)
    }

    /// A data value in plain decimal form (no exponent), as the CSV files write it.
    static func plain(_ x: Double) -> String { CSVWriter.number(x, decimals: 3) }
}

/// HTML text helpers.
enum HTML {
    /// `text` with &, <, >, " escaped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
