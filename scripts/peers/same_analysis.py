"""Whether Wijkpeil's analysis (--format json) and the peer's hold the same figures, to 1e-9
relative: prints the first differences and exits 1 if there are any.

    python3 same_analysis.py WIJKPEIL.json PEER.json
"""
import json
import math
import sys


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def figures(theme, peer):
    """(name, Wijkpeil's value, the peer's value) for one theme or group."""
    reference = theme.get("reference") or {}
    pairs = [("n", theme["n"], peer["n"]), ("mean", theme.get("mean"), peer.get("mean")), ("sd", theme.get("sd"), peer.get("sd")),
             ("index", theme.get("index"), peer.get("index"))]
    for key in ("pMean", "pMeanHolm", "pShare", "pShareHolm"):
        pairs.append((key, reference.get(key), peer.get(key)))
    for bound in (0, 1):
        pairs.append((f"ci95[{bound}]", (theme.get("ci95") or [None, None])[bound], (peer.get("ci95") or [None, None])[bound]))
        pairs.append((f"dissatisfied.ci95[{bound}]", theme["dissatisfied"]["ci95"][bound], peer["dissatisfied"]["ci95"][bound]))
    pairs.append(("dissatisfied.count", theme["dissatisfied"]["count"], peer["dissatisfied"]["count"]))
    pairs.append(("dissatisfied.share", theme["dissatisfied"]["share"], peer["dissatisfied"]["share"]))
    return pairs


ours = {theme["theme"]: theme for theme in json.load(open(sys.argv[1]))["themes"]}
peer = {theme["theme"]: theme for theme in json.load(open(sys.argv[2]))}
differences, compared = [], 0
for name, theme in peer.items():
    checks = [(name, *pair) for pair in figures(ours[name], theme)] + [(name, "pGroups", ours[name].get("pGroups"), theme.get("pGroups"))]
    for buurt, group in theme["groups"].items():
        checks += [(f"{name}/{buurt}", *pair) for pair in figures(ours[name]["groups"][buurt], group)]
    for where, key, a, b in checks:
        compared += 1
        if not close(a, b):
            differences.append(f"{where} {key}: Wijkpeil {a}, peer {b}")
print(f"{compared} figures compared, {len(differences)} different")
for difference in differences[:10]:
    print(" ", difference)
sys.exit(1 if differences else 0)
