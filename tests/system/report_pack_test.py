#!/usr/bin/python3
"""The monthly report pack, made by the real server, mailed through a real SMTP server and read back
with an independent reader.

The server runs three times on one database, each time told by --report-packs-as-of which day it is:
1. on 15 January 2020, with the demo data: it makes December 2019's pack at start. A report author
   with an address is added, and the fixed scheme of the export test (riders at site FIX with trips
   in January 2020).
2. on 3 February 2020, as after being down on the 1st, with a real SMTP sink (aiosmtpd): it makes
   January's pack at start and the author gets exactly one message, linking to the download. The
   author downloads the pack, its size and SHA-256 are as listed, and Debian's python3-openpyxl reads
   every sheet and the Method sheet, which must carry the figures and method lines of the JSON
   reports for January 2020. A technician is refused the list and the file.
3. on 3 February 2020 again: nothing new is made and no second message is sent.
Then a fresh database with the demo, today: last month's pack already holds the demo's rides.

Usage: report_pack_test.py <pedalpower-server executable>
"""

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time

from api_client import Caller, sign_in
from exports_test import build_fixed_scheme, read_xlsx, sheet_cells
from processes import demo_password, stop, wait_for_file

SINK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support", "smtp_sink.py")
AUTHOR = ("author", "Report author", "author@example.nhs.uk", "figures are good for you")
PUBLIC_URL = "https://bikes.example.nhs.uk"
REPORT_SHEETS = {  # in the order the pack holds them
    "Activity": ("activity", ["Commuting (Scope 3 category 7)", "Between sites (Scope 3 category 6)",
                              "Commuting by previous mode"]),
    "Equity": ("equity", ["Shares by pay band", "Waiting list to bike by band and site",
                          "Refusals by reason and band"]),
    "Fleet use": ("fleet-use", ["Fleet use by site and month"]),
}
DISTANCE_KEYS = ["site_code", "pay_band", "trips", "riders", "distance_km", "unknown_mode_km", "vehicle_km",
                 "unobserved_km", "avoided_kg", "ebike_kg", "net_kg"]


class Server:
    def __init__(self, executable, folder, as_of, extra):
        self.database = os.path.join(folder, "packs.sqlite")
        port_file = os.path.join(folder, "port")
        if os.path.exists(port_file):
            os.remove(port_file)
        self.log = open(os.path.join(folder, f"server-{as_of}.log"), "w+", encoding="utf-8")
        self.process = subprocess.Popen(
            [executable, "--listen", "127.0.0.1", "--port", "0", "--port-file", port_file, "--db", self.database,
             "--synchronous", "normal", "--report-packs-as-of", as_of] + extra,
            stdout=self.log, stderr=subprocess.STDOUT)
        self.port = wait_for_file(port_file, self.process, "the server", self.output)

    def output(self):
        self.log.flush()
        with open(self.log.name, encoding="utf-8") as written:
            return written.read()

    def stop(self):
        stop(self.process)


def wait_for_packs(caller, count):
    deadline = time.monotonic() + 60
    while True:
        listed = caller.json("/api/v1/reports/packs")
        if listed["total"] >= count or time.monotonic() > deadline:
            return listed
        time.sleep(0.2)


def messages_in(inbox):
    """The messages to the report author (the demo's borrowers get their reminders too)."""
    found = []
    for name in sorted(os.listdir(inbox)):
        if name.endswith(".json"):
            with open(os.path.join(inbox, name), encoding="utf-8") as file:
                if AUTHOR[2] in json.load(file)["envelope_to"]:
                    found.append(name)
    return found


def first_run(executable, folder):
    """15 January 2020, with the demo: December's pack; then the author and January's rides."""
    server = Server(executable, folder, "2020-01-15", ["--demo"])
    try:
        password = demo_password(server.output())
        coordinator = sign_in(server.port, "coordinator", password)
        listed = wait_for_packs(coordinator, 1)
        assert [pack["month"] for pack in listed["data"]] == ["2019-12"], listed
        username, name, address, secret = AUTHOR
        coordinator.call("POST", "/api/v1/users", body={"username": username, "display_name": name, "role": "reporter",
                                                        "email": address, "password": secret}, expect=201)
        coordinator.call("POST", "/api/v1/users", body={"username": "fixer", "display_name": "Technician",
                                                        "role": "technician", "password": "spanners in the works"},
                         expect=201)
        build_fixed_scheme(server, coordinator)
        return password
    except BaseException:
        print(server.output()[-4000:], file=sys.stderr)
        raise
    finally:
        server.stop()


