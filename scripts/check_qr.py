"""Compares Wijkpeil's QR encoder with segno (a reference encoder from PyPI) on random
addresses and codes, and decodes every Wijkpeil symbol with zbar. Called by check-qr.sh.

    python3 scripts/check_qr.py WIJKPEIL COUNT

segno 1.6.6 adds a full byte of zero padding when the bit stream already ends on a codeword
boundary (write_padding_bits: 8 - length % 8); ISO/IEC 18004 §7.4.10 adds padding bits only
"if the bit stream length is such that it does not end at a codeword boundary". That one line
is corrected here, so that both encoders follow the standard; nothing else of segno is changed.
"""
import random
import string
import subprocess
import sys
import tempfile

import segno
from segno import consts, encoder


def write_padding_bits(buff, version, length):
    if version not in (consts.VERSION_M1, consts.VERSION_M3):
        buff.extend([0] * ((8 - (length % 8)) % 8))


encoder.write_padding_bits = write_padding_bits

wijkpeil, count = sys.argv[1], int(sys.argv[2])
rng = random.Random(20261130)
alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


def sample():
    kind = rng.choice(["url", "url", "lan", "code", "digits"])
    if kind == "url":
        host = rng.choice(["www.", ""]) + "".join(rng.choices(string.ascii_lowercase, k=rng.randint(3, 12))) + rng.choice([".nl", ".lan", ".org"])
        path = "/".join("".join(rng.choices(string.ascii_lowercase + string.digits + "-", k=rng.randint(2, 14))) for _ in range(rng.randint(1, 4)))
        query = rng.choice(["", "?lang=en", "?code=" + "-".join("".join(rng.choices(alphabet, k=5)) for _ in range(3))])
        return f"{rng.choice(['http', 'https'])}://{host}/{path}{query}"
    if kind == "lan":
        return f"http://192.168.{rng.randint(0, 255)}.{rng.randint(1, 254)}:{rng.choice([8080, 80, 8443])}/s/" + rng.choice(["wijkanalyse", "wijkbudget", "bewonersavond-stippen"])
    if kind == "code":
        return "-".join("".join(rng.choices(alphabet, k=5)) for _ in range(3))
    return "".join(rng.choices(string.digits, k=rng.randint(1, 60)))


problems = []
decoded = 0
with tempfile.TemporaryDirectory() as folder:
    for index in range(count):
        text = sample()
        lines = subprocess.run([wijkpeil, "qr", text, "--format", "matrix"], capture_output=True, text=True, check=True).stdout.split()
        version, mask = int(lines[0]), int(lines[1])
        ours = lines[2:]
        reference = segno.make(text, version=version, error="m", mask=mask, boost_error=False, micro=False)
        theirs = ["".join("1" if module else "0" for module in row) for row in reference.matrix]
        if ours != theirs:
            problems.append(f"{text!r} ({version}-M mask {mask}): the symbols differ")
        svg = subprocess.run([wijkpeil, "qr", text, "--format", "svg"], capture_output=True, text=True, check=True).stdout
        open(f"{folder}/q.svg", "w").write(svg)
        subprocess.run(["rsvg-convert", "--zoom", "2", f"{folder}/q.svg", "-o", f"{folder}/q.png"], check=True)
        result = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sbinary", f"{folder}/q.png"], capture_output=True)
        if result.stdout.rstrip(b"\n") == text.encode():
            decoded += 1
        else:
            problems.append(f"{text!r}: zbar read {result.stdout[:80]!r}")

for problem in problems[:20]:
    print("PROBLEM:", problem)
print(f"{count} texts: {count - sum('differ' in p for p in problems)} symbols identical to segno's, {decoded} decoded by zbar to their text")
sys.exit(1 if problems else 0)
