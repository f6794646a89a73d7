#!/usr/bin/python3
"""An export's working file is kept beside the database, and one left by a killed server is removed.

Starts the real server executable on loopback with the demo data and a long audit log, asks for the
audit log as CSV on a socket with a small receive buffer that reads only its first bytes (so the
export's file is still being sent), and kills the server with SIGKILL. The file must be in the
folder beside the database (<database>-exports), readable by the server's user only. A server
started again on the same database must remove it before it answers.

Usage: export_files_test.py <pedalpower-server executable>
"""

import json
import os
import re
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
import tempfile
from processes import demo_password, stop, wait_for_file


def start(executable, folder, database):
    port_file = os.path.join(folder, "port")
    if os.path.exists(port_file):
        os.remove(port_file)
    log = open(os.path.join(folder, "server.log"), "w+")
    server = subprocess.Popen(
        [executable, "--listen", "127.0.0.1", "--port", "0", "--port-file", port_file, "--db", database,
         "--synchronous", "normal", "--demo", "--download-window", "120s"], stdout=log, stderr=subprocess.STDOUT)
    def output():
        log.flush()
        log.seek(0)
        return log.read()

    port = wait_for_file(port_file, server, "the server", output)
    return server, port, demo_password(output())


def sign_in(port, password):
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        body = json.dumps({"username": "coordinator", "password": password})
        connection.sendall((f"POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n{body}").encode())
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return re.search(rb"Set-Cookie: ([^;]+);", answer).group(1).decode()


def body_files(folder):
    return [name for name in os.listdir(folder) if name.startswith("pedalpower-body-")] if os.path.isdir(folder) else []


def main():
    executable = sys.argv[1]
    with tempfile.TemporaryDirectory(prefix="pedalpower-export-files-") as folder:
        database = os.path.join(folder, "files.sqlite")
        exports = database + "-exports"
        server, port, password = start(executable, folder, database)
        try:
            detail = json.dumps({"note": "a change recorded to make the log long", "odometer_m": 123456})
            with sqlite3.connect(database, timeout=60) as db:
                db.executemany(
                    "INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    ((1_577_836_800 + n, "user:1:fixture", "update", "fixture", str(n), detail, detail)
                     for n in range(200_000)))
            cookie = sign_in(port, password)

            reader = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            reader.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            reader.settimeout(300)
            reader.connect(("127.0.0.1", port))
            reader.sendall(f"GET /api/v1/audit.csv HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\n\r\n".encode())
            first = reader.recv(1024)
            assert first.startswith(b"HTTP/1.1 200"), first[:200]

            left = body_files(exports)
            assert len(left) == 1, f"the export being sent is a file beside the database: {os.listdir(folder)}"
            mode = stat.S_IMODE(os.stat(exports).st_mode)
            assert mode == 0o700, f"the folder is the server's user's only, not {oct(mode)}"
            assert stat.S_IMODE(os.stat(os.path.join(exports, left[0])).st_mode) == 0o600

            server.send_signal(signal.SIGKILL)
            server.wait(timeout=30)
            reader.close()
            assert body_files(exports) == left, "a killed server cannot remove its file"

            server, port, password = start(executable, folder, database)
            assert body_files(exports) == [], f"left by the killed server and not removed: {body_files(exports)}"
        finally:
            stop(server)
    print("export files: every check passed")


if __name__ == "__main__":
    main()