def check_message(inbox):
    deadline = time.monotonic() + 60
    while not messages_in(inbox) and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(2)  # room for a second message that must not come
    found = messages_in(inbox)
    assert len(found) == 1, f"one message, got {found}"
    with open(os.path.join(inbox, found[0]), encoding="utf-8") as file:
        message = json.load(file)
    assert message["envelope_to"] == [AUTHOR[2]], message
    assert "report pack for 2020-01 is ready" in message["subject"], message["subject"]
    link = PUBLIC_URL + "/api/v1/reports/packs/2020-01"
    assert link in message["text"] and link in message["html"], message["text"]
    with open(os.path.join(inbox, found[0][:-len(".json")] + ".eml"), "rb") as file:
        assert b"attachment" not in file.read().lower(), "the figures stay behind sign-in: nothing is attached"


def pack_method(workbook):
    """The Method sheet's lines, in order."""
    assert workbook.sheetnames[-1] == "Method", workbook.sheetnames
    rows = sheet_cells(workbook["Method"])
    assert rows[0] == ["Item", "Value"], rows[0]
    return [(label, value) for label, value in rows[1:]]


def check_report_sheets(author, workbook, method):
    """Each report's sheets in the pack hold the JSON report's rows, and its method lines."""
    names = iter(workbook.sheetnames)
    month = {"from": "2020-01", "to": "2020-01"}
    for label, (report, titles) in REPORT_SHEETS.items():
        document = author.json(f"/api/v1/reports/{report}", month)
        assert [sheet["title"] for sheet in document["sheets"]] == titles, (report, document["sheets"])
        own = [(line["label"], line["value"]) for line in document["method"]
               if line["label"] not in ("Made at", "Made by")]
        in_pack = [(item[len(label) + 2:], value) for item, value in method if item.startswith(label + ": ")]
        assert in_pack == own, (label, in_pack, own)
        for sheet in document["sheets"]:
            name = next(names)
            cells = sheet_cells(workbook[name])
            assert cells[0] == [column["title"] for column in sheet["columns"]], (name, cells[0])
            assert len(cells) - 1 == len(sheet["rows"]), (name, len(cells) - 1, len(sheet["rows"]))
            for row, json_row in zip(cells[1:], sheet["rows"]):
                for column, value in zip(sheet["columns"], row):
                    expected = json_row[column["key"]]
                    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
                        assert isinstance(value, (int, float)) and abs(value - expected) < 1e-9, \
                            (name, column["key"], value, expected)
    return names


def check_distance_sheet(author, workbook, names, method):
    distance = author.json("/api/v1/reports/distance", {"from": "2020-01-01", "to": "2020-01-31"})
    name = next(names)
    assert name == "Distance by site and band", name
    cells = sheet_cells(workbook[name])
    expected = [[total[key] for key in DISTANCE_KEYS] for total in distance["totals"]]
    assert cells[1:] == expected, (cells[1:], expected)
    fixed = [row for row in cells[1:] if row[0] == "FIX"]
    # Two riders in band 3 and one in band 6, fewer than the threshold of 5: their counts show as
    # "<5" and their trips, km and CO2e are left out (the export test reads the figures themselves).
    assert [(row[1], row[3]) for row in fixed] == [("3", "<5"), ("6", "<5")], fixed
    assert all(value is None for row in fixed for value in [row[2]] + row[4:]), fixed
    assert dict(method)["Distance: Period"].startswith("2020-01-01 to 2020-01-31"), method
    assert next(names) == "Method"


