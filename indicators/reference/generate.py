"""Reference values for the indicator engine, from independent implementations.

Reads tests/fixtures/{items,units,responses}_{a,b}.csv and writes
tests/fixtures/reference.json; also writes tests/fixtures/dashboard.json (the dashboard's
wave change from published summaries, on generated samples). The Rust tests
tests/reference.rs and tests/dashboard.rs recompute every value with the engine and
compare. Regenerate with:

    pip install -r reference/requirements.txt
    python3 reference/generate.py

Conventions shared with the engine (see README.md):
- reverse-keyed x' = min + max - x; dimension score = mean of answered items when at
  least ceil(k/2) of the k items are answered, else missing;
- quantiles: numpy's default linear interpolation (Hyndman & Fan type 7);
- favourable: scored value >= max - 1;
- reliability on complete cases of the dimension's items (listwise);
- the "rest of the organisation" is every wave-1 respondent outside the unit.
"""

import json
import math
import warnings
from importlib.metadata import version
from pathlib import Path

import numpy as np
import pandas as pd
import pingouin as pg
import statsmodels.formula.api as smf
from scipy import stats
from statsmodels.stats.anova import anova_lm
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
SCALES = {"a": (1, 5), "b": (1, 6)}
DRIVER_OUTCOME = {"a": "change_efficacy", "b": "reinforcement"}
STAGES = ["awareness", "desire", "knowledge", "ability", "reinforcement"]
# Groups smaller than this get no reliability/statistics in the reference; the Rust test
# uses the same threshold and expects those to be suppressed.
THRESHOLD = 3


def fnum(x):
    """JSON number, or None for NaN/inf (then the engine must report 'undefined')."""
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


def load(name):
    items = pd.read_csv(FIXTURES / f"items_{name}.csv")
    units = pd.read_csv(FIXTURES / f"units_{name}.csv")
    resp = pd.read_csv(FIXTURES / f"responses_{name}.csv")
    lo, hi = SCALES[name]
    scored = resp.copy()
    for _, row in items.iterrows():
        col = scored[row["item"]].astype(float)
        scored[row["item"]] = (lo + hi - col) if row["reverse_keyed"] else col
    dims = {}
    for _, row in items.iterrows():
        dims.setdefault(row["dimension"], []).append(row["item"])
    for dim, cols in dims.items():
        answered = scored[cols].notna().sum(axis=1)
        score = scored[cols].mean(axis=1, skipna=True)
        score[answered < math.ceil(len(cols) / 2)] = np.nan
        scored["dim:" + dim] = score
    headcount = dict(zip(units["unit"], units["headcount"]))
    return items, dims, headcount, scored


def summary(x, lo, hi, headcount, is_item):
    x = x.dropna().to_numpy(dtype=float)
    n = len(x)
    out = {"n": n}
    if n < THRESHOLD:
        return out
    mean = x.mean()
    sd = x.std(ddof=1)
    q1, med, q3 = np.percentile(x, [25, 50, 75])
    fav = int((x >= hi - 1).sum())
    w_lo, w_hi = proportion_confint(fav, n, alpha=0.05, method="wilson")
    tcrit = stats.t.ppf(0.975, n - 1)
    se = sd / math.sqrt(n)
    # independent check of the t interval
    t_lo, t_hi = stats.t.interval(0.95, n - 1, loc=mean, scale=se) if sd > 0 else (mean, mean)
    out.update(
        mean=mean, sd=sd, median=med, q1=q1, q3=q3, iqr=q3 - q1,
        favourable=fav, wilson=[w_lo, w_hi],
        t_ci=[t_lo, t_hi], index=(mean - lo) / (hi - lo) * 100,
    )
    if headcount is not None and n <= headcount:
        fpc = math.sqrt((headcount - n) / (headcount - 1))
        out["fpc"] = fpc
        out["fpc_ci"] = [mean - tcrit * se * fpc, mean + tcrit * se * fpc]
    if is_item:
        out["counts"] = [int((x == v).sum()) for v in range(lo, hi + 1)]
    return out


