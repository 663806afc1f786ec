"""Posts JSON responses to a running `wijkpeil serve` from several threads, as fast as it
answers, and prints the stored submission key of every 201/200 (one line each, flushed), until
killed. With --replay FILE it posts the keys in FILE again and checks that every answer is 200
(already stored) with the id it had. Used by scripts/crash-test-http.sh.

    python3 scripts/http_load.py PORT [THREADS]
    python3 scripts/http_load.py PORT --replay ACKED
"""
import http.client
import json
import os
import sys
import threading

port = int(sys.argv[1])
path = "/api/v1/surveys/wijkanalyse/responses"
lock = threading.Lock()


def post(connection, key):
    body = json.dumps({"submissionKey": key, "answers": {"cijfer-wonen": 7, "buurt": "noord", "opmerking": "crash " + key}})
    connection.request("POST", path, body=body, headers={"Content-Type": "application/json"})
    response = connection.getresponse()
    return response.status, response.read()


def writer(number):
    run = os.urandom(4).hex()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    index = 0
    while True:
        key = f"load-{run}-{number}-{index}"
        try:
            status, body = post(connection, key)
        except Exception:
            return
        if status in (200, 201):
            with lock:
                sys.stdout.write(f"api-{key} {json.loads(body)['id']}\n")
                sys.stdout.flush()
        index += 1


if len(sys.argv) > 2 and sys.argv[2] == "--replay":
    lines = open(sys.argv[3]).read().split("\n")[:-1]  # a line cut off by the kill was never acknowledged
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    wrong = 0
    for line in lines:
        stored_key, stored_id = line.split(" ")
        status, body = post(connection, stored_key[len("api-"):])
        if status != 200 or json.loads(body)["id"] != int(stored_id):
            wrong += 1
            print(f"replay of {stored_key}: {status} {body!r}, expected 200 with id {stored_id}", file=sys.stderr)
    print(f"replayed {len(lines)} acknowledged keys: {wrong} answered otherwise than 200 with the same id", file=sys.stderr)
    sys.exit(1 if wrong else 0)

threads = [threading.Thread(target=writer, args=(n,), daemon=True) for n in range(int(sys.argv[2]) if len(sys.argv) > 2 else 16)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
