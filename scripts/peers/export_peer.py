"""The export a researcher would write with pandas: read the stored responses of `wijkanalyse`,
decode the JSON answers, band the ages, cut postcodes to PC4, scrub the free text with the same
rules as Wijkpeil's scrubber (Sources/Export/Scrubber.swift, here with the `regex` module, which
knows \\p{L}), suppress combinations of quasi-identifiers seen fewer than k times, shuffle, and
write the CSV in Wijkpeil's columns.

    python3 export_peer.py DATABASE SURVEY.json OUT.csv [K]
"""
import json
import sqlite3
import sys
import unicodedata

import numpy as np
import pandas as pd
import regex

EMAIL = regex.compile(r"[\p{L}\p{N}._%+\-]+[ ]*@[ ]*[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)*\.\p{L}{2,}")
SPELLED_EMAIL = regex.compile(
    r"(?i)[\p{L}\p{N}._%+\-]+[ ]*(?:\[at\]|\(at\)|\{at\}|[ ]at[ ]|apenstaartje)[ ]*[\p{L}\p{N}\-]+(?:[ ]*(?:\.|\[(?:dot|punt)\]|\((?:dot|punt)\)|[ ](?:dot|punt)[ ])[ ]*[\p{L}\p{N}\-]+)*[ ]*(?:\.|\[(?:dot|punt)\]|\((?:dot|punt)\)|[ ](?:dot|punt)[ ])[ ]*(?:nl|com|org|net|eu|be|de|fr|uk|info|nu|io|frl|online)\b")
URL = regex.compile(r"(?i:https?://|www\.)[^\s<>\"]+")
DOMAIN = regex.compile(
    r"(?i)\b[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?)*\.(?:nl|com|org|net|eu|be|de|fr|uk|info|nu|io|frl|online|app|me|tv)\b(?:/[^\s<>\"]*)?")
IBAN = regex.compile(r"(?i)\b[A-Z]{2}[ \-]?\d{2}(?:[ \-]?[A-Z0-9]){4}(?:[ \-]?\d){8,26}\b")
BSN = regex.compile(r"\b(?:\d{9}|\d{3}[. ]\d{3}[. ]\d{3}|\d{4}[. ]\d{2}[. ]\d{3})\b")
BIRTH_DATE = regex.compile(
    r"(?i)((?:geboren(?:[ ]+op)?|geb\.|geboortedatum:?|geboren:)[ ]*)(?:\d{1,2}[-/. ]\d{1,2}[-/. ]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}[ ]+(?:jan(?:uari)?|feb(?:ruari)?|maa(?:rt)?|apr(?:il)?|mei|jun(?:i)?|jul(?:i)?|aug(?:ustus)?|sep(?:tember)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?[ ]+\d{4})")
ADDRESS = regex.compile(
    r"(?:\b\p{Lu}[\p{L}'\-]*[ ]+(?:(?:van|de|der|den|het|ter|ten|'t)[ ]+)*){0,2}\b(?:\p{L}[\p{L}'\-]*(?:straat|weg|laan|plein|gracht|kade|singel|dijk|hof|pad|steeg|dreef|park|markt|plantsoen|erf|baan|wal|ring|allee|boulevard|haven|burgwal|veld|akker|hoek|lei|dam)|Straat|Weg|Laan|Plein|Gracht|Kade|Singel|Dijk|Markt|Haven|Wal)[ ]+\d{1,5}(?:[ ]?[A-Za-z]\b|-[IVX]+\b|-\d{1,3}\b|[ ]?(?:hs|bis)\b)?")
POSTCODE = regex.compile(r"\b([1-9]\d{3})([ ]*-?[ ]*)([A-Za-z]{2})\b")
PHONE_RUN = regex.compile(r"(?<![0-9])[+(0-9][0-9 \-.()/]*")
WORDS_AFTER_NUMBERS = set("en of is in op te ik we ze je de al na om nu zo er ja uw wo km cm mm kg ml cl dl ha uu mi an at on or to as by no so it".split())
DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")


def eleven_check(text):
    digits = [int(c) for c in text if c.isdigit()]
    total = sum(d * (9 - i) for i, d in enumerate(digits[:8])) - digits[8]
    return total % 11 == 0 and total != 0


