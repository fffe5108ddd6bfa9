import AlChainModeling
import AlChainSolver

/// A synthetic multi-period production–transportation LP, built through the modelling layer as a planner
/// would build one: indexed families, sums, constraints per key.
///
///     make[p,k,t]    ≤ capacity      production of product k at plant p in period t
///     ship[p,m,k,t]  ≥ 0             shipments to market m
///     stock[p,k,t]   ≤ storage       end-of-period stock
///     short[m,k,t]   ≥ 0             unmet demand (penalised)
///
///     balance[p,k,t]   stock[p,k,t−1] + make[p,k,t] − Σₘ ship[p,m,k,t] − stock[p,k,t] = 0
///     demand[m,k,t]    Σₚ ship[p,m,k,t] + short[m,k,t] ≥ demand
///     hours[p,t]       Σₖ hoursPerUnit[k] · make[p,k,t] ≤ hours available
///
/// Nonzeros ≈ 2·P·M·K·T (each shipment is in one balance and one demand row). All data come from a fixed
/// generator, so every run builds the same problem.
struct SupplyChainInstance: Sendable, CustomStringConvertible {
    var plants: Int
    var markets: Int
    var products: Int
    var periods: Int
    /// Whether the shipment variables (nearly all of them) get names (generated on demand); the families are
    /// always named.
    var named = true

    var description: String { "\(plants) plants × \(markets) markets × \(products) products × \(periods) periods" }

    /// Nonzeros of the constraint matrix.
    var nonzeros: Int {
        let (p, m, k, t) = (plants, markets, products, periods)
        return p * k * t * (m + 3) - p * k + m * k * t * (p + 1) + p * t * k
    }

    /// The smallest instance with 40 plants, 10 products and 20 periods that has at least `nonzeros` nonzeros.
    static func withNonzeros(_ nonzeros: Int) -> SupplyChainInstance {
        var instance = SupplyChainInstance(plants: 40, markets: 1, products: 10, periods: 20)
        while instance.nonzeros < nonzeros { instance.markets += 1 }
        return instance
    }

    struct PlantPeriod: Hashable, Sendable { let p: Int, k: Int, t: Int }
    struct MarketPeriod: Hashable, Sendable { let m: Int, k: Int, t: Int }
    struct PlantTime: Hashable, Sendable { let p: Int, t: Int }

    /// Position of a plant-period in `plantPeriods` (periods outermost, plants innermost).
    func plantIndex(_ k: PlantPeriod) -> Int { (k.t * products + k.k) * plants + k.p }
    /// Position of a market-period in `marketPeriods`.
    func marketIndex(_ k: MarketPeriod) -> Int { (k.t * products + k.k) * markets + k.m }

