"""Differential test of Wijkpeil's request parser against llhttp (the parser inside Node.js
and SwiftNIO), over a corpus of odd requests. Called by scripts/differential-llhttp.sh.

    python3 scripts/differential_llhttp.py HOST PORT

For every request both parsers read the same bytes: llhttp in-process (strict, its defaults),
Wijkpeil through a running `wijkpeil serve`. The dangerous difference is Wijkpeil accepting
what llhttp refuses, or the two seeing different requests in the same bytes (a smuggling
shape); either fails the run. Wijkpeil refusing what llhttp accepts is allowed only where the
server is stricter on purpose, and each such case is listed with its reason.
"""
import socket
import sys

import llhttp

host, port = sys.argv[1], int(sys.argv[2])
PARSER_REFUSALS = {400, 411, 413, 414, 417, 431, 505}


class Counting(llhttp.Request):
    def __init__(self):
        super().__init__()
        self.messages = []
        self.body = 0

    def on_body(self, data):
        self.body += len(data)

    def on_message_complete(self):
        self.messages.append((self.method, self.body))
        self.body = 0


def llhttp_view(data):
    parser = Counting()
    try:
        parser.execute(data)
        return "accept", [body for _, body in parser.messages]
    except llhttp.Error as error:
        # Requests completed before the error count as seen.
        return "refuse:" + type(error).__name__, [body for _, body in parser.messages]


def wijkpeil_view(data):
    with socket.create_connection((host, port), timeout=5) as connection:
        connection.sendall(data)
        connection.shutdown(socket.SHUT_WR)
        received = b""
        while True:
            try:
                chunk = connection.recv(65536)
            except (ConnectionResetError, socket.timeout):
                break
            if not chunk:
                break
            received += chunk
    statuses = []
    for part in received.split(b"HTTP/1.1 ")[1:]:
        code = part[:3]
        if code.isdigit() and int(code) != 100:
            statuses.append(int(code))
    refused = [status for status in statuses if status in PARSER_REFUSALS]
    accepted = [status for status in statuses if status not in PARSER_REFUSALS]
    if refused:
        return "refuse:%d" % refused[0], len(accepted)
    # Closed without any answer: the bytes were not taken as a request.
    return ("accept" if accepted else "refuse:closed"), len(accepted)


def r(text):
    return text.replace("\n", "\r\n").encode("latin-1")