def reliability(frame):
    complete = frame.dropna(how="any")
    n, k = complete.shape
    out = {"n": n}
    if n < THRESHOLD or k < 2:
        return out
    alpha_listwise, _ = pg.cronbach_alpha(frame, nan_policy="listwise")
    # pingouin takes n before dropping incomplete rows for its CI; pass complete cases.
    alpha, ci_rounded = pg.cronbach_alpha(complete)
    assert abs(alpha - alpha_listwise) < 1e-12
    df1, df2 = n - 1, (n - 1) * (k - 1)
    lower = 1 - (1 - alpha) * stats.f.isf(0.025, df1, df2)
    upper = 1 - (1 - alpha) * stats.f.isf(0.975, df1, df2)
    item_rest, if_deleted = [], []
    for col in complete.columns:
        rest = complete.drop(columns=col).sum(axis=1)
        item_rest.append(fnum(complete[col].corr(rest)))
        if k > 2:
            if_deleted.append(fnum(pg.cronbach_alpha(complete.drop(columns=col))[0]))
        else:
            if_deleted.append(None)
    out.update(
        alpha=alpha, feldt=[lower, upper], pingouin_ci_rounded=[float(c) for c in ci_rounded],
        item_rest=item_rest, alpha_if_deleted=if_deleted,
    )
    return out


def rwg_j(frame, lo, hi):
    if frame.notna().sum().min() < THRESHOLD:
        return None
    mean_var = frame.var(ddof=1, skipna=True).mean()
    a = hi - lo + 1
    sigma_eu = (a * a - 1) / 12
    ratio = mean_var / sigma_eu
    j = frame.shape[1]
    value = 0.0 if ratio >= 1 else j * (1 - ratio) / (j * (1 - ratio) + ratio)
    return {"value": value, "mean_variance": mean_var}


def group_block(g, items, dims, lo, hi, headcount):
    out = {"respondents": len(g), "items": {}, "dimensions": {}}
    if headcount is not None:
        out["headcount"] = headcount
        out["response_rate"] = len(g) / headcount
    for item in items["item"]:
        out["items"][item] = summary(g[item], lo, hi, headcount, True)
    for dim, cols in dims.items():
        block = summary(g["dim:" + dim], lo, hi, headcount, False)
        block["reliability"] = reliability(g[cols])
        block["rwg"] = rwg_j(g[cols], lo, hi)
        out["dimensions"][dim] = block
    return out


def drivers(g, dims, outcome):
    cols = ["dim:" + d for d in dims]
    complete = g[cols].dropna(how="any")
    overall = complete.mean(axis=1)
    out = {"n": len(complete), "overall": {}, "outcome": {}, "outcome_dimension": outcome}
    for d in dims:
        r, p = stats.pearsonr(complete["dim:" + d], overall)
        out["overall"][d] = {"r": r, "p": p}
        if d != outcome:
            r, p = stats.pearsonr(complete["dim:" + d], complete["dim:" + outcome])
            out["outcome"][d] = {"r": r, "p": p}
    return out


def compare_units(g, variable, units):
    samples = [g.loc[g["unit"] == u, variable].dropna().to_numpy(dtype=float) for u in units]
    allv = np.concatenate(samples)
    n_total, k = len(allv), len(samples)
    f, p = stats.f_oneway(*samples)
    grand = allv.mean()
    ssb = sum(len(s) * (s.mean() - grand) ** 2 for s in samples)
    sst = ((allv - grand) ** 2).sum()
    out = {"anova": {"f": f, "df1": k - 1, "df2": n_total - k, "p": p, "eta_squared": ssb / sst}}
    long = pd.DataFrame({"y": allv, "unit": np.repeat(units, [len(s) for s in samples])})
    try:
        w = pg.welch_anova(data=long, dv="y", between="unit")
        out["welch"] = {"f": float(w["F"][0]), "df1": float(w["ddof1"][0]),
                        "df2": float(w["ddof2"][0]), "p": float(w["p_unc"][0])}
    except ValueError:
        out["welch"] = None  # a group with zero variance: undefined
    h, pk = stats.kruskal(*samples)
    out["kruskal"] = {"h": h, "df": k - 1, "p": pk, "epsilon_squared": h / (n_total - 1)}
    # ICC(1), ICC(2) from the one-way ANOVA mean squares (statsmodels OLS).
    table = anova_lm(smf.ols("y ~ C(unit)", data=long).fit())
    msb = table.loc["C(unit)", "mean_sq"]
    msw = table.loc["Residual", "mean_sq"]
    sizes = np.array([len(s) for s in samples], dtype=float)
    k0 = (n_total - (sizes**2).sum() / n_total) / (k - 1)
    out["icc"] = {"k0": k0, "msb": msb, "msw": msw,
                  "icc1": (msb - msw) / (msb + (k0 - 1) * msw), "icc2": (msb - msw) / msb}
    # Each unit against the rest of the organisation (Welch), with Holm and BH.
    rest_tests = []
    for u, s in zip(units, samples):
        rest = g.loc[g["unit"] != u, variable].dropna().to_numpy(dtype=float)
        t = stats.ttest_ind(s, rest, equal_var=False)
        rest_tests.append({"unit": u, "t": t.statistic, "df": t.df, "p": t.pvalue})
    pvals = [r["p"] for r in rest_tests]
    holm = multipletests(pvals, method="holm")[1]
    bh = multipletests(pvals, method="fdr_bh")[1]
    for r, ph, pb in zip(rest_tests, holm, bh):
        r["p_holm"], r["p_bh"] = ph, pb
    out["unit_vs_rest"] = rest_tests
    return out