def phone(match):
    run = match.group(0)
    end = max((i + 1 for i, c in enumerate(run) if c.isdigit()), default=0)
    run, rest = run[:end], run[end:]
    digits = "".join(c for c in run if c.isdigit())
    international = run.startswith("+") or digits.startswith("00")
    count = len(digits) - (2 if digits.startswith("00") else 0) - (1 if international and "(0)" in run else 0)
    if (9 <= count <= 15) if international else (digits.startswith("0") and len(digits) == 10):
        return "[telefoon]" + rest
    return match.group(0)


def postcode(match):
    letters, separated = match.group(3), match.group(2) != ""
    if letters.upper() in ("SA", "SD", "SS") or separated and letters == letters.lower() and letters in WORDS_AFTER_NUMBERS:
        return match.group(0)
    return "[postcode]"


def scrub(text):
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(DASHES)
    text = EMAIL.sub("[e-mail]", text)
    text = SPELLED_EMAIL.sub("[e-mail]", text)
    text = URL.sub("[url]", text)
    text = DOMAIN.sub("[url]", text)
    if not any(c.isdigit() for c in text):
        return text
    text = BIRTH_DATE.sub(lambda m: m.group(1) + "[geboortedatum]", text)
    text = IBAN.sub("[iban]", text)
    text = BSN.sub(lambda m: "[bsn]" if eleven_check(m.group(0)) else m.group(0), text)
    text = PHONE_RUN.sub(phone, text)
    text = ADDRESS.sub("[adres]", text)
    return POSTCODE.sub(postcode, text)


def guarded(text):
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def main():
    database, definition, out = sys.argv[1], sys.argv[2], sys.argv[3]
    k = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    survey = json.load(open(definition, encoding="utf-8"))
    stored = pd.read_sql_query("SELECT answers FROM responses WHERE survey_id = ?", sqlite3.connect(database), params=(survey["id"],))
    answers = pd.DataFrame.from_records(stored["answers"].map(json.loads).tolist())
    columns = {}
    quasi = []
    for question in survey["questions"]:
        qid, kind, privacy = question["id"], question["type"], question.get("privacy")
        value = answers[qid] if qid in answers else pd.Series([np.nan] * len(answers))
        if privacy == "direct" or kind == "email":
            continue
        if kind == "multi":
            for option in question["options"]:
                columns[f"{qid}.{option['id']}"] = value.map(lambda chosen, o=option["id"]: "" if not isinstance(chosen, list) else ("1" if o in chosen else "0"))
        elif kind == "number" and privacy == "quasi" and question.get("generalise") == "age-band":
            years = np.floor(value)
            bands = (years // 10 * 10).astype("Int64").astype(str) + "-" + (years // 10 * 10 + 9).astype("Int64").astype(str)
            columns[qid] = bands.where(years < 80, "80+").where(value.notna(), "")
        elif kind == "postcode":
            columns[qid] = value.fillna("").str[:4]
        elif kind == "text":
            columns[qid] = value.map(lambda t: guarded(scrub(t)) if isinstance(t, str) else "")
        elif kind == "consent":
            columns[qid] = value.map({True: "1", False: "0"}).fillna("")
        elif kind in ("rating", "number"):
            columns[qid] = value.astype("Int64").astype(str).replace("<NA>", "")
        else:
            columns[qid] = value.fillna("").map(lambda t: guarded(t) if isinstance(t, str) else t)
        if privacy == "quasi" or kind == "postcode":
            quasi.append(qid)
    frame = pd.DataFrame(columns)
    # k-anonymity: a combination of quasi-identifiers seen fewer than k times is suppressed; if the
    # suppressed rows are themselves fewer than k, they are left out.
    sizes = frame.groupby(quasi, sort=False)[quasi[0]].transform("size")
    rare = sizes < k
    if 0 < rare.sum() < k:
        frame = frame[~rare]
    else:
        frame.loc[rare, quasi] = "*"
    frame = frame.sample(frac=1).reset_index(drop=True)
    frame.insert(0, "row", np.arange(1, len(frame) + 1))
    frame.to_csv(out, index=False)
    print(f"{len(frame)} rows, {int(rare.sum())} suppressed")


if __name__ == "__main__":
    main()
