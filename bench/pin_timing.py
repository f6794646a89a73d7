#!/usr/bin/python3
"""How long a kiosk's PIN identification takes for each kind of refusal, beside a wrong PIN for a
person who has one: an unknown staff number, a person with no PIN, and a person whose PIN is locked
at that kiosk, with a right PIN for comparison. Every refusal should answer the same and take the
same time, so that neither tells whether a staff number exists.

Starts the server on a scratch demo database (loopback, a port of its own), registers four kiosks
(so no kiosk reaches its own limit of failed tries), locks one person's PIN at each, then asks in
rounds, each round every case once at every kiosk in a shuffled order, and prints each case's
answer and median, 10th and 90th percentile times, and the median's ratio to a wrong PIN's.

Usage: bench/pin_timing.py [--build-dir DIR] [--rounds N]
"""

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import tempfile
import time

DEMO_PIN = "2468"


def wait_for_port(path, process):
    deadline = time.monotonic() + 60
    while not (os.path.exists(path) and open(path).read().strip()):
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("the server did not start")
        time.sleep(0.05)
    return int(open(path).read().strip())


class Client:
    def __init__(self, port):
        self.port = port
        self.cookie = None
        self.csrf = None

    def call(self, method, path, body=None, token=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        elif self.cookie:
            headers["Cookie"] = self.cookie
            headers["X-CSRF-Token"] = self.csrf
        connection.request(method, path, json.dumps(body) if body is not None else None, headers)
        answer = connection.getresponse()
        content = answer.read()
        cookie = answer.getheader("Set-Cookie")
        connection.close()
        return answer.status, json.loads(content) if content else None, cookie

    def sign_in(self, password):
        status, body, cookie = self.call("POST", "/api/v1/auth/login", {"username": "coordinator", "password": password})
        assert status == 200, body
        self.cookie = cookie.split(";")[0]
        self.csrf = body["csrf_token"]


def identify(client, token, staff_number, pin):
    started = time.perf_counter()
    status, body, _ = client.call("POST", "/api/v1/kiosk/identify", {"staff_number": staff_number, "pin": pin}, token)
    elapsed = time.perf_counter() - started
    code = body["error"]["code"] if status >= 400 else "identified"
    return status, code, elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build-dir", default=os.path.join(os.path.dirname(__file__), "..", "build", "ci"))
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    rounds = max(1, min(options.rounds, 6))  # each kiosk may fail 50 times in 15 minutes
    server = os.path.join(options.build_dir, "backend", "pedalpower-server")
    setup = os.path.join(options.build_dir, "backend", "pedalpower-demo-kiosk-setup")

    with tempfile.TemporaryDirectory(prefix="pedalpower-pin-timing-") as folder:
        database = os.path.join(folder, "pins.sqlite")
        first = json.loads(subprocess.run([setup, database, os.path.join(folder, "kiosk.token")], check=True,
                                          capture_output=True, text=True).stdout)
        with_pin = [person["staff_number"] for person in first["people"]]
        assert len(with_pin) >= 8, "the demo kiosk setup gives at least eight people a PIN"
        port_file = os.path.join(folder, "port")
        log = open(os.path.join(folder, "server.log"), "w+")
        process = subprocess.Popen([server, "--listen", "127.0.0.1", "--port", "0", "--port-file", port_file,
                                    "--db", database, "--demo"], stdout=log, stderr=subprocess.STDOUT)
        try:
            client = Client(wait_for_port(port_file, process))
            log.flush()
            password = open(log.name).read().split("password ")[1].split()[0]
            client.sign_in(password)
            site_id = first["site"]["id"]
            tokens = []
            for n in range(4):
                status, made, _ = client.call("POST", "/api/v1/devices",
                                              {"name": f"timing-kiosk-{n + 1}", "role": "kiosk", "site_id": site_id})
                assert status == 201, made
                tokens.append(made["token"])
            numbers = [row for row in subprocess.run(
                ["sqlite3", database, "SELECT staff_number FROM staff WHERE active = 1 AND pin_hash IS NULL"],
                check=True, capture_output=True, text=True).stdout.split()]
            # One person locked at each kiosk: five wrong PINs there.
            locked = with_pin[4:8]
            for token, person in zip(tokens, locked):
                for _ in range(5):
                    identify(client, token, person, "0000")
            cases = {
                "wrong PIN, person with a PIN": lambda k, r: (with_pin[r % 3], "1357"),
                "unknown staff number": lambda k, r: (f"99{k}{r:05d}", "1357"),
                "person with no PIN": lambda k, r: (numbers[k * 10 + r], "1357"),
                "PIN locked at this kiosk": lambda k, r: (locked[k], DEMO_PIN),
                "right PIN": lambda k, r: (with_pin[3], DEMO_PIN),
            }
            times = {name: [] for name in cases}
            answers = {name: set() for name in cases}
            shuffle = random.Random(7)
            for r in range(rounds):
                for k, token in enumerate(tokens):
                    order = list(cases)
                    shuffle.shuffle(order)
                    for name in order:
                        status, code, elapsed = identify(client, token, *cases[name](k, r))
                        times[name].append(elapsed)
                        answers[name].add(f"{status} {code}")
            baseline = statistics.median(times["wrong PIN, person with a PIN"])
            print(f"{'case':32} {'answer':32} {'n':>3} {'p10 ms':>8} {'median ms':>10} {'p90 ms':>8} {'ratio':>6}")
            for name, found in times.items():
                ordered = sorted(found)
                p10 = ordered[len(ordered) // 10]
                p90 = ordered[(len(ordered) * 9) // 10]
                median = statistics.median(found)
                print(f"{name:32} {', '.join(sorted(answers[name])):32} {len(found):3} {p10 * 1000:8.1f} "
                      f"{median * 1000:10.1f} {p90 * 1000:8.1f} {median / baseline:6.2f}")
        finally:
            process.terminate()
            process.wait(timeout=20)


if __name__ == "__main__":
    main()
