"""Writes the MathProg data file of the alchain-bench instance: python mathprog_data.py PxMxKxT OUT.dat"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from instance import Data  # noqa: E402

d = Data(*(int(x) for x in sys.argv[1].split("x")))
with open(sys.argv[2], "w") as f:
    f.write(f"data;\nparam NP := {d.P};\nparam NM := {d.M};\nparam NK := {d.K};\nparam NT := {d.T};\n")
    f.write("param freight :=\n" + "\n".join(f"{p} {m} {d.freight[p][m]!r}" for p in range(d.P) for m in range(d.M)) + ";\n")
    f.write("param hpu :=\n" + "\n".join(f"{k} {x!r}" for k, x in enumerate(d.hours_per_unit)) + ";\n")
    f.write("param value :=\n" + "\n".join(f"{k} {x!r}" for k, x in enumerate(d.value)) + ";\n")
    f.write("param demand :=\n" + "\n".join(f"{m} {k} {t} {d.demand[m][k][t]}" for m in range(d.M) for k in range(d.K) for t in range(d.T)) + ";\n")
    f.write("param hav :=\n" + "\n".join(f"{p} {x}" for p, x in enumerate(d.hours_available)) + ";\nend;\n")
