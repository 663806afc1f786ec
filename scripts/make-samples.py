#!/usr/bin/env python3
"""Writes the fictitious sample data in samples/kerkwijk/ (Kerkwijk, one resident evening).

The files are committed; this script only documents how they were made and regenerates them
byte for byte (fixed seed, Python 3 standard library only):

    python3 scripts/make-samples.py

Nothing here is real: marks, indicators and the population are invented to show the tools.
"""
import csv
import os
import random

OUT = os.path.join(os.path.dirname(__file__), "..", "samples", "kerkwijk")
THEMES = ["bewoners", "wonen", "woonomgeving", "werk-inkomen", "gezondheid-zorg", "verkeer", "veiligheid", "samenleven"]
BUURTEN = ["centrum", "noord", "oost", "zuid", "west"]
HEADER = ["cijfer-" + t for t in THEMES] + ["eerst-beter", "meedoen", "leeftijd", "buurt", "toestemming"]

# Mean marks (1-10) in the neighbourhood and in the city-wide reference survey.
KERKWIJK = {"bewoners": 6.9, "wonen": 6.5, "woonomgeving": 6.8, "werk-inkomen": 6.2, "gezondheid-zorg": 7.0,
            "verkeer": 5.6, "veiligheid": 5.5, "samenleven": 6.8}
STAD = {"bewoners": 7.0, "wonen": 6.9, "woonomgeving": 6.9, "werk-inkomen": 6.6, "gezondheid-zorg": 7.1,
        "verkeer": 6.3, "veiligheid": 6.8, "samenleven": 6.9}
# Where a buurt differs: noord feels less safe, the centrum has the through traffic.
BUURT_EFFECT = {("noord", "veiligheid"): -1.3, ("centrum", "verkeer"): -1.0, ("zuid", "veiligheid"): 0.6}


def mark(rng, mean):
    return max(1, min(10, round(rng.gauss(mean, 1.5))))


def responses(rng, count, means, young_share, willing_share):
    rows = []
    for _ in range(count):
        buurt = rng.choices(BUURTEN, weights=[30, 35, 25, 30, 20])[0]
        row = []
        for theme in THEMES:
            if rng.random() < 0.06:  # "weet niet": skipped
                row.append("")
            else:
                row.append(str(mark(rng, means[theme] + BUURT_EFFECT.get((buurt, theme), 0))))
        worst = sorted(THEMES, key=lambda t: means[t] + rng.gauss(0, 0.6))[: rng.randint(1, 3)]
        row.append(";".join(t for t in THEMES if t in worst))
        row.append(rng.choices(["ja-vaak", "ja-soms", "nee"], weights=[willing_share / 3, willing_share * 2 / 3, 1 - willing_share])[0])
        if rng.random() < young_share:
            age = rng.randint(15, 24)
        else:
            age = rng.choices([rng.randint(25, 44), rng.randint(45, 64), rng.randint(65, 90)], weights=[30, 38, 32])[0]
        row.append(str(age))
        row.append(buurt)
        row.append("ja" if rng.random() < 0.4 else "nee")
        rows.append(row)
    return rows


