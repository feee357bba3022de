"""Reference values for evaluating an intervention (src/dashboard/evaluation.rs).

Writes tests/fixtures/evaluation.json, which tests/evaluation.rs reads: the engine sees
only each group's published summary (n, mean, SD, index), the reference works on the raw
per-respondent scores behind it. Regenerate with:

    pip install -r reference/requirements.txt
    python3 reference/evaluation.py

- pool: numpy's n, mean, SD (ddof=1) and index of the concatenated raw scores;
- difference in differences: statsmodels OLS of score ~ treated * after on the stacked raw
  scores of the four groups, with HC2 standard errors (the model is saturated, one mean
  per cell, so HC2 gives exactly sqrt(sum s^2 / n)); the index estimate from the same OLS
  on the scores mapped to 0-100; Welch-Satterthwaite degrees of freedom over the four
  groups; p and the 95% interval from scipy.stats.t. Undefined cases (a group with n < 2,
  no variance in any group) expect null.

Data: synthetic dimension scores on a 1-5 scale, each the mean of four Likert items of a
respondent (latent readiness plus item noise, rounded and clipped to the scale), with a
fixed seed (numpy's PCG64 stream is stable across versions).
"""

import json
import math
from importlib.metadata import version
from pathlib import Path

import numpy as np
import pandas as pd
import statsmodels.formula.api as smf
from scipy import stats

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
LO, HI = 1, 5
ITEMS = 4

# A group is (n, latent mean, latent SD) or a fixed list of scores.
# Order: target before, target after, comparison before, comparison after.
DID_CASES = [
    ("small", [(3, 2.8, 0.6), (4, 3.4, 0.9), (5, 3.0, 0.5), (2, 3.1, 0.7)]),
    ("minimal", [(2, 3.0, 0.8), (2, 3.5, 0.8), (2, 2.9, 0.8), (3, 3.0, 0.8)]),
    ("medium", [(12, 3.0, 0.7), (15, 3.6, 0.6), (40, 3.1, 0.8), (38, 3.2, 0.8)]),
    ("large target", [(400, 2.9, 0.9), (380, 3.3, 0.5), (25, 3.0, 1.2), (30, 3.1, 0.4)]),
    ("large comparison", [(60, 3.2, 0.8), (55, 3.3, 0.8), (400, 3.0, 0.7), (410, 3.4, 0.7)]),
    ("no effect", [(8, 3.0, 0.9), (9, 3.2, 0.9), (7, 3.0, 0.9), (10, 3.2, 0.9)]),
    ("large", [(400, 3.0, 0.3), (420, 3.4, 1.1), (390, 3.1, 0.6), (405, 3.2, 0.9)]),
    ("unequal", [(5, 2.5, 1.3), (150, 3.5, 0.4), (90, 3.0, 0.2), (4, 3.0, 1.4)]),
    ("one constant group", [[3.0] * 5, [3.25, 3.5, 4.0, 2.75], [3.0, 3.5, 2.5, 3.25],
                            [3.5, 3.75, 3.0, 3.25, 4.0]]),
    ("constant comparison", [(6, 2.8, 0.8), (6, 3.6, 0.8), [3.0] * 4, [3.5] * 4]),
    ("a group of one", [(10, 3.0, 0.8), [4.0], (10, 3.0, 0.8), (10, 3.2, 0.8)]),
    ("all constant", [[3.0] * 3, [3.5] * 4, [3.0] * 5, [3.25] * 2]),
]

# Comparison groups built from several units each: (before units, after units).
POOLED_COMPARISONS = [
    ("pooled comparison", [(20, 3.6, 0.7), (14, 3.0, 0.5)],
     [[(3, 2.7, 0.9), (25, 3.1, 0.6), (60, 3.3, 1.0)],
      [(4, 2.9, 0.9), (22, 3.2, 0.6), (70, 3.3, 0.8)]]),
]

POOL_CASES = [
    ("three units", [(4, 2.6, 0.9), (25, 3.2, 0.6), (400, 3.5, 0.8)]),
    ("two small", [(2, 2.5, 1.0), (3, 3.8, 0.7)]),
    ("with a single respondent", [(1, 4.0, 0.5), (6, 3.0, 0.8), (12, 3.3, 0.6)]),
    ("with a constant group", [[4.0] * 3, (10, 3.0, 0.9)]),
    ("one group", [(30, 3.1, 0.7)]),
    ("two singletons", [[2.0], [4.5]]),
    ("five units", [(7, 2.9, 0.8), (11, 3.4, 0.5), (3, 2.2, 1.2), (150, 3.0, 0.7),
                    (45, 3.8, 0.4)]),
    ("one respondent", [[3.0]]),
]


