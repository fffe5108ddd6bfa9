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
