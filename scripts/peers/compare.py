"""Runs Wijkpeil and the peer scripts on the same data and prints, per task, both wall times,
both peak memories (of the whole process, from /usr/bin/time) and the ratio, after checking
that both produced the same result. Called by scripts/peers.sh.

    python compare.py WIJKPEIL WORK_FOLDER ROWS RUNS
"""
import csv
import json
import os
import shutil
import sqlite3
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
wijkpeil, work, rows, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
survey = os.path.join(root, "surveys", "wijkanalyse.json")
surveys = os.path.join(root, "surveys")
python = sys.executable


def timed(command):
    """Wall seconds and peak resident memory (MB) of one process, as /usr/bin/time reports them."""
    report = os.path.join(work, "time.txt")
    subprocess.run(["/usr/bin/time", "-o", report, "-f", "%e %M"] + command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds, kilobytes = open(report).read().split()[-2:]
    return float(seconds), int(kilobytes) / 1024


def fresh(path):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    return path


def stored(database):
    with sqlite3.connect(database) as connection:
        return {key: json.loads(answers) for key, answers in connection.execute("SELECT submission_key, answers FROM responses")}


def sorted_rows(path):
    with open(path, newline="", encoding="utf-8") as file:
        table = list(csv.reader(file))
    return table[0], sorted(tuple(row[1:]) for row in table[1:])


def line(task, ours, peer):
    ratio = peer[0] / ours[0]
    print(f"{task:<32} Wijkpeil {ours[0]:6.2f} s {ours[1]:6.0f} MB   peer {peer[0]:6.2f} s {peer[1]:6.0f} MB   ratio {ratio:4.2f}x", flush=True)
    return ratio


def analysis_data(rows):
    """The analysis benchmark's data (as `wijkpeil-bench analysis` makes it): a survey of 8 rated
    themes, 20 buurten and an age; a wijk and a reference of `rows` responses each, marks centred
    near 6 (the reference one higher), one mark in sixteen left out."""
    folder = os.path.join(work, f"analysis-{rows}")
    if os.path.exists(os.path.join(folder, "stad.csv")):
        return folder
    os.makedirs(os.path.join(folder, "surveys", "themes"), exist_ok=True)
    shutil.copy(os.path.join(root, "surveys", "themes", "wijkanalyse.json"), os.path.join(folder, "surveys", "themes"))
    themes = ["bewoners", "wonen", "woonomgeving", "werk-inkomen", "gezondheid-zorg", "verkeer", "veiligheid", "samenleven"]
    buurten = [f"buurt-{i}" for i in range(1, 21)]
    survey = {
        "id": "bench", "version": 1, "title": {"nl": "Benchmark"}, "level": "consult", "themeSet": "wijkanalyse",
        "questions": [{"id": "cijfer-" + t, "type": "rating", "min": 1, "max": 10, "theme": t, "text": {"nl": t}} for t in themes] + [
            {"id": "buurt", "type": "single", "privacy": "quasi", "text": {"nl": "Buurt"}, "options": [{"id": b, "label": {"nl": b}} for b in buurten]},
            {"id": "leeftijd", "type": "number", "min": 12, "max": 120, "privacy": "quasi", "generalise": "age-band", "text": {"nl": "Leeftijd"}}]}
    json.dump(survey, open(os.path.join(folder, "surveys", "bench.json"), "w"), indent=1)
    import random
    generator = random.Random(2027)
    for name, shift in (("wijk", 0), ("stad", 1)):
        with open(os.path.join(folder, name + ".csv"), "w") as file:
            file.write(",".join(["cijfer-" + t for t in themes] + ["buurt", "leeftijd"]) + "\n")
            for _ in range(rows):
                cells = ["" if generator.random() < 1 / 16 else str(min(10, 1 + generator.randrange(6) + generator.randrange(5) + shift)) for _ in themes]
                file.write(",".join(cells + [generator.choice(buurten), str(18 + generator.randrange(70))]) + "\n")
    return folder


prefix = os.path.join(work, f"data-{rows}")
if not os.path.exists(prefix + ".csv"):
    subprocess.run([python, os.path.join(here, "make_data.py"), str(rows), prefix], check=True)
print(f"{rows} responses of wijkanalyse; {runs} run(s); {os.cpu_count()} cores", flush=True)
for run in range(1, runs + 1):
    print(f"run {run}")
    for kind in ("jsonl", "csv"):
        ours_db, peer_db = fresh(os.path.join(work, f"ours-{kind}.sqlite")), fresh(os.path.join(work, f"peer-{kind}.sqlite"))
        ours = timed([wijkpeil, "responses", "import", "--survey", "wijkanalyse", "--surveys", surveys, "--db", ours_db, f"{prefix}.{kind}"])
        peer = timed([python, os.path.join(here, "import_peer.py"), survey, f"{prefix}.{kind}", peer_db])
        if stored(ours_db) != stored(peer_db):
            sys.exit(f"import of {kind}: Wijkpeil and the peer stored different answers")
        line(f"import {kind}", ours, peer)
    database = os.path.join(work, "ours-jsonl.sqlite")
    out = os.path.join(work, "export")
    shutil.rmtree(out, ignore_errors=True)
    ours = timed([wijkpeil, "export", "--survey", "wijkanalyse", "--surveys", surveys, "--db", database, "--out", out + "/"])
    peer = timed([python, os.path.join(here, "export_peer.py"), database, survey, os.path.join(work, "peer-export.csv")])
    if sorted_rows(os.path.join(out, "wijkanalyse.csv")) != sorted_rows(os.path.join(work, "peer-export.csv")):
        sys.exit("export: Wijkpeil and the peer wrote different rows")
    line("export (k = 5)", ours, peer)
    folder = analysis_data(rows)
    ours = timed([wijkpeil, "analyse", "--survey", "bench", "--surveys", os.path.join(folder, "surveys"), "--responses", os.path.join(folder, "wijk.csv"),
                  "--reference", os.path.join(folder, "stad.csv"), "--by", "buurt", "--format", "json", "--out", os.path.join(folder, "ours.json")])
    peer = timed([python, os.path.join(here, "analysis_peer.py"), os.path.join(folder, "surveys", "bench.json"), os.path.join(folder, "wijk.csv"),
                  os.path.join(folder, "stad.csv"), os.path.join(folder, "peer.json")])
    check = subprocess.run([python, os.path.join(here, "same_analysis.py"), os.path.join(folder, "ours.json"), os.path.join(folder, "peer.json")],
                           capture_output=True, text=True)
    if check.returncode != 0:
        sys.exit("analysis: Wijkpeil and the peer differ\n" + check.stdout)
    line("analyse (8 themes x 20 buurten)", ours, peer)
