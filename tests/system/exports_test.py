#!/usr/bin/python3
"""Exports of the distance report and the admin lists, read back by independent readers.

Starts the real server executable on loopback with the demo data, adds a small fixed scheme of its
own (a site, three riders, three loans and six trips in January 2020, outside every demo figure)
and then downloads the distance report for January 2020 and some lists as JSON, CSV, XLSX and ODS.
The CSV is read with Python's csv module, the XLSX with Debian's python3-openpyxl, the ODS with
python3-odf. The test checks that they carry the JSON answer's figures, as numbers in the workbooks,
the ODS every cell the XLSX has; that the workbook has its Method
sheet; that names written to look like formulas come out neutralised; that the cells are those of
the golden files in tests/system/golden (run with --update-golden to write them again); that the
format follows Accept or the path's ending, with 406 for an Accept it cannot meet; and that a role
the JSON list refuses is refused the file too.

Usage: exports_test.py <pedalpower-server executable> [--update-golden]
"""

import csv
import datetime
import io
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time

import openpyxl
from api_client import Caller, sign_in
from ods_reader import ODS, read_ods
from processes import demo_password, stop, wait_for_file

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GOLDEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden")
PERIOD = {"from": "2020-01-01", "to": "2020-01-31"}
FORMULA_NAME = '=HYPERLINK("http://example.org","Click")'
AT_NAME = "@SUM(1)"
LISTS = ("/api/v1/audit", "/api/v1/waitlist", "/api/v1/devices", "/api/v1/trackers", "/api/v1/users",
         "/api/v1/kiosk/exceptions", "/api/v1/work-orders", "/api/v1/outbox", "/api/v1/loans/overdue",
         "/api/v1/loans", "/api/v1/staff", "/api/v1/bikes")
SPACED_NAME = "Ann  B\u00e9n\u00e9dicte   Two\tTab\nNew line <&> \"quoted\"  "


