"""Responses to the bundled survey `wijkanalyse` for the peer benchmarks: the same rows as JSONL
(`{"submissionKey", "answers"}` per line) and as CSV (the paper import's shape), with free text
that holds what the scrubber must catch (telephone numbers, e-mail addresses, postcodes) about
one remark in three. Deterministic for a seed.

    python3 make_data.py ROWS OUT_PREFIX [SEED]   ->  OUT_PREFIX.jsonl, OUT_PREFIX.csv
"""
import csv
import json
import random
import sys

RATINGS = ["cijfer-bewoners", "cijfer-wonen", "cijfer-woonomgeving", "cijfer-werk-inkomen",
           "cijfer-gezondheid-zorg", "cijfer-verkeer", "cijfer-veiligheid", "cijfer-samenleven"]
THEMES = ["bewoners", "wonen", "woonomgeving", "werk-inkomen", "gezondheid-zorg", "verkeer", "veiligheid", "samenleven"]
BUURTEN = ["centrum", "noord", "oost", "zuid", "west"]
REMARKS = [
    "Meer groen in de straat graag.", "De stoep bij de school is slecht.", "Fijne buurt, aardige buren.",
    "Er wordt te hard gereden.", "Meer activiteiten voor jongeren.", "Het buurthuis is te vaak dicht.",
    "Bel mij gerust op 06-12345678 over de speeltuin.", "Mail naar jan.de.vries@example.nl voor de buurtapp.",
    "Ik woon op 7601 AB 12 en de lamp is al weken kapot.", "Bel 0546 123456 of mail buurt@voorbeeld.nl.",
]
HEADER = ["formulier"] + RATINGS + ["eerst-beter", "meedoen", "opmerking", "leeftijd", "postcode", "buurt", "toestemming", "email"]


def answers(rng):
    a = {}
    for rating in RATINGS:
        if rng.random() < 0.95:
            a[rating] = rng.randint(1, 10)
    a["eerst-beter"] = rng.sample(THEMES, rng.randint(1, 3))
    a["meedoen"] = rng.choice(["ja-vaak", "ja-soms", "nee"])
    if rng.random() < 0.6:
        a["opmerking"] = rng.choice(REMARKS)
    a["leeftijd"] = rng.randint(16, 95)
    a["postcode"] = f"{rng.randint(7601, 7605)} {rng.choice('ABCEFGHJKLMNPRTVWXZ')}{rng.choice('ABCEFGHJKLMNPRTVWXZ')}"
    a["buurt"] = rng.choice(BUURTEN)
    consent = rng.random() < 0.3
    a["toestemming"] = consent
    if consent:
        a["email"] = f"bewoner{rng.randint(1, 99999)}@voorbeeld.nl"
    return a


def main():
    rows, prefix = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 22)
    with open(prefix + ".jsonl", "w") as jsonl, open(prefix + ".csv", "w", newline="") as table:
        writer = csv.writer(table, lineterminator="\n")
        writer.writerow(HEADER)
        for index in range(rows):
            key = f"F{index + 1:07d}"
            a = answers(rng)
            jsonl.write(json.dumps({"submissionKey": key, "answers": a}, ensure_ascii=False, separators=(",", ":")) + "\n")
            cells = [key]
            for column in HEADER[1:]:
                value = a.get(column)
                if value is None:
                    cells.append("")
                elif isinstance(value, bool):
                    cells.append("ja" if value else "nee")
                elif isinstance(value, list):
                    cells.append(";".join(value))
                else:
                    cells.append(str(value))
            writer.writerow(cells)


if __name__ == "__main__":
    main()