# (name, bytes, reason Wijkpeil may be stricter: None means both must agree)
CORPUS = [
    ("plain GET", r("GET /healthz HTTP/1.1\nHost: a\n\n"), None),
    ("HTTP/1.0 without Host", r("GET /healthz HTTP/1.0\n\n"), None),
    ("POST with a body", r("POST /healthz HTTP/1.1\nHost: a\nContent-Length: 5\n\nhello"), None),
    ("two pipelined GETs", r("GET /healthz HTTP/1.1\nHost: a\n\nGET /healthz HTTP/1.1\nHost: a\n\n"), None),
    ("body then a pipelined GET", r("POST /healthz HTTP/1.1\nHost: a\nContent-Length: 2\n\nokGET /healthz HTTP/1.1\nHost: a\n\n"), None),
    ("header value with obs-text", b"GET /healthz HTTP/1.1\r\nHost: a\r\nX: caf\xe9\r\n\r\n", None),
    ("tab in a header value", r("GET /healthz HTTP/1.1\nHost: a\nX: a\tb\n\n"), None),
    ("leading CRLF before the request", r("\nGET /healthz HTTP/1.1\nHost: a\n\n"), None),
    ("Content-Length: 0 on GET", r("GET /healthz HTTP/1.1\nHost: a\nContent-Length: 0\n\n"), None),
    ("upper-case header names", r("GET /healthz HTTP/1.1\nHOST: a\nCONTENT-LENGTH: 0\n\n"), None),
    ("space before the colon", r("GET /healthz HTTP/1.1\nHost: a\nX-A : b\n\n"), None),
    ("bare LF line ends", b"GET /healthz HTTP/1.1\nHost: a\n\n", None),
    ("bare CR inside a header", b"GET /healthz HTTP/1.1\r\nHost: a\rX: b\r\n\r\n", None),
    ("NUL in a header value", b"GET /healthz HTTP/1.1\r\nHost: a\r\nX: a\x00b\r\n\r\n", None),
    ("DEL in a header value", b"GET /healthz HTTP/1.1\r\nHost: a\r\nX: a\x7fb\r\n\r\n", None),
    ("invalid character in a header name", r("GET /healthz HTTP/1.1\nHost: a\nX(y): b\n\n"), None),
    ("obs-fold", r("GET /healthz HTTP/1.1\nHost: a\nX: a\n b\n\n"), None),
    ("Content-Length not a number", r("POST /healthz HTTP/1.1\nHost: a\nContent-Length: 1x\n\nab"), None),
    ("negative Content-Length", r("POST /healthz HTTP/1.1\nHost: a\nContent-Length: -1\n\n"), None),
    ("Content-Length with a plus", r("POST /healthz HTTP/1.1\nHost: a\nContent-Length: +1\n\na"), None),
    ("conflicting Content-Lengths", r("POST /healthz HTTP/1.1\nHost: a\nContent-Length: 1\nContent-Length: 2\n\nab"), None),
    ("Content-Length and chunked (CL.TE)", r("POST /healthz HTTP/1.1\nHost: a\nContent-Length: 4\nTransfer-Encoding: chunked\n\n0\n\n"), None),
    ("chunked and Content-Length (TE.CL)", r("POST /healthz HTTP/1.1\nHost: a\nTransfer-Encoding: chunked\nContent-Length: 4\n\n0\n\n"), None),
    ("invalid method character", r("G@T /healthz HTTP/1.1\nHost: a\n\n"), None),
    ("two spaces in the request line", r("GET  /healthz HTTP/1.1\nHost: a\n\n"),
     "RFC 9112 §3: exactly one SP between method, target and version; lenient splitting is what smuggling abuses"),
    ("trailing space after the version", r("GET /healthz HTTP/1.1 \nHost: a\n\n"), None),
    ("HTTP/1.2", r("GET /healthz HTTP/1.2\nHost: a\n\n"), None),
    ("lower-case http version", r("GET /healthz http/1.1\nHost: a\n\n"), None),
    ("space in the target", r("GET /hea lthz HTTP/1.1\nHost: a\n\n"), None),
    # Stricter on purpose:
    ("identical duplicate Content-Length", r("POST /healthz HTTP/1.1\nHost: a\nContent-Length: 2\nContent-Length: 2\n\nok"),
     "duplicate Content-Length is refused, as the issue asks (RFC 9112 allows merging identical values)"),
    ("Content-Length list of equal values", r("POST /healthz HTTP/1.1\nHost: a\nContent-Length: 2, 2\n\nok"),
     "only a plain number is read as Content-Length"),
    ("chunked body", r("POST /healthz HTTP/1.1\nHost: a\nTransfer-Encoding: chunked\n\n2\nok\n0\n\n"),
     "bodies need Content-Length (411); forms and the API always send one"),
    ("HTTP/1.1 without Host", r("GET /healthz HTTP/1.1\n\n"), "RFC 9112 §3.2: a server MUST answer 400 to HTTP/1.1 without Host"),
    ("two Host headers", r("GET /healthz HTTP/1.1\nHost: a\nHost: b\n\n"), "RFC 9112 §3.2: more than one Host is a 400"),
    ("absolute-form target", r("GET http://a/healthz HTTP/1.1\nHost: a\n\n"), "this is not a proxy: only origin-form paths"),
    ("asterisk target on GET", r("GET * HTTP/1.1\nHost: a\n\n"), None),
    ("Expect other than 100-continue", r("GET /healthz HTTP/1.1\nHost: a\nExpect: tea\n\n"), "an Expect the server cannot meet is a 417 (RFC 9110 §10.1.1)"),
    ("empty header name", r("GET /healthz HTTP/1.1\nHost: a\n: b\n\n"), None),
    ("header line without a colon", r("GET /healthz HTTP/1.1\nHost: a\nNoColon\n\n"), None),
    ("chunked, folded Transfer-Encoding", r("POST /healthz HTTP/1.1\nHost: a\nTransfer-Encoding:\n chunked\nContent-Length: 3\n\nabc"), None),
    ("Transfer-Encoding: identity", r("POST /healthz HTTP/1.1\nHost: a\nTransfer-Encoding: identity\nContent-Length: 2\n\nok"), None),
]

failures, stricter, agreed = [], [], 0
for name, data, reason in CORPUS:
    theirs, their_bodies = llhttp_view(data)
    ours, our_count = wijkpeil_view(data)
    their_ok, our_ok = theirs == "accept", ours == "accept"
    line = f"{name}: llhttp {theirs} ({len(their_bodies)} request(s)), wijkpeil {ours} ({our_count} answered)"
    if our_ok and not their_ok:
        failures.append("ACCEPTED WHAT LLHTTP REFUSES: " + line)
    elif our_ok and their_ok and our_count != len(their_bodies):
        failures.append("DIFFERENT REQUESTS IN THE SAME BYTES: " + line)
    elif their_ok and not our_ok:
        if reason:
            stricter.append(line + " — " + reason)
        else:
            failures.append("REFUSED WITHOUT A STATED REASON: " + line)
    else:
        agreed += 1
        print("agree   ", line)

for line in stricter:
    print("stricter", line)
for line in failures:
    print("FAIL    ", line)
print(f"{len(CORPUS)} requests: {agreed} agree, {len(stricter)} stricter on purpose, {len(failures)} failure(s)")
sys.exit(1 if failures else 0)