    /// Builds the model. Data: plants and markets on a 1000 × 1000 square, freight proportional to distance.
    func build() -> Model {
        var random = SplitMix64(seed: 20_240_601)
        let plantXY = (0..<plants).map { _ in (random.unit() * 1000, random.unit() * 1000) }
        let marketXY = (0..<markets).map { _ in (random.unit() * 1000, random.unit() * 1000) }
        let hoursPerUnit = (0..<products).map { _ in 0.5 + random.unit() }
        let value = (0..<products).map { _ in 50 + 50 * random.unit() }
        let demandLevel = (0..<markets).map { _ in 20 + 80 * random.unit() }
        // Plants can make about 90 % of total demand in working hours: some demand goes short.
        let totalHours = demandLevel.reduce(0, +) * Double(products) * hoursPerUnit.reduce(0, +) / Double(products) * 0.9
        let hoursAvailable = (0..<plants).map { _ in totalHours / Double(plants) * (0.7 + 0.6 * random.unit()) }

        let plantPeriods = (0..<periods).flatMap { t in (0..<products).flatMap { k in (0..<plants).map { PlantPeriod(p: $0, k: k, t: t) } } }
        let marketPeriods = (0..<periods).flatMap { t in (0..<products).flatMap { k in (0..<markets).map { MarketPeriod(m: $0, k: k, t: t) } } }
        var model = Model(name: "supply-chain")
        let (p, m, k, t) = (plants, markets, products, periods)
        model.reserveCapacity(variables: p * k * t * (m + 2) + m * k * t, constraints: p * k * t + m * k * t + p * t, nonzeros: nonzeros)
        let make = model.addVariables("make", plantPeriods, upper: 1e6) { "p\($0.p),k\($0.k),t\($0.t)" }
        let stock = model.addVariables("stock", plantPeriods, upper: 500) { "p\($0.p),k\($0.k),t\($0.t)" }
        let short = model.addVariables("short", marketPeriods) { "m\($0.m),k\($0.k),t\($0.t)" }

        var cost = LinearExpression()
        for (key, v) in make.elements { cost.add(v, 10 + Double(key.k)) }
        for (_, v) in stock.elements { cost.add(v, 0.5) }
        for (key, v) in short.elements { cost.add(v, value[key.k]) }

        // Shipments, nearly all of the model, are a dense array rather than a keyed family: each enters two
        // rows, and looking millions of them up by key (a hash probe per term) would cost more than the rest
        // of the model. Each is added straight to its two rows' expressions, as whole-array modelling tools do.
        // Their names, ship[t,k,p,m], are generated only when something reads them (files, reports).
        var outflow = [LinearExpression](repeating: LinearExpression(), count: plantPeriods.count)
        var inflow = [LinearExpression](repeating: LinearExpression(), count: marketPeriods.count)
        let ship = named ? model.addVariables("ship", shape: [periods, products, plants, markets]) : nil
        for (i, pp) in plantPeriods.enumerated() {
            outflow[i].terms.reserveCapacity(markets)
            for m in 0..<markets {
                // plantPeriods runs t, k, p (p fastest), as the shape does.
                let v = ship?[offset: i * markets + m] ?? model.addVariable()
                let (a, b) = (plantXY[pp.p], marketXY[m])
                cost.add(v, 0.01 * ((a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1)).squareRoot())
                outflow[i].add(v, -1)
                inflow[marketIndex(MarketPeriod(m: m, k: pp.k, t: pp.t))].add(v)
            }
        }
        model.setObjective(cost, .minimize)

        // Each row takes its expression out of the array (a swap, not a copy of its terms).
        _ = model.addConstraints("balance", plantPeriods, label: { "p\($0.p),k\($0.k),t\($0.t)" }) { key in
            var flow = LinearExpression()
            swap(&flow, &outflow[plantIndex(key)])
            if key.t > 0 { flow.add(stock[PlantPeriod(p: key.p, k: key.k, t: key.t - 1)]) }
            flow.add(make[key])
            flow.add(stock[key], -1)
            return flow == 0
        }
        _ = model.addConstraints("demand", marketPeriods, label: { "m\($0.m),k\($0.k),t\($0.t)" }) { key in
            var supply = LinearExpression()
            swap(&supply, &inflow[marketIndex(key)])
            supply.add(short[key])
            let seasonal = 1 + 0.2 * Double((key.t * 7 + key.k) % 5 - 2) / 2
            return supply >= (demandLevel[key.m] * seasonal).rounded()
        }
        let plantTimes = (0..<periods).flatMap { t in (0..<plants).map { PlantTime(p: $0, t: t) } }
        _ = model.addConstraints("hours", plantTimes, label: { "p\($0.p),t\($0.t)" }) { key in
            var load = LinearExpression()
            for k in 0..<products { load.add(make[PlantPeriod(p: key.p, k: k, t: key.t)], hoursPerUnit[k]) }
            return load <= hoursAvailable[key.p].rounded()
        }
        return model
    }
}

/// A small, fast, seedable generator (SplitMix64), so instances are the same on every machine.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// A uniform number in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
