#!/usr/bin/python3
"""An export is written to a file a page at a time and sent from it, never held in memory.

Starts the real server executable on loopback with the demo data, adds 10,000 audit rows and
exports the audit log as CSV, XLSX and ODS, then adds 80,000 more and exports it again. The export
grows by tens of megabytes; the server's peak resident memory (VmHWM) may not grow by more than a
fraction of that, which it would if the export (or its rows as JSON) were held whole. The server's
working files go to the folder beside its database, which must be empty once the answers are sent.

Usage: export_memory_test.py <pedalpower-server executable>
"""

import http.client
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from processes import demo_password, stop, wait_for_file

ALLOWED_GROWTH = 5 * 1024 * 1024


def peak_memory(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM")


def add_audit_rows(database, first, count):
    detail = json.dumps({"note": "a change recorded to make the log long", "odometer_m": 123456, "site": "FIX"})
    with sqlite3.connect(database, timeout=60) as db:
        db.executemany(
            "INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)",
            ((1_577_836_800 + n, f"user:{n % 7}:fixture", "update", "fixture", str(n), detail, detail)
             for n in range(first, first + count)))


def main():
    executable = sys.argv[1]
    with tempfile.TemporaryDirectory(prefix="pedalpower-export-memory-") as folder:
        database = os.path.join(folder, "memory.sqlite")
        port_file = os.path.join(folder, "port")
        log = open(os.path.join(folder, "server.log"), "w+")
        server = subprocess.Popen(
            [executable, "--listen", "127.0.0.1", "--port", "0", "--port-file", port_file, "--db", database,
             "--synchronous", "normal", "--demo"],
            stdout=log, stderr=subprocess.STDOUT)
        try:
            def output():
                log.flush()
                log.seek(0)
                return log.read()

            port = wait_for_file(port_file, server, "the server", output)
            password = demo_password(output())

            def call(method, path, body=None, cookie=None):
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
                headers = {"Cookie": cookie} if cookie else {}
                if body is not None:
                    headers["Content-Type"] = "application/json"
                connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
                answer = connection.getresponse()
                size = 0
                while chunk := answer.read(1 << 16):
                    size += len(chunk)
                connection.close()
                return answer, size

            answer, _ = call("POST", "/api/v1/auth/login", {"username": "coordinator", "password": password})
            cookie = answer.getheader("Set-Cookie").split(";")[0]

            def export(ending):
                answer, size = call("GET", f"/api/v1/audit.{ending}", cookie=cookie)
                assert answer.status == 200, answer.status
                return size

            add_audit_rows(database, 0, 10_000)
            small = export("csv") + export("xlsx") + export("ods")
            before = peak_memory(server.pid)
            add_audit_rows(database, 10_000, 80_000)
            large = export("csv") + export("xlsx") + export("ods")
            after = peak_memory(server.pid)
            grown = after - before
            print(f"exports: {small / 1e6:.1f} MB then {large / 1e6:.1f} MB; peak memory {before / 1e6:.1f} MB "
                  f"then {after / 1e6:.1f} MB")
            assert large - small > 4 * ALLOWED_GROWTH, "the second export must be much larger for the test to mean anything"
            assert grown < ALLOWED_GROWTH, f"peak memory grew by {grown / 1e6:.1f} MB with the export"
            # The server drops each file once its last piece is written, a moment after the client has it.
            deadline = time.time() + 10
            while (left := os.listdir(database + "-exports")) and time.time() < deadline:
                time.sleep(0.1)
            assert not left, f"working files left behind: {left}"
        finally:
            stop(server)
    print("export memory: every check passed")


if __name__ == "__main__":
    main()
