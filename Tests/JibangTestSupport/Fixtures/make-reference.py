"""Generates reference-statistics.json with SciPy, once; the tests compare against it.

Run: python3 -m pip install scipy numpy && python3 make-reference.py > reference-statistics.json
Python is never needed at test or run time.
"""
import json

import numpy as np
import scipy
from scipy import stats
from scipy.special import ndtri


def fisher_ci(r, n, se, confidence):
    if abs(r) >= 1:
        return r, r
    z = np.arctanh(r)
    q = ndtri((1 + confidence) / 2)
    return float(np.tanh(z - q * se)), float(np.tanh(z + q * se))


def correlations(x, y, confidence):
    n = len(x)
    p = stats.pearsonr(x, y)
    ci = p.confidence_interval(confidence_level=confidence)
    s = stats.spearmanr(x, y)
    slo, shi = fisher_ci(s.statistic, n, np.sqrt(1.06 / (n - 3)), confidence)
    return {
        "pearson": {"r": float(p.statistic), "p": float(p.pvalue), "ci_low": float(ci.low), "ci_high": float(ci.high)},
        "spearman": {"r": float(s.statistic), "p": float(s.pvalue), "ci_low": slo, "ci_high": shi},
    }


def lags(x, y, k):
    out = []
    n = len(x)
    for lag in range(-k, k + 1):
        if n - abs(lag) < 4:
            continue
        a = x[max(0, -lag): n - max(0, lag)]
        b = y[max(0, lag): n - max(0, -lag)]
        if np.all(a == a[0]) or np.all(b == b[0]):
            continue
        out.append({"lag": lag, "r": float(stats.pearsonr(a, b).statistic), "n": len(a)})
    return out


rng = np.random.default_rng(20241)
cases = []

# Mentions per year, 1995-2019, in the New Year texts fixture: 지방공업|지방경제 and 군수공업|국방공업.
regional = [2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 6, 1, 0, 1, 0, 0, 0, 2, 2]
defence = [0, 0, 0, 0, 1, 0, 0, 0, 1, 1, 3, 1, 1, 1, 1, 1, 2, 1, 1, 1, 2, 2, 0, 3, 3]
cases.append(("new-year mentions, regional vs defence", regional, defence, 0.95, 3))
x = rng.normal(size=12)
cases.append(("random normal, n=12", list(x), list(0.6 * x + rng.normal(size=12)), 0.95, 3))
x = rng.normal(size=30)
cases.append(("random normal, n=30, 90%", list(x), list(rng.normal(size=30)), 0.90, 5))
t = np.arange(15, dtype=float)
cases.append(("inverse with noise, n=15", list(100 - 3 * t + rng.normal(scale=4, size=15)), list(20 + 2 * t + rng.normal(scale=5, size=15)), 0.95, 2))
cases.append(("heavy ties, n=9", [1, 1, 2, 2, 2, 3, 5, 5, 8], [0, 1, 1, 1, 4, 4, 4, 9, 9], 0.95, 1))
cases.append(("shortest, n=4", [1.5, 2.0, 3.7, 2.2], [10.0, 9.0, 4.0, 7.5], 0.95, 0))

out = {"scipy": scipy.__version__, "numpy": np.__version__, "cases": []}
for name, x, y, confidence, k in cases:
    x = np.array(x, dtype=float)
    y = np.array(y, dtype=float)
    case = {"name": name, "x": [float(v) for v in x], "y": [float(v) for v in y], "confidence": confidence, "max_lag": k}
    case["levels"] = correlations(x, y, confidence)
    case["differences"] = correlations(np.diff(x), np.diff(y), confidence) if len(x) >= 5 else None
    case["lags"] = lags(x, y, k)
    case["ranks_x"] = [float(v) for v in stats.rankdata(x)]
    out["cases"].append(case)

out["student_t_two_sided"] = [
    {"t": t, "df": df, "p": float(2 * stats.t.sf(abs(t), df))} for t, df in [(0.5, 3), (2.1, 10), (-3.7, 23), (1.0, 1), (8.0, 50), (0.01, 200)]
]
out["normal_quantile"] = [{"p": p, "z": float(ndtri(p))} for p in [0.975, 0.95, 0.5, 0.001, 0.999, 1e-10, 0.3]]
print(json.dumps(out, indent=1))