def write(name, header, rows):
    with open(os.path.join(OUT, name), "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = random.Random(2027)
    write("antwoorden.csv", HEADER, responses(rng, 140, KERKWIJK, young_share=0.05, willing_share=0.35))
    write("stad.csv", HEADER, responses(rng, 900, STAD, young_share=0.13, willing_share=0.25))
    write("indicatoren.csv", ["indicator", "theme", "buurt", "value", "reference", "direction", "previous"], [
        ["woninginbraken per 1.000 woningen", "veiligheid", "", "6.8", "3.9", "lower-is-better", "5.9"],
        ["woninginbraken per 1.000 woningen", "veiligheid", "noord", "9.4", "3.9", "lower-is-better", "7.7"],
        ["verkeersongevallen met letsel per 1.000 inwoners", "verkeer", "", "2.1", "1.6", "lower-is-better", "2.3"],
        ["gemiddelde WOZ-waarde (x 1.000 euro)", "wonen", "", "198", "265", "higher-is-better", "186"],
        ["huishoudens met een laag inkomen (%)", "werk-inkomen", "", "14.2", "9.8", "lower-is-better", "15.1"],
        ["ervaren gezondheid goed of zeer goed (%)", "gezondheid-zorg", "", "71", "76", "higher-is-better", "72"],
        ["openbaar groen per inwoner (m2)", "woonomgeving", "", "41", "35", "higher-is-better", "41"],
        ["inwoners die vrijwilligerswerk doen (%)", "samenleven", "", "31", "28", "higher-is-better", "29"],
        ["verhuizingen per 100 inwoners", "bewoners", "", "11.2", "9.1", "lower-is-better", "10.1"],
    ])
    write("bevolking.csv", ["group", "category", "share"], [
        ["leeftijd", "15-24", "0.14"], ["leeftijd", "25-44", "0.31"], ["leeftijd", "45-64", "0.30"], ["leeftijd", "65+", "0.25"],
    ])
    # The evening's posters: one row per sticker, per table (participant ids count within a file).
    for table, people in (("tafel1", 14), ("tafel2", 12)):
        rows = []
        for person in range(1, people + 1):
            weights = [KERKWIJK[t] for t in THEMES]
            worst = sorted(THEMES, key=lambda t: KERKWIJK[t] + rng.gauss(0, 0.7))
            for option in rng.sample(worst[:4], 3):
                rows.append([f"{table}-p{person}", table, option, "groen"])
            rows.append([f"{table}-p{person}", table, worst[-1] if rng.random() < 0.5 else rng.choice(THEMES), "rood"])
        write(f"stickers-{table}.csv", ["participant", "poster", "option", "colour"], rows)

    budget_vote()
    indicator_series()
    evaluations()
    earlier_wave()


def indicator_series():
    """The wijk's indicators over the years, for the progress reports and the dashboard."""
    series = [  # indicator, theme, direction, (year, value, reference)...
        ("woninginbraken per 1.000 woningen", "veiligheid", "lower-is-better",
         [(2024, "6.2", "4.1"), (2025, "5.9", "4.0"), (2026, "6.8", "3.9"), (2027, "6.1", "3.8")]),
        ("verkeersongevallen met letsel per 1.000 inwoners", "verkeer", "lower-is-better",
         [(2024, "2.4", "1.7"), (2025, "2.3", "1.6"), (2026, "2.1", "1.6"), (2027, "1.9", "1.6")]),
        ("huishoudens met een laag inkomen (%)", "werk-inkomen", "lower-is-better",
         [(2024, "15.8", "10.1"), (2025, "15.1", "9.9"), (2026, "14.2", "9.8"), (2027, "14.0", "9.7")]),
    ]
    rows = []
    for indicator, theme, direction, points in series:
        rows += [[indicator, theme, "", value, reference, direction, str(year)] for year, value, reference in points]
        if theme == "veiligheid":
            rows += [[indicator, theme, "noord", "9.4", "3.9", direction, "2026"], [indicator, theme, "noord", "8.0", "3.8", direction, "2027"]]
    write("indicatoren-reeks.csv", ["indicator", "theme", "buurt", "value", "reference", "direction", "year"], rows)


def earlier_wave():
    """The survey two years before (2024), for analyse --previous: Kerkwijk felt safer then."""
    rng = random.Random(2024)
    means = dict(KERKWIJK, veiligheid=6.3, verkeer=5.5, wonen=6.6)
    write("antwoorden-2024.csv", HEADER, responses(rng, 120, means, young_share=0.06, willing_share=0.3))


def evaluations():
    """Two waves of the evaluation survey (2025, before this programme; 2027, after the letter to
    residents): whether residents feel informed and see results, per buurt."""
    rng = random.Random(2025)
    for year, count, informed, visible in ((2025, 90, 0.33, 0.22), (2027, 110, 0.52, 0.41)):
        rows = []
        for _ in range(count):
            buurt = rng.choice(BUURTEN)
            shift = -0.12 if buurt == "noord" else 0.0
            told = "ja" if rng.random() < informed + shift else rng.choice(["deels", "nee"])
            seen = "ja" if rng.random() < visible + shift else rng.choice(["beetje", "nee", "weet-niet"])
            rows.append([told, seen, buurt])
        write(f"evaluatie-antwoorden-{year}.csv", ["geinformeerd", "resultaten-zichtbaar", "buurt"], rows)


# The neighbourhood budget of 2027: EUR 50,000 over twelve proposals, 180 ballots. Noord, the
# larger group, wants its playground, lighting and parking; zuid its trees and benches; a few
# residents of every buurt want the shared ones. Counted in docs/walkthrough.md.
PROPOSALS = [  # id, cost, name, who likes it
    ("speeltuin-noord", 18000, "Speeltuin Noordhof vernieuwen", "noord"),
    ("verlichting-noord", 12000, "Verlichting Parkpad", "noord"),
    ("parkeren-noord", 9000, "Fietsparkeren bij de school", "noord"),
    ("hekwerk-noord", 6000, "Hekwerk langs de sloot", "noord"),
    ("bomen-zuid", 8000, "Bomen in de Zuidstraat", "zuid"),
    ("bankjes-zuid", 4000, "Bankjes op het Zuidplein", "zuid"),
    ("moestuin-zuid", 7000, "Moestuin achter het buurthuis", "zuid"),
    ("kunst-zuid", 10000, "Muurschildering onderdoorgang", "zuid"),
    ("buurtfeest", 3000, "Buurtfeest in september", "all"),
    ("jongeren", 11000, "Jongerenplek met sportkooi", "all"),
    ("afvalbakken", 2500, "Extra afvalbakken", "all"),
    ("deelauto", 15000, "Deelauto voor de wijk", "all"),
]


def budget_vote():
    rng = random.Random(2027)
    ballots = []
    for voter in range(180):
        group = "noord" if voter < 105 else ("zuid" if voter < 165 else "all")
        own = [p for p in PROPOSALS if p[3] == group] if group != "all" else []
        shared = [p for p in PROPOSALS if p[3] == "all"]
        chosen = [p[0] for p in own if rng.random() < 0.8] + [p[0] for p in shared if rng.random() < (0.6 if group == "all" else 0.15)]
        if not chosen:
            chosen = [rng.choice(own or shared)[0]]
        ballots.append(chosen)
    lines = ["META", "key;value", "description;Wijkbudget Kerkwijk 2027 (fictief)", "country;Netherlands", "unit;Kerkwijk",
             "instance;2027", f"num_projects;{len(PROPOSALS)}", f"num_votes;{len(ballots)}", "budget;50000",
             "vote_type;approval", "rule;unknown", "date_begin;01.03.2027", "date_end;15.03.2027",
             "PROJECTS", "project_id;cost;name"]
    lines += [f"{p[0]};{p[1]};{p[2]}" for p in PROPOSALS]
    lines += ["VOTES", "voter_id;vote"]
    lines += [f"{number + 1};{','.join(ballot)}" for number, ballot in enumerate(ballots)]
    with open(os.path.join(OUT, "wijkbudget-2027.pb"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