def second_run(executable, folder, inbox, relay_port, password):
    """3 February 2020, after missing the 1st: January's pack, mailed once."""
    server = Server(executable, folder, "2020-02-03", [
        "--smtp-host", "127.0.0.1", "--smtp-port", str(relay_port), "--smtp-security", "none",
        "--mail-from", "bikes@example.nhs.uk", "--mail-poll", "1s", "--working-hours", "always",
        "--public-url", PUBLIC_URL + "/"])
    try:
        author = sign_in(server.port, AUTHOR[0], AUTHOR[3])
        listed = wait_for_packs(author, 2)
        assert [pack["month"] for pack in listed["data"]] == ["2020-01", "2019-12"], listed
        check_message(inbox)

        pack = listed["data"][0]
        answer, content = author.call("GET", pack["download"], accept=None, expect=200)
        assert answer.getheader("Content-Disposition") == 'attachment; filename="report-pack-2020-01.xlsx"'
        assert len(content) == pack["size_bytes"], (len(content), pack)
        assert hashlib.sha256(content).hexdigest() == pack["sha256"], pack
        workbook = read_xlsx(content, folder, "pack.xlsx")
        method = pack_method(workbook)
        lines = dict(method)
        assert lines["Made by"].startswith("Pedal Power Fleet"), method
        assert "2020-01" in lines["Pack"], method
        names = check_report_sheets(author, workbook, method)
        check_distance_sheet(author, workbook, names, method)

        technician = sign_in(server.port, "fixer", "spanners in the works")
        technician.call("GET", "/api/v1/reports/packs", expect=403)
        technician.call("GET", pack["download"], expect=403)
        Caller(server.port).call("GET", pack["download"], expect=401)
        coordinator = sign_in(server.port, "coordinator", password)
        coordinator.call("GET", pack["download"] + ".xlsx", accept=None, expect=200)
    except BaseException:
        print(server.output()[-4000:], file=sys.stderr)
        raise
    finally:
        server.stop()


def third_run(executable, folder, inbox, relay_port):
    """The same day again: nothing more is made or sent."""
    server = Server(executable, folder, "2020-02-03", [
        "--smtp-host", "127.0.0.1", "--smtp-port", str(relay_port), "--smtp-security", "none",
        "--mail-from", "bikes@example.nhs.uk", "--mail-poll", "1s", "--working-hours", "always"])
    try:
        author = sign_in(server.port, AUTHOR[0], AUTHOR[3])
        time.sleep(3)  # the job runs at start, and the sender every second
        assert author.json("/api/v1/reports/packs")["total"] == 2
        assert len(messages_in(inbox)) == 1, messages_in(inbox)
    except BaseException:
        print(server.output()[-4000:], file=sys.stderr)
        raise
    finally:
        server.stop()


def demo_run(executable, folder):
    """A newcomer's first start with the demo, today: last month's pack, made at start, already holds
    the demo's rides (the demo is seeded before the first run of the job)."""
    demo_folder = os.path.join(folder, "demo")
    os.mkdir(demo_folder)
    today = time.strftime("%Y-%m-%d", time.gmtime())
    server = Server(executable, demo_folder, today, ["--demo"])
    try:
        password = demo_password(server.output())
        coordinator = sign_in(server.port, "coordinator", password)
        listed = wait_for_packs(coordinator, 1)
        year, month = time.gmtime().tm_year, time.gmtime().tm_mon
        last_month = f"{year - 1}-12" if month == 1 else f"{year}-{month - 1:02d}"
        assert [pack["month"] for pack in listed["data"]] == [last_month], listed
        _, content = coordinator.call("GET", listed["data"][0]["download"], accept=None, expect=200)
        workbook = read_xlsx(content, demo_folder, "demo-pack.xlsx")
        cells = sheet_cells(workbook["Commuting (Scope 3 category 7)"])
        total = dict(zip(cells[0], cells[-1]))
        activity = coordinator.json("/api/v1/reports/activity", {"from": last_month, "to": last_month})
        rows = activity["sheets"][0]["rows"]
        expected = [row for row in rows if row["level"] == "total" and row["month"] == "all months"][0]
        assert total["Distance (km)"] > 0 and total["Distance (km)"] == expected["distance_km"], (total, expected)
        assert total["Trips"] == expected["trips"], (total, expected)
    except BaseException:
        print(server.output()[-4000:], file=sys.stderr)
        raise
    finally:
        server.stop()


def main():
    executable = sys.argv[1]
    with tempfile.TemporaryDirectory(prefix="pedalpower-packs-") as folder:
        inbox = os.path.join(folder, "mail")
        os.mkdir(inbox)
        relay = subprocess.Popen(["/usr/bin/python3", SINK, inbox])
        try:
            relay_port = wait_for_file(os.path.join(inbox, "port"), relay, "the SMTP sink", lambda: "")
            password = first_run(executable, folder)
            second_run(executable, folder, inbox, relay_port, password)
            third_run(executable, folder, inbox, relay_port)
            demo_run(executable, folder)
        finally:
            relay.terminate()
            relay.wait(timeout=20)
        assert os.path.exists(os.path.join(folder, "packs-report-packs", "report-pack-2020-01.xlsx"))
    print("report packs: every check passed")


if __name__ == "__main__":
    main()