class Server:
    def __init__(self, executable, folder):
        self.database = os.path.join(folder, "exports.sqlite")
        port_file = os.path.join(folder, "port")
        self.log = open(os.path.join(folder, "server.log"), "w+")
        self.process = subprocess.Popen(
            [executable, "--listen", "127.0.0.1", "--port", "0", "--port-file", port_file, "--db", self.database,
             "--synchronous", "normal", "--demo", "--report-suppress-below", "1"], stdout=self.log,
            stderr=subprocess.STDOUT)
        self.port = wait_for_file(port_file, self.process, "the server", self.output)
        self.password = demo_password(self.output())

    def output(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def stop(self):
        stop(self.process)


def build_fixed_scheme(server, coordinator):
    """A site of its own with three riders, each on a loan, and two trips each in January 2020."""
    site = coordinator.send("POST", "/api/v1/sites", {"code": "FIX", "name": "Fixed scheme site"}, expect=201)
    riders = [("FIX1", FORMULA_NAME, "3", "car_petrol"), ("FIX2", AT_NAME, "3", "bus"),
              ("FIX3", "Carol Cyclist", "6", "car_diesel")]
    loans = []
    for number, (staff_number, name, band, mode) in enumerate(riders, start=1):
        member = coordinator.send("POST", "/api/v1/staff", {
            "staff_number": staff_number, "name": name, "pay_band": band, "home_site_id": site["id"],
            "induction_date": "2019-12-01", "commute_mode": mode}, expect=201)
        bike = coordinator.send("POST", "/api/v1/bikes", {
            "asset_tag": f"FX-{number:03}", "frame_number": f"FIXFRAME{number}", "make": "Raleigh",
            "model": "Motus", "site_id": site["id"]}, expect=201)
        offer = coordinator.json("/api/v1/kiosk/offer", {"staff_id": member["id"], "site_id": site["id"]})
        loan = coordinator.send("POST", "/api/v1/loans", {
            "staff_id": member["id"], "bike_id": bike["id"], "terms_version": offer["terms"]["version"]},
            expect=201)
        loans.append((loan, bike))
    # Trips as the hourly job leaves them once positions are reduced: fixed summaries in 2020.
    january = 1577836800000  # 2020-01-01T00:00:00Z in milliseconds
    with sqlite3.connect(server.database, timeout=30) as db:
        for number, (loan, bike) in enumerate(loans, start=1):
            for trip in range(2):
                started = january + (number * 2 + trip) * 86_400_000 + 8 * 3_600_000
                db.execute(
                    "INSERT INTO trip_summaries (bike_id, loan_id, started_ms, ended_ms, distance_m, distance_source,"
                    " from_gpx, vehicle_distance_m, moving_s, position_count, summarised_at)"
                    " VALUES (?, ?, ?, ?, ?, 'gps_track', 1, ?, ?, 100, 0)",
                    (bike["id"], loan["id"], started, started + 1_800_000, 4000.0 * number + 1234.5 * trip,
                     250.0 * trip, 1500))
    return site


def read_csv(content):
    assert content.startswith(b"\xef\xbb\xbf"), "a CSV starts with a UTF-8 byte-order mark"
    text = content[3:].decode("utf-8")
    assert text.endswith("\r\n"), "a CSV's lines end in CRLF"
    assert "\n" not in text.replace("\r\n", ""), "every line ends in CRLF"
    return list(csv.reader(io.StringIO(text, newline="")))


def read_xlsx(content, folder, name):
    path = os.path.join(folder, name)
    with open(path, "wb") as file:
        file.write(content)
    return openpyxl.load_workbook(path)


def sheet_cells(sheet):
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def method_of(workbook):
    assert workbook.sheetnames[-1] == "Method", f"the Method sheet comes last: {workbook.sheetnames}"
    rows = sheet_cells(workbook["Method"])
    assert rows[0] == ["Item", "Value"]
    return {label: value for label, value in rows[1:]}


def as_golden(rows):
    """Cells as JSON keeps them: dates as ISO text."""
    return [[value.isoformat() if hasattr(value, "isoformat") else value for value in row] for row in rows]


def check_golden(name, cells, update):
    path = os.path.join(GOLDEN, name)
    if update:
        with open(path, "w", encoding="utf-8") as file:
            json.dump(cells, file, indent=1, ensure_ascii=False)
            file.write("\n")
        return
    with open(path, encoding="utf-8") as file:
        expected = json.load(file)
    assert cells == expected, f"{name} differs from its golden file:\n{json.dumps(cells, ensure_ascii=False)}"


def figure_of(text):
    """A CSV cell of a figures column: a number, or a count too small to show ("<5") as it is."""
    if text.startswith("<"):
        return text
    return float(text) if "." in text else int(text)


def check_distance_report(coordinator, folder, update):
    report = coordinator.json("/api/v1/reports/distance", PERIOD)
    fixed = [total for total in report["totals"] if total["site_code"] == "FIX"]
    # Two riders in band 3 and one in band 6, shown: this server hides no count (its threshold is 1),
    # so that the files are seen to carry every figure the JSON answer does.
    assert [(total["pay_band"], total["trips"], total["riders"]) for total in fixed] == [("3", 4, 2), ("6", 2, 1)], fixed
    assert report["suppress_below"] == 1, report
    # Worked by hand: band 3 rode 4000 + 5234.5 + 8000 + 9234.5 m. Band 6 is one former diesel driver
    # riding 12000 + 13234.5 m = 25.2345 km in 2020, so by the nearest factor set, 2024's (average car,
    # diesel 0.16984 kg/km): avoided 4.28583 kg, e-bike 25.2345 x 10 Wh/km x (0.20705 + 0.01830) kg/kWh
    # = 0.05687 kg, net 4.22896 kg.
    assert fixed[0]["distance_km"] == 26.469, fixed[0]
    assert (fixed[1]["distance_km"], fixed[1]["avoided_kg"], fixed[1]["ebike_kg"], fixed[1]["net_kg"]) == \
        (25.235, 4.286, 0.057, 4.229), fixed[1]
    keys = ["site_code", "pay_band", "trips", "riders", "distance_km", "unknown_mode_km", "vehicle_km",
            "unobserved_km", "avoided_kg", "ebike_kg", "net_kg"]
    expected = [[total[key] for key in keys] for total in report["totals"]]

    answer, content = coordinator.call("GET", "/api/v1/reports/distance.csv", PERIOD, accept=None, expect=200)
    assert answer.getheader("Content-Type") == "text/csv; charset=utf-8"
    assert answer.getheader("Content-Disposition") == 'attachment; filename="distance-2020-01-01-to-2020-01-31.csv"'
    rows = read_csv(content)
    assert rows[0] == keys, rows[0]
    parsed = [[row[0], row[1]] + [figure_of(value) for value in row[2:]] for row in rows[1:]]
    assert parsed == expected, (parsed, expected)

    answer, content = coordinator.call("GET", "/api/v1/reports/distance", PERIOD, accept=XLSX, expect=200)
    assert answer.getheader("Content-Type") == XLSX
    assert answer.getheader("Content-Disposition") == 'attachment; filename="distance-2020-01-01-to-2020-01-31.xlsx"'
    workbook = read_xlsx(content, folder, "distance.xlsx")
    assert workbook.sheetnames == ["Distance by site and band", "Method"], workbook.sheetnames
    sheet = workbook["Distance by site and band"]
    assert sheet.freeze_panes == "A2", "the header row is frozen"
    cells = sheet_cells(sheet)
    assert cells[1:] == expected, (cells[1:], expected)
    riders_at = keys.index("riders")
    for row in sheet.iter_rows(min_row=2):
        assert all(cell.data_type == "n" for at, cell in enumerate(row) if at >= 2 and at != riders_at), \
            "figures are numbers"
        assert row[riders_at].data_type == "n" or row[riders_at].value.startswith("<"), "riders: a number or <N"
    method = method_of(workbook)
    assert method["Period"].startswith("2020-01-01 to 2020-01-31"), method
    assert method["Emission factors"].startswith(f"DESNZ {report['factors']['year']}"), method
    assert method["Rows in Distance by site and band"] == len(expected)
    assert method["Made by"].startswith("Pedal Power Fleet"), method

    only_fixed = [row for row in cells if row[0] in ("Site", "FIX")]
    check_golden("distance-2020-01.json", as_golden(only_fixed), update)
    check_golden("distance-2020-01-csv.json", [row for row in rows if row[0] in ("site_code", "FIX")], update)
    stable_method = {label: value for label, value in method.items() if label not in ("Made at", "Made by")
                     and not label.startswith("Rows") and "outside" not in label and "km)" not in label
                     and "observed" not in label}
    check_golden("distance-2020-01-method.json", stable_method, update)


def check_staff_list(coordinator, site, folder, update):
    query = {"site_id": site["id"], "sort": "staff_number"}
    listed = coordinator.json("/api/v1/staff", {**query, "page_size": 200})["data"]
    assert [person["name"] for person in listed] == [FORMULA_NAME, AT_NAME, "Carol Cyclist"]

    _, content = coordinator.call("GET", "/api/v1/staff", query, accept="text/csv", expect=200)
    rows = read_csv(content)
    names = [row[rows[0].index("name")] for row in rows[1:]]
    assert names == ["'" + FORMULA_NAME, "'" + AT_NAME, "Carol Cyclist"], names
    assert "badge_id" not in rows[0]

    _, content = coordinator.call("GET", "/api/v1/staff.xlsx", query, accept="application/json", expect=200)
    workbook = read_xlsx(content, folder, "staff.xlsx")
    sheet = workbook["staff"]
    cells = sheet_cells(sheet)
    header = cells[0]
    assert [row[header.index("Name")] for row in cells[1:]] == ["'" + FORMULA_NAME, "'" + AT_NAME, "Carol Cyclist"]
    for row in sheet.iter_rows(min_row=2):
        assert row[header.index("Id")].data_type == "n", "ids are numbers"
        assert row[header.index("Name")].data_type == "s", "names are text, never formulas"
        assert row[header.index("Induction date")].is_date, "dates are dates"
    assert [row[header.index("Id")] for row in cells[1:]] == [person["id"] for person in listed]
    modes = {mode["code"]: mode["label"] for mode in coordinator.json("/api/v1/choices")["commute_modes"]}
    assert [row[header.index("Previous commute mode")] for row in cells[1:]] == [
        modes[person["commute_mode"]] for person in listed], "commute modes read in the words the screens use"
    assert [row[header.index("Active")] for row in cells[1:]] == ["Yes"] * len(listed)
    rows_without_ids = [[value for key, value in zip(header, row) if "id" not in key.lower().split()] for row in cells]
    check_golden("staff-fixed-site.json", as_golden(rows_without_ids), update)
    assert method_of(workbook)["Filters"] == f"site_id={site['id']}"


def check_lists(coordinator, site, folder):
    bikes = coordinator.json("/api/v1/bikes", {"site_id": site["id"], "page_size": 200})["data"]
    _, content = coordinator.call("GET", "/api/v1/bikes.xlsx", {"site_id": site["id"]}, expect=200)
    cells = sheet_cells(read_xlsx(content, folder, "bikes.xlsx")["bikes"])
    assert [row[cells[0].index("Asset tag")] for row in cells[1:]] == [bike["asset_tag"] for bike in bikes]

    # Every page, not only the first: the demo's audit log is longer than a page holds.
    audit = coordinator.json("/api/v1/audit", {"page_size": 1})
    _, content = coordinator.call("GET", "/api/v1/audit.csv", expect=200)
    rows = read_csv(content)
    assert len(rows) - 1 == audit["total"] > 200, (len(rows), audit["total"])
    assert len({row[0] for row in rows[1:]}) == audit["total"], "no entry twice"

    for path in LISTS:
        total = coordinator.json(path, {"page_size": 1})["total"]
        _, content = coordinator.call("GET", path + ".xlsx", expect=200)
        workbook = read_xlsx(content, folder, "list.xlsx")
        assert len(workbook.sheetnames) == 2 and workbook.sheetnames[1] == "Method", (path, workbook.sheetnames)
        assert workbook.worksheets[0].max_row - 1 == total, (path, workbook.worksheets[0].max_row, total)
        _, content = coordinator.call("GET", path + ".csv", expect=200)
        assert len(read_csv(content)) - 1 == total, path


def same_cells(workbook, sheets, label):
    """The ODS sheets hold what the XLSX workbook holds: the same sheets in order, the same cells
    (moments to the millisecond), apart from when each file was made."""
    assert list(sheets) == workbook.sheetnames, (label, list(sheets), workbook.sheetnames)
    for name, rows in sheets.items():
        cells = sheet_cells(workbook[name])
        if name == "Method":
            cells = [row for row in cells if row[0] != "Made at"]
            rows = [row for row in rows if row[0] != "Made at"]
        assert len(rows) == len(cells), (label, name, len(rows), len(cells))
        for ods_row, xlsx_row in zip(rows, cells):
            assert len(ods_row) == len(xlsx_row), (label, name, ods_row, xlsx_row)
            for ods_value, xlsx_value in zip(ods_row, xlsx_row):
                if isinstance(xlsx_value, datetime.datetime):
                    assert abs(ods_value - xlsx_value) < datetime.timedelta(milliseconds=1), (label, name, ods_row, xlsx_row)
                else:
                    assert ods_value == xlsx_value, (label, name, ods_row, xlsx_row)


def check_ods(coordinator, site, folder):
    """Every list and report as ODS, by path ending and by Accept, against the same file as XLSX;
    text keeps its spaces, tabs, line breaks and markup characters, and is neutralised as in XLSX."""
    this_month = time.strftime("%Y-%m", time.gmtime())
    year_back = {"from": f"{int(this_month[:4]) - 1}{this_month[4:]}", "to": this_month}
    targets = [(path, {}) for path in LISTS] + [(f"/api/v1/reports/{report}", year_back)
                                               for report in ("activity", "equity", "fleet-use")]
    targets.append(("/api/v1/reports/distance", PERIOD))
    for path, query in targets:
        _, xlsx = coordinator.call("GET", path + ".xlsx", query, accept=None, expect=200)
        answer, ods = coordinator.call("GET", path + ".ods", query, accept=None, expect=200)
        assert answer.getheader("Content-Type") == ODS, answer.getheader("Content-Type")
        assert answer.getheader("Content-Disposition").endswith('.ods"'), answer.getheader("Content-Disposition")
        same_cells(read_xlsx(xlsx, folder, "same.xlsx"), read_ods(ods, folder, "same.ods"), path)

    spaced = coordinator.send("POST", "/api/v1/staff", {
        "staff_number": "ODS1", "name": SPACED_NAME, "pay_band": "2", "home_site_id": site["id"]}, expect=201)
    query = {"site_id": site["id"], "sort": "staff_number"}
    answer, content = coordinator.call("GET", "/api/v1/staff", query, accept=ODS, expect=200)
    assert answer.getheader("Content-Type") == ODS
    rows = read_ods(content, folder, "staff.ods")["staff"]
    header = rows[0]
    names = [row[header.index("Name")] for row in rows[1:]]
    assert names == ["'" + FORMULA_NAME, "'" + AT_NAME, "Carol Cyclist", spaced["name"]], names
    assert spaced["name"].startswith("Ann  B\u00e9n\u00e9dicte   Two\tTab\nNew line"), spaced["name"]
    assert all(isinstance(row[header.index("Id")], int) for row in rows[1:]), "ids are numbers"


def check_refusals(coordinator, server):
    answer, content = coordinator.call("GET", "/api/v1/bikes", accept="application/pdf", expect=406)
    error = json.loads(content)["error"]
    assert error["code"] == "not_acceptable" and error["field"] == "Accept", error
    assert "text/csv" in error["message"] and ODS in error["message"], error
    coordinator.call("GET", "/api/v1/bikes", accept="text/csv;q=0, */*;q=0.1", expect=200)
    answer, _ = coordinator.call("GET", "/api/v1/bikes", accept="text/csv;q=0.5, application/json;q=0.9", expect=200)
    assert answer.getheader("Content-Type") == "application/json"
    answer, content = coordinator.call("GET", "/api/v1/reports/distance.csv", {"from": "2020-02-01"}, expect=422)
    assert json.loads(content)["error"]["field"] == "to"
    coordinator.call("POST", "/api/v1/users", body={"username": "reader", "display_name": "Report reader",
                                                    "role": "reporter", "password": "a long walk to the store"},
                     expect=201)
    reporter = sign_in(server.port, "reader", "a long walk to the store")
    reporter.call("GET", "/api/v1/staff.csv", accept=None, expect=403)
    reporter.call("GET", "/api/v1/staff", accept="text/csv", expect=403)
    reporter.call("GET", "/api/v1/reports/distance.xlsx", PERIOD, accept=None, expect=200)
    reporter.call("GET", "/api/v1/reports/distance.ods", PERIOD, accept=None, expect=200)
    reporter.call("GET", "/api/v1/staff.ods", accept=None, expect=403)
    Caller(server.port).call("GET", "/api/v1/audit.csv", accept=None, expect=401)


def check_reports(coordinator, folder):
    """Each report gives the same sheets and rows as JSON, XLSX (after the sheets, its Method) and
    CSV (its first sheet), all from the same writer calls."""
    this_month = time.strftime("%Y-%m", time.gmtime())
    period = {"from": f"{int(this_month[:4]) - 1}{this_month[4:]}", "to": this_month}
    for report in ("activity", "equity", "fleet-use"):
        document = coordinator.json(f"/api/v1/reports/{report}", period)
        sheets = document["sheets"]
        assert sheets and any(sheet["rows"] for sheet in sheets), f"{report}: the demo fills no sheet"
        _, content = coordinator.call("GET", f"/api/v1/reports/{report}.xlsx", period, accept=None, expect=200)
        workbook = read_xlsx(content, folder, f"{report}.xlsx")
        method = method_of(workbook)
        for line in document["method"]:
            if line["label"] != "Made at":  # two requests, maybe a second apart
                assert method.get(line["label"]) == line["value"], f"{report}: method line {line['label']}"
        assert "Made at" in method and "Made by" in method, method
        assert len(workbook.sheetnames) == len(sheets) + 1, (report, workbook.sheetnames)
        for sheet, name in zip(sheets, workbook.sheetnames):
            cells = sheet_cells(workbook[name])
            assert cells[0] == [column["title"] for column in sheet["columns"]], (report, name, cells[0])
            assert len(cells) - 1 == len(sheet["rows"]), (report, name, len(cells) - 1, len(sheet["rows"]))
            for row, json_row in zip(cells[1:], sheet["rows"]):
                for column, value in zip(sheet["columns"], row):
                    expected = json_row[column["key"]]
                    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
                        assert isinstance(value, (int, float)) and abs(value - expected) < 1e-9, \
                            (report, name, column["key"], value, expected)
        _, content = coordinator.call("GET", f"/api/v1/reports/{report}.csv", period, accept=None, expect=200)
        rows = read_csv(content)
        assert rows[0] == [column["key"] for column in sheets[0]["columns"]], (report, rows[0])
        assert len(rows) - 1 == len(sheets[0]["rows"]), (report, len(rows) - 1)


def main():
    executable = sys.argv[1]
    update = "--update-golden" in sys.argv[2:]
    with tempfile.TemporaryDirectory(prefix="pedalpower-exports-") as folder:
        server = Server(executable, folder)
        try:
            coordinator = sign_in(server.port, "coordinator", server.password)
            site = build_fixed_scheme(server, coordinator)
            check_distance_report(coordinator, folder, update)
            check_staff_list(coordinator, site, folder, update)
            check_lists(coordinator, site, folder)
            check_reports(coordinator, folder)
            check_ods(coordinator, site, folder)
            check_refusals(coordinator, server)
        except BaseException:
            print(server.output()[-4000:], file=sys.stderr)
            raise
        finally:
            server.stop()
    print("exports: every check passed")


if __name__ == "__main__":
    main()
