/// The model's internal units, chosen so GLPK sees coefficients near 1:
/// quantities in kt, money in million yuan (百万元), electricity in GWh, CO2 in kt.
enum ModelUnits {
    /// t → kt.
    static func kt(_ tonnes: Double) -> Double { tonnes / 1000 }
    /// 元/t applied to kt → million yuan per kt.
    static func millionYuanPerKt(_ yuanPerT: Double) -> Double { yuanPerT / 1000 }
    /// kWh/t → GWh per kt.
    static func gwhPerKt(_ kwhPerT: Double) -> Double { kwhPerT / 1000 }
    /// 元/t applied to kt → 亿元 per kt.
    static func yiYuanPerKt(_ yuanPerT: Double) -> Double { yuanPerT / 100_000 }
    /// Million yuan → 亿元.
    static func yiYuan(_ millionYuan: Double) -> Double { millionYuan / 100 }
}

/// Where a unit of capacity sits: an existing plant or a candidate that may be built.
public struct ProductionUnit: Sendable, Hashable {
    public enum Origin: String, Sendable { case existing, candidate }
    public var id: String
    public var nameZh: String
    public var origin: Origin
    public var process: String
    public var cluster: String
    public var park: String
}
