"""The synthetic supply-chain LP of alchain-bench (Sources/alchain-bench/SupplyChainInstance.swift), data only.

The same SplitMix64 generator, seed and draw order as the Swift code, so every tool builds the same problem:

    make[p,k,t]   in [0, 1e6],  cost 10 + k
    stock[p,k,t]  in [0, 500],  cost 0.5
    short[m,k,t]  >= 0,         cost value[k]
    ship[p,m,k,t] >= 0,         cost 0.01 * distance(p, m)

    balance[p,k,t]  stock[p,k,t-1] + make[p,k,t] - sum_m ship[p,m,k,t] - stock[p,k,t] = 0
    demand[m,k,t]   sum_p ship[p,m,k,t] + short[m,k,t] >= demand[m,k,t]
    hours[p,t]      sum_k hours_per_unit[k] * make[p,k,t] <= hours_available[p]
"""
import math

MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def unit(self):
        return (self.next() >> 11) / float(1 << 53)


def swift_round(x):
    """Swift's Double.rounded(): half away from zero (Python's round() rounds half to even)."""
    return math.floor(x + 0.5) if x >= 0 else -math.floor(-x + 0.5)


def with_nonzeros(nonzeros):
    """The smallest instance with 40 plants, 10 products and 20 periods and at least `nonzeros` nonzeros."""
    p, m, k, t = 40, 1, 10, 20
    while count_nonzeros(p, m, k, t) < nonzeros:
        m += 1
    return p, m, k, t


def count_nonzeros(p, m, k, t):
    return p * k * t * (m + 3) - p * k + m * k * t * (p + 1) + p * t * k


class Data:
    def __init__(self, plants, markets, products, periods):
        self.P, self.M, self.K, self.T = plants, markets, products, periods
        r = SplitMix64(20_240_601)
        plant_xy = [(r.unit() * 1000, r.unit() * 1000) for _ in range(plants)]
        market_xy = [(r.unit() * 1000, r.unit() * 1000) for _ in range(markets)]
        self.hours_per_unit = [0.5 + r.unit() for _ in range(products)]
        self.value = [50 + 50 * r.unit() for _ in range(products)]
        demand_level = [20 + 80 * r.unit() for _ in range(markets)]
        total_hours = sum_left(demand_level) * float(products) * sum_left(self.hours_per_unit) / float(products) * 0.9
        self.hours_available = [swift_round(total_hours / float(plants) * (0.7 + 0.6 * r.unit())) for _ in range(plants)]
        self.freight = [[0.01 * math.sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1])) for b in market_xy]
                        for a in plant_xy]
        self.demand = [[[swift_round(demand_level[m] * (1 + 0.2 * float((t * 7 + k) % 5 - 2) / 2)) for t in range(periods)]
                        for k in range(products)] for m in range(markets)]

    def make_cost(self, k):
        return 10 + float(k)


def sum_left(xs):
    s = 0.0
    for x in xs:
        s += x
    return s
