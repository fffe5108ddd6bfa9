/* The synthetic supply-chain LP of alchain-bench (Sources/alchain-bench/SupplyChainInstance.swift) in GNU
   MathProg; the data file is written by mathprog_data.py from the same generator. */
param NP integer > 0; param NM integer > 0; param NK integer > 0; param NT integer > 0;
set P := 0..NP-1; set M := 0..NM-1; set K := 0..NK-1; set T := 0..NT-1;
param freight{P, M}; param hpu{K}; param value{K}; param demand{M, K, T}; param hav{P};
var make{P, K, T} >= 0, <= 1e6;
var stock{P, K, T} >= 0, <= 500;
var short{M, K, T} >= 0;
var ship{P, M, K, T} >= 0;
minimize cost: sum{p in P, k in K, t in T} (10 + k) * make[p, k, t] + sum{p in P, k in K, t in T} 0.5 * stock[p, k, t]
    + sum{m in M, k in K, t in T} value[k] * short[m, k, t] + sum{p in P, m in M, k in K, t in T} freight[p, m] * ship[p, m, k, t];
s.t. balance{p in P, k in K, t in T}: (if t > 0 then stock[p, k, t - 1]) + make[p, k, t] - sum{m in M} ship[p, m, k, t] - stock[p, k, t] = 0;
s.t. dem{m in M, k in K, t in T}: sum{p in P} ship[p, m, k, t] + short[m, k, t] >= demand[m, k, t];
s.t. hours{p in P, t in T}: sum{k in K} hpu[k] * make[p, k, t] <= hav[p];
end;
