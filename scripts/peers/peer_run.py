"""One measurement of one Python modelling tool on the alchain-bench instance, in its own process.

    python peer_run.py TOOL PxMxKxT MODE [WORKDIR]

TOOL: pulp, pyomo or linopy. MODE: build (the tool's in-memory model), handoff (build, then the file the tool
passes to glpsol: a CPLEX LP file), solve (build and solve with GLPK through the tool; prints the objective).
Prints one JSON line: build_s, total_s (build + hand-off) and objective. Imports, and a warm-up build of a tiny instance, are not timed.
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from instance import Data  # noqa: E402


def build_pulp(d):
    import pulp
    P, M, K, T = range(d.P), range(d.M), range(d.K), range(d.T)
    prob = pulp.LpProblem("supply_chain", pulp.LpMinimize)
    make = {(p, k, t): pulp.LpVariable(f"make_p{p}_k{k}_t{t}", 0, 1e6) for t in T for k in K for p in P}
    stock = {(p, k, t): pulp.LpVariable(f"stock_p{p}_k{k}_t{t}", 0, 500) for t in T for k in K for p in P}
    short = {(m, k, t): pulp.LpVariable(f"short_m{m}_k{k}_t{t}", 0) for t in T for k in K for m in M}
    ship = {(p, m, k, t): pulp.LpVariable(f"ship_p{p}_m{m}_k{k}_t{t}", 0) for t in T for k in K for p in P for m in M}
    cost = [(v, d.make_cost(k)) for (p, k, t), v in make.items()]
    cost += [(v, 0.5) for v in stock.values()]
    cost += [(v, d.value[k]) for (m, k, t), v in short.items()]
    cost += [(v, d.freight[p][m]) for (p, m, k, t), v in ship.items()]
    prob += pulp.LpAffineExpression(cost)
    for t in T:
        for k in K:
            for p in P:
                terms = [(ship[p, m, k, t], -1.0) for m in M] + [(make[p, k, t], 1.0), (stock[p, k, t], -1.0)]
                if t > 0:
                    terms.append((stock[p, k, t - 1], 1.0))
                prob += pulp.LpConstraint(pulp.LpAffineExpression(terms), pulp.LpConstraintEQ, f"balance_p{p}_k{k}_t{t}", 0)
            for m in M:
                terms = [(ship[p, m, k, t], 1.0) for p in P] + [(short[m, k, t], 1.0)]
                prob += pulp.LpConstraint(pulp.LpAffineExpression(terms), pulp.LpConstraintGE, f"demand_m{m}_k{k}_t{t}", d.demand[m][k][t])
        for p in P:
            terms = [(make[p, k, t], d.hours_per_unit[k]) for k in K]
            prob += pulp.LpConstraint(pulp.LpAffineExpression(terms), pulp.LpConstraintLE, f"hours_p{p}_t{t}", d.hours_available[p])
    return prob


def handoff_pulp(prob, work):
    prob.writeLP(os.path.join(work, "pulp.lp"))  # what pulp.GLPK_CMD passes to glpsol


def solve_pulp(prob, work):
    import pulp
    prob.solve(pulp.GLPK_CMD(msg=False))
    return pulp.value(prob.objective)


def build_pyomo(d):
    import pyomo.environ as pyo
    m_ = pyo.ConcreteModel()
    m_.P, m_.M, m_.K, m_.T = (pyo.RangeSet(0, n - 1) for n in (d.P, d.M, d.K, d.T))
    m_.make = pyo.Var(m_.P, m_.K, m_.T, bounds=(0, 1e6))
    m_.stock = pyo.Var(m_.P, m_.K, m_.T, bounds=(0, 500))
    m_.short = pyo.Var(m_.M, m_.K, m_.T, bounds=(0, None))
    m_.ship = pyo.Var(m_.P, m_.M, m_.K, m_.T, bounds=(0, None))
    m_.cost = pyo.Objective(expr=pyo.quicksum(d.make_cost(k) * m_.make[p, k, t] for p in m_.P for k in m_.K for t in m_.T)
                            + pyo.quicksum(0.5 * m_.stock[p, k, t] for p in m_.P for k in m_.K for t in m_.T)
                            + pyo.quicksum(d.value[k] * m_.short[m, k, t] for m in m_.M for k in m_.K for t in m_.T)
                            + pyo.quicksum(d.freight[p][m] * m_.ship[p, m, k, t] for p in m_.P for m in m_.M for k in m_.K for t in m_.T),
                            sense=pyo.minimize)

    def balance(b, p, k, t):
        flow = m_.make[p, k, t] - m_.stock[p, k, t] - pyo.quicksum(m_.ship[p, m, k, t] for m in m_.M)
        return (flow + m_.stock[p, k, t - 1] if t > 0 else flow) == 0
    m_.balance = pyo.Constraint(m_.P, m_.K, m_.T, rule=balance)
    m_.demand = pyo.Constraint(m_.M, m_.K, m_.T, rule=lambda b, m, k, t:
                               pyo.quicksum(m_.ship[p, m, k, t] for p in m_.P) + m_.short[m, k, t] >= d.demand[m][k][t])
    m_.hours = pyo.Constraint(m_.P, m_.T, rule=lambda b, p, t:
                              pyo.quicksum(d.hours_per_unit[k] * m_.make[p, k, t] for k in m_.K) <= d.hours_available[p])
    return m_


def handoff_pyomo(model, work):
    model.write(os.path.join(work, "pyomo.lp"), format="lp")  # what Pyomo's glpk plugin passes to glpsol


def solve_pyomo(model, work):
    import pyomo.environ as pyo
    pyo.SolverFactory("glpk").solve(model)
    return pyo.value(model.cost)


def build_linopy(d):
    import warnings

    import linopy
    import numpy as np
    # linopy 0.10 warns that shift()'s absent slot will propagate under its future "v1" semantics; under the
    # current semantics it contributes 0, which is what balance[t = 0] means (no stock before the first period).
    warnings.filterwarnings("ignore", category=linopy.LinopySemanticsWarning)
    import xarray as xr
    P, M, K, T = (np.arange(n) for n in (d.P, d.M, d.K, d.T))
    m_ = linopy.Model()
    make = m_.add_variables(lower=0, upper=1e6, coords=[("p", P), ("k", K), ("t", T)], name="make")
    stock = m_.add_variables(lower=0, upper=500, coords=[("p", P), ("k", K), ("t", T)], name="stock")
    short = m_.add_variables(lower=0, coords=[("m", M), ("k", K), ("t", T)], name="short")
    ship = m_.add_variables(lower=0, coords=[("p", P), ("m", M), ("k", K), ("t", T)], name="ship")
    freight = xr.DataArray(np.array(d.freight), coords=[("p", P), ("m", M)])
    value = xr.DataArray(np.array(d.value), coords=[("k", K)])
    make_cost = xr.DataArray(np.array([d.make_cost(k) for k in K]), coords=[("k", K)])
    hpu = xr.DataArray(np.array(d.hours_per_unit), coords=[("k", K)])
    demand = xr.DataArray(np.array(d.demand, dtype=float), coords=[("m", M), ("k", K), ("t", T)])
    hours = xr.DataArray(np.array(d.hours_available, dtype=float), coords=[("p", P)])
    m_.add_objective((make_cost * make).sum() + (0.5 * stock).sum() + (value * short).sum() + (freight * ship).sum())
    m_.add_constraints(stock.shift(t=1) + make - ship.sum("m") - stock == 0, name="balance")
    m_.add_constraints(ship.sum("p") + short >= demand, name="demand")
    m_.add_constraints((hpu * make).sum("k") <= hours, name="hours")
    return m_


def handoff_linopy(model, work):
    model.to_file(os.path.join(work, "linopy.lp"))  # what linopy's glpk interface passes to glpsol


def solve_linopy(model, work):
    model.solve(solver_name="glpk")
    return float(model.objective.value)


def main():
    tool, spec, mode = sys.argv[1], sys.argv[2], sys.argv[3]
    work = sys.argv[4] if len(sys.argv) > 4 else "."
    data = Data(*(int(x) for x in spec.split("x")))
    build, handoff, solve = (globals()[f"{f}_{tool}"] for f in ("build", "handoff", "solve"))
    # Untimed warm-up on a tiny instance: the tools import parts of themselves (and of xarray, polars, …) on
    # first use, which costs linopy about 2 s; the timed build then measures modelling, not imports.
    build(Data(2, 2, 2, 2))
    start = time.perf_counter()
    model = build(data)
    built = time.perf_counter()
    objective = None
    if mode == "handoff":
        handoff(model, work)
    elif mode == "solve":
        objective = solve(model, work)
    done = time.perf_counter()
    print(json.dumps({"build_s": built - start, "total_s": done - start, "objective": objective}))


if __name__ == "__main__":
    main()
