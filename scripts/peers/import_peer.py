"""The import a researcher or developer would write in Python: read a JSONL or CSV file of
responses, check every row against the survey definition with the rules Wijkpeil's form and
import use, and store the rows with `sqlite3` in one transaction — all or nothing, durable
(WAL, synchronous=FULL), each file remembered by its SHA-256, each key once.

    python3 import_peer.py SURVEY.json FILE.jsonl|FILE.csv DATABASE

It prints how many rows it stored; a bad row stops it, naming the line, and stores nothing.
"""
import csv
import hashlib
import io
import json
import re
import sqlite3
import sys
from datetime import datetime, timezone

POSTCODE = re.compile(r"^([1-9][0-9]{3})([A-Z]{2})$")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class Invalid(Exception):
    pass


def text(value, question):
    if not isinstance(value, str):
        raise Invalid(f"{question['id']}: expected text")
    if CONTROL.search(value):
        raise Invalid(f"{question['id']}: a control character")
    value = value.strip()
    return value or None


def check(question, value):
    kind = question["type"]
    if kind == "rating":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
            raise Invalid(f"{question['id']}: expected a whole mark")
        if not question.get("min", 1) <= value <= question.get("max", 10):
            raise Invalid(f"{question['id']}: out of range")
        return int(value)
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise Invalid(f"{question['id']}: expected a number")
        if "min" in question and value < question["min"] or "max" in question and value > question["max"]:
            raise Invalid(f"{question['id']}: out of range")
        return int(value) if value == int(value) else value
    if kind == "single":
        value = text(value, question)
        if value is not None and value not in {o["id"] for o in question["options"]}:
            raise Invalid(f"{question['id']}: unknown option {value}")
        return value
    if kind == "multi":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise Invalid(f"{question['id']}: expected a list of options")
        options = [o["id"] for o in question["options"]]
        if len(set(value)) != len(value) or not set(value) <= set(options):
            raise Invalid(f"{question['id']}: unknown or repeated options")
        if len(value) > question.get("maxChoices", len(options)) or len(value) < question.get("minChoices", 0):
            raise Invalid(f"{question['id']}: too many or too few choices")
        # Stored in the order of the definition, as Wijkpeil stores them.
        return [option for option in options if option in value] or None
    if kind == "text":
        value = text(value, question)
        if value is not None and len(value) > question.get("maxLength", 2000):
            raise Invalid(f"{question['id']}: too long")
        return value
    if kind == "postcode":
        value = text(value, question)
        if value is None:
            return None
        compact = "".join(value.upper().split())
        match = POSTCODE.match(compact)
        if not match or match.group(2) in ("SA", "SD", "SS"):
            raise Invalid(f"{question['id']}: not a postcode")
        return f"{match.group(1)} {match.group(2)}"
    if kind == "consent":
        if not isinstance(value, bool):
            raise Invalid(f"{question['id']}: expected yes or no")
        return value
    if kind == "email":
        value = text(value, question)
        if value is not None:
            local, at, domain = value.partition("@")
            if not at or not local or "@" in domain or " " in value or "." not in domain or "" in domain.split("."):
                raise Invalid(f"{question['id']}: not an e-mail address")
        return value
    raise Invalid(f"{question['id']}: type {kind} is not in this script")


def validate(answers, survey):
    questions = {q["id"]: q for q in survey["questions"]}
    unknown = set(answers) - set(questions)
    if unknown:
        raise Invalid(f"unknown questions {sorted(unknown)}")
    valid = {}
    for qid, question in questions.items():
        value = answers.get(qid)
        checked = None if value is None else check(question, value)
        if checked is None:
            if question.get("required"):
                raise Invalid(f"{qid}: required")
            continue
        valid[qid] = checked
    if "email" in valid and valid.get("toestemming") is not True:
        raise Invalid("email without consent")
    return valid


def csv_value(question, cell):
    """A spreadsheet cell as the answer it stands for."""
    kind = question["type"]
    if kind in ("rating", "number"):
        number = float(cell.replace(",", "."))
        return int(number) if number == int(number) else number
    if kind == "multi":
        return [part.strip() for part in cell.split(";") if part.strip()]
    if kind == "consent":
        if cell.lower() not in ("ja", "nee", "yes", "no", "true", "false", "1", "0"):
            raise Invalid(f"{question['id']}: expected ja or nee")
        return cell.lower() in ("ja", "yes", "true", "1")
    return cell


def rows(data, path, survey):
    questions = {q["id"]: q for q in survey["questions"]}
    if path.endswith(".csv"):
        reader = csv.DictReader(io.StringIO(data.decode("utf-8")))
        for line, record in enumerate(reader, start=2):
            key = record.pop("formulier", None) or record.pop("submissionKey", None)
            try:
                answers = {qid: csv_value(questions[qid], cell) for qid, cell in record.items() if cell != ""}
            except (KeyError, ValueError) as error:
                raise Invalid(f"{path}:{line}: {error}")
            yield line, key, answers
    else:
        for line, text_line in enumerate(data.decode("utf-8").splitlines(), start=1):
            if text_line.strip():
                record = json.loads(text_line)
                yield line, record["submissionKey"], record["answers"]


def main():
    survey = json.load(open(sys.argv[1], encoding="utf-8"))
    path, database = sys.argv[2], sys.argv[3]
    data = open(path, "rb").read()
    digest = hashlib.sha256(data).hexdigest()
    definition = hashlib.sha256(json.dumps(survey, sort_keys=True).encode()).hexdigest()
    stored = []
    for line, key, answers in rows(data, path, survey):
        try:
            valid = validate(answers, survey)
        except Invalid as error:
            sys.exit(f"{path}:{line}: {error}; nothing was stored")
        stored.append((survey["id"], definition, key, "paper", json.dumps(valid, sort_keys=True, ensure_ascii=False, separators=(",", ":"))))
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.executescript("""
        CREATE TABLE IF NOT EXISTS responses (
            id INTEGER PRIMARY KEY, survey_id TEXT NOT NULL, definition_hash TEXT NOT NULL, submission_key TEXT NOT NULL,
            source TEXT NOT NULL, answers TEXT NOT NULL CHECK (json_valid(answers)), received_at TEXT NOT NULL,
            UNIQUE (survey_id, source, submission_key));
        CREATE TABLE IF NOT EXISTS import_batches (
            survey_id TEXT NOT NULL, hash TEXT NOT NULL, file_name TEXT NOT NULL, rows INTEGER NOT NULL, imported_at TEXT NOT NULL,
            PRIMARY KEY (survey_id, hash));
    """)
    now = datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    connection.execute("BEGIN IMMEDIATE")
    if connection.execute("SELECT 1 FROM import_batches WHERE survey_id = ? AND hash = ?", (survey["id"], digest)).fetchone():
        connection.execute("ROLLBACK")
        print(f"{path} was imported before; nothing stored")
        return
    before = connection.total_changes
    connection.executemany(
        "INSERT INTO responses (survey_id, definition_hash, submission_key, source, answers, received_at) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (survey_id, source, submission_key) DO NOTHING",
        [row + (now,) for row in stored])
    count = connection.total_changes - before
    connection.execute("INSERT INTO import_batches VALUES (?, ?, ?, ?, ?)", (survey["id"], digest, path, count, now))
    connection.execute("COMMIT")
    print(f"{count} stored")


if __name__ == "__main__":
    main()