def wilson(count, n):
    return proportion_confint(count, n, alpha=0.05, method="wilson")


def compare_waves(earlier, later, hi):
    x1 = earlier.dropna().to_numpy(dtype=float)
    x2 = later.dropna().to_numpy(dtype=float)
    t = stats.ttest_ind(x2, x1, equal_var=False)
    g = pg.compute_effsize(x2, x1, paired=False, eftype="hedges")
    n1, n2 = len(x1), len(x2)
    pooled = math.sqrt(((n1 - 1) * x1.var(ddof=1) + (n2 - 1) * x2.var(ddof=1)) / (n1 + n2 - 2))
    g_hand = (x2.mean() - x1.mean()) / pooled * (1 - 3 / (4 * (n1 + n2) - 9))
    assert abs(g - g_hand) < 1e-12, (g, g_hand)
    c1, c2 = int((x1 >= hi - 1).sum()), int((x2 >= hi - 1).sum())
    lo_, up_ = confint_proportions_2indep(c2, n2, c1, n1, method="newcomb", compare="diff", alpha=0.05)
    # The same from Wilson intervals by hand (Newcombe 1998, method 10).
    p1, p2 = c1 / n1, c2 / n2
    l1, u1 = wilson(c1, n1)
    l2, u2 = wilson(c2, n2)
    d = p2 - p1
    hand = [d - math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2), d + math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)]
    assert abs(hand[0] - lo_) < 1e-12 and abs(hand[1] - up_) < 1e-12
    return {
        "welch": {"t": t.statistic, "df": t.df, "p": t.pvalue},
        "hedges_g": g,
        "favourable": {"count_earlier": c1, "n_earlier": n1, "count_later": c2, "n_later": n2,
                       "difference": d, "newcombe": [lo_, up_]},
    }


def dataset(name):
    items, dims, headcount, scored = load(name)
    lo, hi = SCALES[name]
    units = list(headcount)
    variables = list(items["item"]) + ["dim:" + d for d in dims]
    out = {"scale": {"min": lo, "max": hi}, "groups": {}, "comparisons": {}, "waves": {},
           "drivers": {}, "barriers": {}}
    waves = sorted(scored["wave"].unique())
    for wave in waves:
        w = scored[scored["wave"] == wave]
        for u in units:
            out["groups"][f"w{wave}/{u}"] = group_block(w[w["unit"] == u], items, dims, lo, hi, headcount[u])
        out["groups"][f"w{wave}/all"] = group_block(w, items, dims, lo, hi, sum(headcount.values()))
        out["drivers"][f"w{wave}/all"] = drivers(w, dims, DRIVER_OUTCOME[name])
        out["comparisons"][f"w{wave}"] = {v: compare_units(w, v, units) for v in variables}
    if len(waves) == 2:
        w1 = scored[scored["wave"] == waves[0]]
        w2 = scored[scored["wave"] == waves[1]]
        for u in units + ["all"]:
            a = w1 if u == "all" else w1[w1["unit"] == u]
            b = w2 if u == "all" else w2[w2["unit"] == u]
            out["waves"][u] = {v: compare_waves(a[v], b[v], hi) for v in variables}
    if set(STAGES) <= set(dims):
        w = scored[scored["wave"] == waves[0]]
        for u in units + ["all"]:
            g = w if u == "all" else w[w["unit"] == u]
            means = [float(g["dim:" + s].mean()) for s in STAGES]
            barrier = next((s for s, m in zip(STAGES, means) if m <= (lo + hi) / 2), None)
            out["barriers"][u] = {"means": means, "first_barrier": barrier}
    return out


