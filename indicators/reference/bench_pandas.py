"""The organisation benchmark's Python baseline: what an analyst would write with pandas and
pingouin to get, for every unit, the per-dimension mean, SD, 95% CI of the mean and
Cronbach's alpha (with its CI).

Reads the data written by the Rust bench binary (same generated responses):

    cargo bench -p indicators --bench organisation_figures -- --write-csv /tmp/siap_bench.csv
    python3 reference/bench_pandas.py /tmp/siap_bench.csv

Scoring follows the engine (README.md): reverse-keyed x' = min + max - x; a dimension score
is the mean of the answered items when at least ceil(k/2) of the k are answered; alpha on
complete cases (pingouin, nan_policy="listwise"), only for dimensions of 2 or more items.

Scopes: "unit" = each unit's own respondents, "subtree" = the unit and all its descendants
(what the Rust pipeline reports as the subtree scope; the Rust pipeline computes both scopes,
plus items, medians, favourable shares, rwg, suppression and the heatmap). Times are printed
separately for reading the CSV and for computing.
"""

import argparse
import json
import math
import time

import numpy as np
import pandas as pd
import pingouin as pg
from scipy import stats


def load(path):
    with open(path + ".instrument.json", encoding="utf-8") as f:
        instrument = json.load(f)
    units = pd.read_csv(path + ".units.csv", keep_default_na=False, dtype=str)
    items = instrument["items"]
    ids = [item["id"] for item in items]
    data = pd.read_csv(
        path,
        usecols=["unit_code"] + ids,
        dtype={**{i: "float64" for i in ids}, "unit_code": "category"},
    )
    return instrument, units, data


def scored_items(instrument, data):
    lo, hi = instrument["scale"]["min"], instrument["scale"]["max"]
    scored = data[[item["id"] for item in instrument["items"]]].copy()
    for item in instrument["items"]:
        if item["reverse_keyed"]:
            scored[item["id"]] = lo + hi - scored[item["id"]]
    return scored


def dimension_scores(instrument, scored):
    dims = {}
    for item in instrument["items"]:
        dims.setdefault(item["dimension"], []).append(item["id"])
    scores = {}
    for dim, ids in dims.items():
        answered = scored[ids].notna().sum(axis=1)
        mean = scored[ids].mean(axis=1)
        mean[answered < math.ceil(len(ids) / 2)] = np.nan
        scores[dim] = mean.to_numpy()
    return dims, scores


def subtrees(units):
    children = {}
    for code, parent in zip(units["code"], units["parent_code"]):
        children.setdefault(parent, []).append(code)
    out = {}
    for code in units["code"]:
        stack, members = [code], []
        while stack:
            c = stack.pop()
            members.append(c)
            stack.extend(children.get(c, []))
        out[code] = members
    return out


def summarise(rows, dims, scores, scored):
    """Per dimension: n, mean, SD, 95% CI of the mean, alpha and its CI."""
    result = {}
    for dim, ids in dims.items():
        s = scores[dim][rows]
        s = s[~np.isnan(s)]
        n = len(s)
        entry = {"n": n}
        if n >= 2:
            mean, sd = s.mean(), s.std(ddof=1)
            half = stats.t.ppf(0.975, n - 1) * sd / math.sqrt(n)
            entry.update(mean=mean, sd=sd, ci=(mean - half, mean + half))
        if len(ids) >= 2:
            block = scored.iloc[rows][ids]
            if block.dropna().shape[0] >= 3:
                alpha, ci = pg.cronbach_alpha(data=block, nan_policy="listwise")
                entry.update(alpha=alpha, alpha_ci=tuple(ci))
        result[dim] = entry
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv")
    parser.add_argument("--scope", choices=["unit", "subtree", "both"], default="both")
    args = parser.parse_args()

    start = time.perf_counter()
    instrument, units, data = load(args.csv)
    read = time.perf_counter() - start
    print(f"read {len(data)} responses x {len(instrument['items'])} items: {read:.2f} s")

    start = time.perf_counter()
    scored = scored_items(instrument, data)
    dims, scores = dimension_scores(instrument, scored)
    own = data.groupby("unit_code", observed=True).indices
    prepared = time.perf_counter() - start
    print(f"scoring (reverse keys, dimension scores, grouping): {prepared:.2f} s")

    total = prepared
    empty = np.array([], dtype=np.int64)
    scopes = ["unit", "subtree"] if args.scope == "both" else [args.scope]
    results = {}
    for scope in scopes:
        start = time.perf_counter()
        members = subtrees(units) if scope == "subtree" else {c: [c] for c in units["code"]}
        out = {}
        for code, codes in members.items():
            rows = np.concatenate([own.get(c, empty) for c in codes])
            out[code] = summarise(rows, dims, scores, scored)
        results[scope] = out
        elapsed = time.perf_counter() - start
        total += elapsed
        print(f"scope {scope}: {len(out)} units x {len(dims)} dimensions: {elapsed:.2f} s")

    root = units.loc[units["parent_code"] == "", "code"].iloc[0]
    if "subtree" in results:
        first = next(iter(dims))
        print(f"check: {root} subtree {first}: {results['subtree'][root][first]}")
    print(f"compute total (excluding the CSV read): {total:.2f} s")
    print(f"total including the CSV read: {total + read:.2f} s")


if __name__ == "__main__":
    main()
