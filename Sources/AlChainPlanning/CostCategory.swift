/// A component of the plan's cost, as `costs.csv` names it. Which components count as value added (and so
/// stay out of the `value` objective) is data: `Models/cost_categories.csv`.
public enum CostCategory: String, Sendable, CaseIterable, Comparable {
    case capacityIndices = "capacity_indices"
    case capex, carbon, electricity
    case fixedOM = "fixed_om"
    case gas, imports, operating
    case salesRevenue = "sales_revenue"
    case scrapPurchase = "scrap_purchase"
    case transport

    /// By name: the order of `costs.csv` and of the objective's sum.
    public static func < (a: CostCategory, b: CostCategory) -> Bool { a.rawValue < b.rawValue }
}

/// A commodity's role in the model, given by a tag in `Models/commodities.csv` (the Swift knows the role,
/// the data says which commodity plays it).
public enum CommodityRole: String, Sendable, CaseIterable {
    /// A by-product: it may be disposed of (stored) where it arises.
    case byproduct
    /// End-of-life scrap: collected in each cluster up to `scrap_arisings.csv`.
    case endOfLifeScrap = "eol"

    /// The tag that gives a commodity this role.
    public var tag: String { rawValue }
}

extension Commodity {
    /// Whether the commodity plays `role`.
    public func plays(_ role: CommodityRole) -> Bool { tags.contains(role.tag) }
}