# Wave change from summaries: (n earlier, n later, kind, parameters). "likert" draws
# integer answers 1..5 with the given category weights (both waves), "normal" draws
# continuous scores N(mean, sd) (earlier, later), "fixed" uses the listed values.
WAVE_CHANGE_CASES = [
    (3, 3, "likert", ([0.1, 0.2, 0.4, 0.2, 0.1], [0.05, 0.15, 0.3, 0.3, 0.2])),
    (5, 8, "likert", ([0.2, 0.3, 0.3, 0.1, 0.1], [0.1, 0.1, 0.3, 0.3, 0.2])),
    (12, 40, "likert", ([0.05, 0.1, 0.2, 0.4, 0.25], [0.15, 0.25, 0.3, 0.2, 0.1])),
    (200, 180, "likert", ([0.1, 0.15, 0.3, 0.3, 0.15], [0.08, 0.12, 0.3, 0.33, 0.17])),
    (1500, 1300, "likert", ([0.1, 0.2, 0.3, 0.25, 0.15], [0.05, 0.15, 0.3, 0.3, 0.2])),
    (30, 25, "normal", ((3.4, 0.5), (3.1, 1.2))),
    (8, 60, "normal", ((2.8, 1.1), (3.3, 0.4))),
    (100, 100, "normal", ((3.0, 0.7), (3.0, 0.7))),
    (4, 6, "fixed", ([3, 3, 3, 3], [2, 3, 4, 5, 4, 3])),
    (5, 5, "fixed", ([4, 4, 4, 4, 4], [3, 3, 3, 3, 3])),
    (1, 6, "fixed", ([4], [2, 3, 4, 5, 4, 3])),
]


def wave_change_cases():
    """Welch t from summary statistics (scipy.stats.ttest_ind_from_stats) on the n, mean and
    SD (ddof=1) of generated samples; degrees of freedom and the 95% interval of the
    difference from scipy.stats.ttest_ind on the same raw data; Hedges' g from pingouin on
    the raw data. Undefined cases (n < 2, no variance in either wave) expect null."""
    rng = np.random.default_rng(20261201)
    lo, hi = SCALES["a"]
    cases = []
    for n1, n2, kind, params in WAVE_CHANGE_CASES:
        if kind == "likert":
            x1 = rng.choice(np.arange(lo, hi + 1), size=n1, p=params[0]).astype(float)
            x2 = rng.choice(np.arange(lo, hi + 1), size=n2, p=params[1]).astype(float)
        elif kind == "normal":
            x1 = rng.normal(params[0][0], params[0][1], size=n1)
            x2 = rng.normal(params[1][0], params[1][1], size=n2)
        else:
            x1, x2 = np.array(params[0], dtype=float), np.array(params[1], dtype=float)
        assert (len(x1), len(x2)) == (n1, n2)
        earlier = {"n": n1, "mean": x1.mean(), "sd": x1.std(ddof=1) if n1 > 1 else 0.0}
        later = {"n": n2, "mean": x2.mean(), "sd": x2.std(ddof=1) if n2 > 1 else 0.0}
        for s in (earlier, later):
            s["index"] = (s["mean"] - lo) / (hi - lo) * 100
        case = {"kind": kind, "scale": [lo, hi], "earlier": earlier, "later": later,
                "expected": None}
        if n1 >= 2 and n2 >= 2 and (earlier["sd"] > 0 or later["sd"] > 0):
            t = stats.ttest_ind_from_stats(later["mean"], later["sd"], n2,
                                           earlier["mean"], earlier["sd"], n1, equal_var=False)
            with warnings.catch_warnings():
                # a constant wave (zero SD) makes scipy warn about precision loss in its
                # moment check; the result is exact and is cross-checked just below
                warnings.filterwarnings("ignore", message="Precision loss", category=RuntimeWarning)
                raw = stats.ttest_ind(x2, x1, equal_var=False)
            assert abs(t.statistic - raw.statistic) <= 1e-9 * abs(raw.statistic) + 1e-12
            ci = raw.confidence_interval(0.95)
            case["expected"] = {
                "mean_difference": later["mean"] - earlier["mean"],
                "index_difference": later["index"] - earlier["index"],
                "welch_t": t.statistic, "df": raw.df, "p": t.pvalue,
                "hedges_g": pg.compute_effsize(x2, x1, paired=False, eftype="hedges"),
                "ci": [ci.low, ci.high],
            }
        cases.append(case)
    return cases


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


def write(name, value):
    with open(FIXTURES / name, "w") as f:
        json.dump(clean(value), f, indent=1, sort_keys=True)
        f.write("\n")


def versions():
    return {p: version(p) for p in ["numpy", "pandas", "scipy", "statsmodels", "pingouin"]}


def main():
    pvals = [0.01, 0.04, 0.03, 0.04, 0.2, 0.0005, 0.9, 0.049]
    reference = {
        "versions": versions(),
        "threshold": THRESHOLD,
        "p_adjust": {
            "p": pvals,
            "holm": list(multipletests(pvals, method="holm")[1]),
            "bh": list(multipletests(pvals, method="fdr_bh")[1]),
        },
        "datasets": {name: dataset(name) for name in SCALES},
    }
    write("reference.json", reference)
    write("dashboard.json", {"versions": versions(), "wave_change": wave_change_cases()})


if __name__ == "__main__":
    main()
