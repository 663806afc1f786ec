"""The neighbourhood analysis a researcher would write with pandas and SciPy: per theme, and per
theme and buurt, the marks' n, mean, sd and 95% interval (t), the share dissatisfied (below the
scale's midpoint) with its Wilson interval, and against the reference Welch's t-test, the
two-proportion z-test (pooled) and the index, Holm-adjusted across the themes (one family for
the whole wijk and one per buurt), and a one-way ANOVA over the buurten. The same figures as
`wijkpeil analyse --format json`, in a JSON of its own shape.

    python3 analysis_peer.py SURVEY.json WIJK.csv STAD.csv OUT.json
"""
import json
import sys

import numpy as np
import pandas as pd
from scipy import stats

MINIMUM_N = 5


def summary(marks, low, high):
    marks = marks.dropna()
    n = int(marks.size)
    result = {"n": n}
    if n == 0:
        return result
    mean, sd = float(marks.mean()), float(marks.std(ddof=1)) if n > 1 else None
    result.update(mean=mean, sd=sd)
    if sd:
        half = stats.t.ppf(0.975, n - 1) * sd / np.sqrt(n)
        result["ci95"] = [mean - half, mean + half]
    count = int((marks < (low + high) / 2).sum())
    share = count / n
    z = stats.norm.ppf(0.975)
    z2n = z * z / n
    centre = (share + z2n / 2) / (1 + z2n)
    half = z / (1 + z2n) * np.sqrt(share * (1 - share) / n + z * z / (4 * n * n))
    result["dissatisfied"] = {"count": count, "share": share, "ci95": [max(0.0, centre - half), min(1.0, centre + half)]}
    result["_marks"] = marks
    return result


def compare(ours, reference):
    comparison = {}
    if ours["n"] >= MINIMUM_N and reference["n"] >= MINIMUM_N:
        a, b = ours["_marks"], reference["_marks"]
        comparison["pMean"] = float(stats.ttest_ind(a, b, equal_var=False).pvalue) if ours["n"] > 1 and reference["n"] > 1 else None
        x1, n1, x2, n2 = ours["dissatisfied"]["count"], ours["n"], reference["dissatisfied"]["count"], reference["n"]
        pooled = (x1 + x2) / (n1 + n2)
        se = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
        comparison["pShare"] = float(2 * stats.norm.sf(abs((x1 / n1 - x2 / n2) / se))) if se > 0 else None
    if ours.get("mean") is not None and reference.get("mean"):
        comparison["index"] = 100 * ours["mean"] / reference["mean"]
    return comparison


def holm(values):
    present = sorted((p, index) for index, p in enumerate(values) if p is not None)
    adjusted, running = [None] * len(values), 0.0
    for rank, (p, index) in enumerate(present):
        running = max(running, min(1.0, (len(present) - rank) * p))
        adjusted[index] = running
    return adjusted


def main():
    survey = json.load(open(sys.argv[1], encoding="utf-8"))
    wijk, stad = pd.read_csv(sys.argv[2]), pd.read_csv(sys.argv[3])
    ratings = [q for q in survey["questions"] if q["type"] == "rating" and q.get("theme")]
    buurten = [o["id"] for o in next(q for q in survey["questions"] if q["id"] == "buurt")["options"]]
    themes = []
    for question in ratings:
        qid, low, high = question["id"], question.get("min", 1), question.get("max", 10)
        ours, reference = summary(wijk[qid], low, high), summary(stad[qid], low, high)
        theme = {"theme": question["theme"], **ours, **compare(ours, reference), "groups": {}}
        for buurt, marks in wijk.groupby("buurt")[qid]:
            group = summary(marks, low, high)
            theme["groups"][buurt] = {**group, **compare(group, reference)}
        shown = [theme["groups"][b]["_marks"] for b in buurten if b in theme["groups"] and theme["groups"][b]["n"] >= MINIMUM_N]
        theme["pGroups"] = float(stats.f_oneway(*shown).pvalue) if len(shown) > 1 else None
        themes.append(theme)
    for key in ("pMean", "pShare"):
        for theme, p in zip(themes, holm([t.get(key) for t in themes])):
            theme[key + "Holm"] = p
        for buurt in buurten:
            groups = [t["groups"].get(buurt, {}) for t in themes]
            for group, p in zip(groups, holm([g.get(key) for g in groups])):
                group[key + "Holm"] = p

    def clean(value):
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items() if not k.startswith("_")}
        return [clean(v) for v in value] if isinstance(value, list) else value

    json.dump(clean(themes), open(sys.argv[4], "w"), indent=1)


if __name__ == "__main__":
    main()