def scores(rng, group):
    """Raw dimension scores: fixed, or the mean of ITEMS Likert items per respondent."""
    if isinstance(group, list):
        return np.array(group, dtype=float)
    n, mu, tau = group
    theta = rng.normal(mu, tau, size=n)
    items = np.clip(np.rint(theta[:, None] + rng.normal(0, 0.6, size=(n, ITEMS))), LO, HI)
    return items.mean(axis=1)


def index(x):
    return (x - LO) / (HI - LO) * 100


def summary(x):
    """What a visible report publishes: n, mean, SD (ddof=1; 0 for n = 1), index."""
    n = len(x)
    mean = x.mean()
    return {"n": n, "mean": mean, "sd": x.std(ddof=1) if n > 1 else 0.0, "index": index(mean)}


def pooled(parts):
    x = np.concatenate(parts)
    return summary(x) if len(x) >= 2 else None


def did(raw):
    """Difference in differences on the stacked raw scores of the four groups."""
    if any(len(x) < 2 for x in raw) or all(x.std() == 0 for x in raw):
        return None
    cells = [(1, 0), (1, 1), (0, 0), (0, 1)]
    frame = pd.concat(
        [pd.DataFrame({"y": x, "treated": t, "after": a}) for x, (t, a) in zip(raw, cells)],
        ignore_index=True,
    )
    frame["y_index"] = index(frame["y"])
    fit = smf.ols("y ~ treated * after", data=frame).fit(cov_type="HC2")
    fit_index = smf.ols("y_index ~ treated * after", data=frame).fit(cov_type="HC2")
    estimate = fit.params["treated:after"]
    se = fit.bse["treated:after"]
    v = np.array([x.var(ddof=1) / len(x) for x in raw])
    df = v.sum() ** 2 / (v**2 / np.array([len(x) - 1 for x in raw])).sum()
    # cross-checks of the OLS against the cell means and the closed-form standard error
    means = [x.mean() for x in raw]
    closed = (means[1] - means[0]) - (means[3] - means[2])
    assert abs(estimate - closed) <= 1e-10 * max(abs(closed), 1.0), (estimate, closed)
    assert abs(se - math.sqrt(v.sum())) <= 1e-10 * se, (se, math.sqrt(v.sum()))
    t = estimate / se
    half = stats.t.ppf(0.975, df) * se
    return {
        "target_change": means[1] - means[0],
        "comparison_change": means[3] - means[2],
        "estimate": estimate,
        "index_estimate": fit_index.params["treated:after"],
        "standard_error": se,
        "df": df,
        "t": t,
        "p": 2 * stats.t.sf(abs(t), df),
        "ci": [estimate - half, estimate + half],
    }


GROUPS = ["target_before", "target_after", "comparison_before", "comparison_after"]


def did_cases(rng):
    cases = []
    for kind, groups in DID_CASES:
        raw = [scores(rng, g) for g in groups]
        case = {"kind": kind, "expected": did(raw)}
        case.update({name: summary(x) for name, x in zip(GROUPS, raw)})
        cases.append(case)
    for kind, target, (before_units, after_units) in POOLED_COMPARISONS:
        raw_target = [scores(rng, g) for g in target]
        units = [[scores(rng, g) for g in before_units], [scores(rng, g) for g in after_units]]
        raw = raw_target + [np.concatenate(u) for u in units]
        case = {"kind": kind, "expected": did(raw)}
        case.update({name: summary(x) for name, x in zip(GROUPS, raw)})
        case["comparison_units"] = {
            "before": [summary(x) for x in units[0]],
            "after": [summary(x) for x in units[1]],
        }
        cases.append(case)
    return cases


def pool_cases(rng):
    cases = []
    for kind, groups in POOL_CASES:
        raw = [scores(rng, g) for g in groups]
        cases.append({"kind": kind, "groups": [summary(x) for x in raw], "expected": pooled(raw)})
    return cases


def fnum(x):
    x = float(x)
    return x if math.isfinite(x) else None


def clean(o):
    """Plain JSON types; NaN/inf become null."""
    if isinstance(o, dict):
        return {str(k): clean(v) for k, v in o.items()}
    if isinstance(o, (list, tuple, np.ndarray)):
        return [clean(v) for v in o]
    if isinstance(o, (bool, np.bool_)):
        return bool(o)
    if isinstance(o, (int, np.integer)):
        return int(o)
    if isinstance(o, (float, np.floating)):
        return fnum(o)
    return o


def main():
    rng = np.random.default_rng(20261215)
    out = {
        "versions": {p: version(p) for p in ["numpy", "pandas", "scipy", "statsmodels"]},
        "scale": [LO, HI],
        "pool": pool_cases(rng),
        "difference_in_differences": did_cases(rng),
    }
    with open(FIXTURES / "evaluation.json", "w") as f:
        json.dump(clean(out), f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
