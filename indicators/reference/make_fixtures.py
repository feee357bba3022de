"""Writes the committed fixture data sets (tests/fixtures/*.csv).

Run once; the CSVs are committed and both the Rust tests and generate.py read them.
Deterministic: a fixed seed, and numpy's PCG64 stream is stable across versions.
The data are synthetic (no real respondents): a latent readiness per respondent,
a unit effect, item noise, some reverse-keyed items, missing answers and ties.
"""

from pathlib import Path

import numpy as np

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"

# Data set A: 5-point scale (1..5), four readiness dimensions, two waves.
ITEMS_A = [
    ("app1", "appropriateness", False),
    ("app2", "appropriateness", False),
    ("app3", "appropriateness", True),
    ("app4", "appropriateness", False),
    ("sup1", "management_support", False),
    ("sup2", "management_support", False),
    ("sup3", "management_support", False),
    ("eff1", "change_efficacy", True),
    ("eff2", "change_efficacy", False),
    ("eff3", "change_efficacy", False),
    ("val1", "personal_valence", False),
    ("val2", "personal_valence", False),
]
# unit -> (headcount, n wave 1, n wave 2, unit effect wave 1, change by wave 2)
UNITS_A = {
    "U1": (15, 12, 13, 0.4, 0.3),
    "U2": (11, 9, 10, -0.3, 0.5),
    "U3": (20, 16, 14, 0.0, 0.0),
    "U4": (9, 7, 9, -0.8, 0.6),
}

# Data set B: 6-point scale (1..6), five adoption stages, one wave.
ITEMS_B = [
    ("aw1", "awareness", False),
    ("aw2", "awareness", False),
    ("de1", "desire", False),
    ("de2", "desire", True),
    ("kn1", "knowledge", False),
    ("kn2", "knowledge", False),
    ("kn3", "knowledge", False),
    ("ab1", "ability", True),
    ("ab2", "ability", False),
    ("re1", "reinforcement", False),
    ("re2", "reinforcement", False),
]
# unit -> (headcount, n, unit effect); V3 is a census (n == headcount).
UNITS_B = {"V1": (12, 10, 0.5), "V2": (20, 14, -0.4), "V3": (8, 8, 0.1)}
# Stage offsets: ability is the weak stage, so barrier points appear.
STAGE_SHIFT = {"awareness": 0.9, "desire": 0.5, "knowledge": 0.2, "ability": -0.9, "reinforcement": -0.2}


def answer(rng, theta, lo, hi, reverse, shift=0.0):
    mid = (lo + hi) / 2
    x = int(np.clip(np.rint(mid + 0.9 * (theta + shift) + rng.normal(0, 0.7)), lo, hi))
    return lo + hi - x if reverse else x


def write_items(name, items):
    with open(FIXTURES / f"items_{name}.csv", "w") as f:
        f.write("item,dimension,reverse_keyed\n")
        for item, dim, rev in items:
            f.write(f"{item},{dim},{str(rev).lower()}\n")


def write_units(name, units):
    with open(FIXTURES / f"units_{name}.csv", "w") as f:
        f.write("unit,headcount\n")
        for unit, spec in units.items():
            f.write(f"{unit},{spec[0]}\n")


def main():
    FIXTURES.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(20261129)

    write_items("a", ITEMS_A)
    write_units("a", UNITS_A)
    rows = []
    rid = 0
    for wave in (1, 2):
        for unit, (_hc, n1, n2, effect, change) in UNITS_A.items():
            n = n1 if wave == 1 else n2
            for _ in range(n):
                rid += 1
                theta = rng.normal(effect + (change if wave == 2 else 0.0), 1.0)
                values = [answer(rng, theta, 1, 5, rev) for _, _, rev in ITEMS_A]
                values = [None if rng.random() < 0.08 else v for v in values]
                rows.append([f"a{rid:03d}", unit, wave] + values)
    # Edge cases: a respondent who skipped everything, one who answered only one item
    # of each dimension (too few for the 4- and 3-item dimensions, enough for valence).
    rows[5][3:] = [None] * len(ITEMS_A)
    rows[20][3:] = [4, None, None, None, 3, None, None, 2, None, None, 5, None]
    with open(FIXTURES / "responses_a.csv", "w") as f:
        f.write("respondent,unit,wave," + ",".join(i for i, _, _ in ITEMS_A) + "\n")
        for r in rows:
            f.write(",".join("" if v is None else str(v) for v in r) + "\n")

    write_items("b", ITEMS_B)
    write_units("b", UNITS_B)
    rows = []
    rid = 0
    for unit, (_hc, n, effect) in UNITS_B.items():
        for _ in range(n):
            rid += 1
            theta = rng.normal(effect, 1.0)
            values = [answer(rng, theta, 1, 6, rev, STAGE_SHIFT[dim]) for _, dim, rev in ITEMS_B]
            values = [None if rng.random() < 0.06 else v for v in values]
            rows.append([f"b{rid:03d}", unit, 1] + values)
    with open(FIXTURES / "responses_b.csv", "w") as f:
        f.write("respondent,unit,wave," + ",".join(i for i, _, _ in ITEMS_B) + "\n")
        for r in rows:
            f.write(",".join("" if v is None else str(v) for v in r) + "\n")


if __name__ == "__main__":
    main()
