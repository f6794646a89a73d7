#!/usr/bin/python3
"""Every route's real answers checked against the response schemas of the OpenAPI document.

Starts the real server executable on loopback with the demo data, signs in as a coordinator,
registers a kiosk and a telematics gateway, and then calls every operation the document lists, as
a role the operation allows, with inputs that succeed; a few failures are provoked as well. Each
answer is checked with an independent JSON Schema validator (Debian's python3-jsonschema) against
the schema the document gives for its status. The test fails if an operation has a response
without a schema (204 aside), answers a status the document does not list, answers a body its
schema refuses, or is never called successfully.

Usage: response_schemas_test.py <pedalpower-server executable> <openapi.json>
"""

import http.client
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse

import jsonschema
from processes import demo_password, stop, wait_for_file

OPERATIONS = ("get", "put", "post", "delete", "patch")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
FILE_TYPES = ("text/csv", XLSX, ODS)


class Document:
    def __init__(self, path):
        with open(path, encoding="utf-8") as source:
            self.root = json.load(source)
        self.resolver = jsonschema.RefResolver.from_schema(self.root)
        self.problems = []
        self.succeeded = set()
        self.files_asked = set()
        self.refusals_asked = set()

    def resolved(self, node):
        while isinstance(node, dict) and "$ref" in node:
            node = self.resolver.resolve(node["$ref"])[1]
        return node

    def operations(self):
        for path, item in self.root["paths"].items():
            for method in OPERATIONS:
                if method in item:
                    yield path, method, item[method]

    def check_every_response_has_a_schema(self):
        for path, method, operation in self.operations():
            for status, response in operation["responses"].items():
                response = self.resolved(response)
                if status == "204":
                    if "content" in response:
                        self.problems.append(f"{method.upper()} {path} {status}: a 204 has no body to describe")
                    continue
                schemas = [media.get("schema") for media in response.get("content", {}).values()]
                if not schemas or any(schema is None for schema in schemas):
                    self.problems.append(f"{method.upper()} {path} {status}: no response schema")

    def check(self, method, path, status, content_type, body):
        """Checks one real answer of the operation at `path` against the document."""
        label = f"{method} {path} -> {status}"
        operation = self.root["paths"].get(path, {}).get(method.lower())
        if operation is None:
            self.problems.append(f"{label}: no such operation in the document")
            return
        response = operation["responses"].get(str(status))
        if response is None:
            self.problems.append(f"{label}: status not in the document; body {body[:300]!r}")
            return
        response = self.resolved(response)
        if status == 204:
            if body:
                self.problems.append(f"{label}: a 204 with a body")
        else:
            content = response.get("content", {})
            media_type = content_type.split(";")[0].strip().lower()
            if media_type in FILE_TYPES and media_type not in content:
                self.problems.append(f"{label}: answered {media_type}, which the document does not list")
                return
            if media_type in FILE_TYPES:
                media = content[media_type]
            else:
                media = content.get("application/json") if "json" in content_type or not body else None
            if media is None:
                media = next(iter(content.values()), None)
            if media is None or "schema" not in media:
                self.problems.append(f"{label}: no response schema")
                return
            if "application/json" in content and media_type not in FILE_TYPES:
                try:
                    value = json.loads(body)
                except ValueError:
                    self.problems.append(f"{label}: not JSON: {body[:200]!r}")
                    return
            else:
                value = body
            validator = jsonschema.Draft202012Validator(media["schema"], resolver=self.resolver)
            errors = sorted(validator.iter_errors(value), key=lambda e: list(e.absolute_path))
            for error in errors[:3]:
                where = "/".join(str(part) for part in error.absolute_path)
                self.problems.append(f"{label}: at '{where}': {error.message[:300]}")
        if 200 <= status < 300:
            self.succeeded.add((method.lower(), path))

    def answers_files(self, method, path):
        """True when the operation's 200 is documented as JSON, CSV, XLSX and ODS, as every export is (a
        report pack, only ever a workbook, is a download rather than an export)."""
        operation = self.root["paths"].get(path, {}).get(method.lower(), {})
        content = self.resolved(operation.get("responses", {}).get("200", {})).get("content", {})
        return "application/json" in content and all(media_type in content for media_type in FILE_TYPES)

    def answers_only_json(self, method, path):
        operation = self.root["paths"].get(path, {}).get(method.lower(), {})
        if operation.get("x-open-query"):
            return False
        content = self.resolved(operation.get("responses", {}).get("200", {})).get("content", {})
        return list(content) == ["application/json"]

    def check_every_file_answer_was_asked_for(self):
        for path, method, _ in self.operations():
            if self.answers_files(method, path) and (method, path) not in self.files_asked:
                self.problems.append(f"{method.upper()} {path}: documents CSV, XLSX and ODS, never asked for them")

    def check_every_operation_succeeded(self):
        for path, method, operation in self.operations():
            if (method, path) not in self.succeeded:
                self.problems.append(f"{method.upper()} {path}: never answered with success by the walk")


class Server:
    """The server with the demo data, sending its mail to a real SMTP server on loopback."""

    def __init__(self, executable, folder):
        self.folder = folder
        inbox = os.path.join(folder, "mail")
        os.mkdir(inbox)
        sink = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support", "smtp_sink.py")
        self.relay = subprocess.Popen(["/usr/bin/python3", sink, inbox])
        relay_port = wait_for_file(os.path.join(inbox, "port"), self.relay, "the SMTP sink", lambda: "")
        port_file = os.path.join(folder, "port")
        self.log = open(os.path.join(folder, "server.log"), "w+", encoding="utf-8")
        self.process = subprocess.Popen(
            [executable, "--listen", "127.0.0.1", "--port", "0", "--port-file", port_file,
             "--db", os.path.join(folder, "demo.sqlite"), "--synchronous", "normal", "--demo",
             "--smtp-host", "127.0.0.1", "--smtp-port", str(relay_port), "--smtp-security", "none",
             "--mail-from", "bikes@example.nhs.uk", "--mail-poll", "1s"],
            stdout=self.log, stderr=subprocess.STDOUT)
        self.port = wait_for_file(port_file, self.process, "the server", self.output)
        self.password = demo_password(self.output())

    def bring_due_date_near(self, loan_id):
        """Stands in for the weeks of a loan passing, so that it can be renewed."""
        with sqlite3.connect(os.path.join(self.folder, "demo.sqlite")) as database:
            database.execute("UPDATE loans SET due_at = unixepoch() + 3 * 86400 WHERE id = ?", (loan_id,))

    def output(self):
        self.log.flush()
        with open(self.log.name, encoding="utf-8") as written:
            return written.read()

    def stop(self):
        for process in (self.process, self.relay):
            stop(process)


class Caller:
    """One way of calling the API: a coordinator's session, a device token, or nobody."""

    def __init__(self, port, document, cookie=None, csrf=None, bearer=None):
        self.port, self.document = port, document
        self.cookie, self.csrf, self.bearer = cookie, csrf, bearer
        self.keys = 0

    def call(self, method, template, params=None, query=None, body=None, content_type="application/json",
             headers=None, expect=None):
        path = template
        for name, value in (params or {}).items():
            path = path.replace("{" + name + "}", urllib.parse.quote(str(value), safe=""))
        if query:
            path += "?" + urllib.parse.urlencode(query)
        sent = {"Accept": "application/json"}
        if self.cookie:
            sent["Cookie"] = self.cookie
            if method != "GET":
                sent["X-CSRF-Token"] = self.csrf
        if self.bearer:
            sent["Authorization"] = "Bearer " + self.bearer
        if method not in ("GET", "DELETE") or body is not None:
            if not isinstance(body, str):
                body = json.dumps(body if body is not None else {})
            sent["Content-Type"] = content_type
        if method != "GET":
            self.keys += 1
            sent["Idempotency-Key"] = f"walk-{id(self)}-{self.keys}"
        sent.update(headers or {})
        answer, text = self.send(method, path, body, sent)
        self.document.check(method, template, answer.status, answer.getheader("Content-Type", ""), text)
        if expect is not None and answer.status != expect:
            raise AssertionError(f"{method} {path}: expected {expect}, got {answer.status}: {text[:500]}")
        if answer.status == 200 and self.document.answers_files(method, template):
            self.ask_for_files(method, template, path, sent)
        if answer.status == 200 and method == "GET" and self.document.answers_only_json(method, template):
            self.ask_for_what_it_has_not(method, template, path, sent)
        value = json.loads(text) if text and "json" in answer.getheader("Content-Type", "") else None
        return answer.status, value, answer

    def send(self, method, path, body, headers):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        connection.request(method, path, body=body.encode() if isinstance(body, str) else None, headers=headers)
        answer = connection.getresponse()
        text = answer.read().decode("utf-8", "replace")
        connection.close()
        return answer, text

    def ask_for_files(self, method, template, path, headers):
        """The same request answered as CSV, XLSX and ODS, each with the content type the document
        gives, and 406 for an Accept that welcomes none of the documented types."""
        if (method.lower(), template) in self.document.files_asked:
            return
        self.document.files_asked.add((method.lower(), template))
        for accept, status in (("text/csv", 200), (XLSX, 200), (ODS, 200), ("application/pdf", 406)):
            answer, text = self.send(method, path, None, {**headers, "Accept": accept})
            content_type = answer.getheader("Content-Type", "")
            self.document.check(method, template, answer.status, content_type, text)
            if answer.status != status:
                self.document.problems.append(f"{method} {path} with Accept {accept}: {answer.status}, not {status}")
            elif status == 200 and content_type.split(";")[0] != accept:
                self.document.problems.append(f"{method} {path} with Accept {accept}: answered {content_type}")


    def ask_for_what_it_has_not(self, method, template, path, headers):
        """A JSON-only answer asked for as CSV is refused with 406, and welcomed by application/*."""
        if (method.lower(), template) in self.document.refusals_asked:
            return
        self.document.refusals_asked.add((method.lower(), template))
        for accept, status in (("text/csv", 406), ("application/*;q=0.5, text/html", 200)):
            answer, text = self.send(method, path, None, {**headers, "Accept": accept})
            self.document.check(method, template, answer.status, answer.getheader("Content-Type", ""), text)
            if answer.status != status:
                self.document.problems.append(f"{method} {path} with Accept {accept}: {answer.status}, not {status}")


def gpx(points):
    trackpoints = "".join(
        f'<trkpt lat="{lat}" lon="{lon}"><time>{time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(at))}</time></trkpt>'
        for lat, lon, at in points)
    return ('<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1">'
            f"<trk><trkseg>{trackpoints}</trkseg></trk></gpx>")


def walk(server, document):
    anonymous = Caller(server.port, document)
    anonymous.call("GET", "/healthz", expect=200)
    anonymous.call("GET", "/readyz", expect=200)
    anonymous.call("GET", "/api/v1/openapi.json", expect=200)
    anonymous.call("GET", "/api/v1/sites", expect=401)

    _, signed_in, answer = anonymous.call("POST", "/api/v1/auth/login",
                                          body={"username": "coordinator", "password": server.password}, expect=200)
    cookie = answer.getheader("Set-Cookie").split(";")[0]
    coordinator = Caller(server.port, document, cookie=cookie, csrf=signed_in["csrf_token"])
    coordinator.call("GET", "/api/v1/auth/me", expect=200)

    # Sites: the demo's first, and one of our own where nobody waits for a bike.
    _, sites, _ = coordinator.call("GET", "/api/v1/sites", query={"sort": "code"}, expect=200)
    home = sites["data"][0]["id"]
    coordinator.call("GET", "/api/v1/sites/{id}", {"id": home}, expect=200)
    _, site, _ = coordinator.call("POST", "/api/v1/sites", body={"code": "WLK", "name": "Walk test site"}, expect=201)
    coordinator.call("PATCH", "/api/v1/sites/{id}", {"id": site["id"]}, body={"address": "Nethermayne"}, expect=200)
    coordinator.call("GET", "/api/v1/sites", query={"sort": "colour"}, expect=422)

    # Devices and users.
    _, kiosk_device, _ = coordinator.call("POST", "/api/v1/devices",
                                          body={"name": "walk-kiosk", "role": "kiosk", "site_id": site["id"]}, expect=201)
    _, gateway, _ = coordinator.call("POST", "/api/v1/devices", body={"name": "walk-gateway", "role": "telematics"},
                                     expect=201)
    _, spare, _ = coordinator.call("POST", "/api/v1/devices", body={"name": "walk-spare", "role": "telematics"},
                                   expect=201)
    coordinator.call("GET", "/api/v1/devices", query={"role": "kiosk"}, expect=200)
    coordinator.call("GET", "/api/v1/devices/{id}", {"id": spare["id"]}, expect=200)
    coordinator.call("POST", "/api/v1/devices/{id}/rotate-token", {"id": spare["id"]}, expect=200)
    coordinator.call("PATCH", "/api/v1/devices/{id}", {"id": spare["id"]}, body={"active": False}, expect=200)
    kiosk = Caller(server.port, document, bearer=kiosk_device["token"])
    telematics = Caller(server.port, document, bearer=gateway["token"])
    telematics.call("GET", "/api/v1/auth/me", expect=200)

    _, user, _ = coordinator.call("POST", "/api/v1/users", body={"username": "walker", "display_name": "Walker",
                                                                "role": "technician", "password": "a long walk home"},
                                  expect=201)
    coordinator.call("GET", "/api/v1/users", query={"active": "true"}, expect=200)
    coordinator.call("GET", "/api/v1/users/{id}", {"id": user["id"]}, expect=200)
    coordinator.call("PUT", "/api/v1/users/{id}/password", {"id": user["id"]}, body={"password": "a longer walk home"},
                     expect=204)
    coordinator.call("PATCH", "/api/v1/users/{id}", {"id": user["id"]}, body={"active": False}, expect=200)

    # Bikes.
    coordinator.call("GET", "/api/v1/bikes", query={"site_id": home, "status": "available", "page_size": 5}, expect=200)
    coordinator.call("GET", "/api/v1/bikes", query={"q": "EB", "sort": "-odometer_m"}, expect=200)
    coordinator.call("GET", "/api/v1/bikes/status-transitions", expect=200)
    bike_body = {"asset_tag": "WK-0001", "frame_number": "WALK0001", "make": "Raleigh", "model": "Motus",
                 "site_id": site["id"]}
    _, bike, _ = coordinator.call("POST", "/api/v1/bikes", body=bike_body, expect=201)
    coordinator.call("GET", "/api/v1/bikes/{id}", {"id": bike["id"]}, expect=200)
    coordinator.call("GET", "/api/v1/bikes/{id}", {"id": 999999}, expect=404)
    coordinator.call("PATCH", "/api/v1/bikes/{id}", {"id": bike["id"]}, body={"odometer_m": 1000}, expect=200)
    coordinator.call("POST", "/api/v1/bikes/{id}/status", {"id": bike["id"]}, body={"status": "maintenance"}, expect=200)
    coordinator.call("POST", "/api/v1/bikes/{id}/status", {"id": bike["id"]}, body={"status": "available"}, expect=200)
    coordinator.call("POST", "/api/v1/bikes", body=bike_body, expect=409)
    coordinator.call("POST", "/api/v1/bikes", body="{not json", expect=400)
    kiosk.call("GET", "/api/v1/bikes", query={"status": "available"}, expect=200)

    # Staff.
    coordinator.call("GET", "/api/v1/staff", query={"pay_band": "3", "active": "true", "sort": "name"}, expect=200)
    coordinator.call("GET", "/api/v1/staff/band-counts", expect=200)
    _, member, _ = coordinator.call("POST", "/api/v1/staff", body={
        "staff_number": "WALK1", "name": "Wendy Walker", "pay_band": "3", "home_site_id": site["id"],
        "induction_date": "2025-01-20", "commute_mode": "car_petrol"}, expect=201)
    coordinator.call("GET", "/api/v1/staff/{id}", {"id": member["id"]}, expect=200)
    coordinator.call("PATCH", "/api/v1/staff/{id}", {"id": member["id"]}, body={"department": "Pharmacy"}, expect=200)
    coordinator.call("PUT", "/api/v1/staff/{id}/pin", {"id": member["id"]}, body={"pin": "97531"}, expect=204)
    coordinator.call("PUT", "/api/v1/staff/{id}/badge", {"id": member["id"]}, body={"badge_id": "NFC-WALK1"}, expect=200)
    zone = {"id": member["id"]}
    coordinator.call("PUT", "/api/v1/staff/{id}/privacy-zone", zone, body={"lat": 51.57, "lon": 0.45, "radius_m": 500},
                     expect=200)
    coordinator.call("GET", "/api/v1/staff/{id}/privacy-zone", zone, expect=200)
    coordinator.call("DELETE", "/api/v1/staff/{id}/privacy-zone", zone, expect=204)
    coordinator.call("GET", "/api/v1/staff/{id}/privacy-zone", zone, expect=404)
    csv = "Staff Number,Name,Pay Band\r\nWALK2,Walter Walker,4\r\n"
    for step in ("preview", "apply"):
        coordinator.call("POST", f"/api/v1/staff/import/{step}", body=csv, content_type="text/csv", expect=200)

    # Policy.
    _, current, _ = coordinator.call("GET", "/api/v1/policy/current", expect=200)
    coordinator.call("GET", "/api/v1/policy/versions", expect=200)
    draft = {"effective_from": "2099-01-01", "bands": current["bands"]}
    _, version, _ = coordinator.call("POST", "/api/v1/policy/versions", body=draft, expect=201)
    coordinator.call("GET", "/api/v1/policy/versions/{id}", {"id": version["id"]}, expect=200)
    coordinator.call("PUT", "/api/v1/policy/versions/{id}", {"id": version["id"]}, body={**draft, "note": "walk"},
                     expect=200)
    coordinator.call("DELETE", "/api/v1/policy/versions/{id}", {"id": version["id"]}, expect=204)

    # At the kiosk: identification, the offer, and a checkout for the person identified.
    _, identified, _ = kiosk.call("POST", "/api/v1/kiosk/identify", body={"staff_number": "WALK1", "pin": "97531"},
                                  expect=200)
    staff_token = {"X-Staff-Token": identified["staff_token"]}
    _, offer, _ = kiosk.call("GET", "/api/v1/kiosk/offer", headers=staff_token, expect=200)
    coordinator.call("GET", "/api/v1/kiosk/offer", query={"staff_id": member["id"], "site_id": site["id"]}, expect=200)
    checkout = {"bike_id": bike["id"], "terms_version": offer["terms"]["version"], "accessories": ["helmet"]}
    _, loan, _ = kiosk.call("POST", "/api/v1/loans", body=checkout, headers=staff_token, expect=201)
    kiosk.call("GET", "/api/v1/kiosk/loans/{id}/figures", {"id": loan["id"]}, headers=staff_token, expect=200)
    kiosk.call("GET", "/api/v1/kiosk/statement", query={"from": "2025-01", "to": time.strftime("%Y-%m", time.gmtime())},
               headers=staff_token, expect=200)
    kiosk.call("DELETE", "/api/v1/kiosk/identify", headers=staff_token, expect=204)
    kiosk.call("GET", "/api/v1/kiosk/bikes/{tag}/active-loan", {"tag": bike["asset_tag"]}, expect=200)

    # Loans.
    loan_id = {"id": loan["id"]}
    coordinator.call("GET", "/api/v1/loans", query={"status": "active", "sort": "-due_at"}, expect=200)
    coordinator.call("GET", "/api/v1/loans", query={"overdue": "true"}, expect=200)
    coordinator.call("GET", "/api/v1/loans/overdue", query={"page_size": 10}, expect=200)
    coordinator.call("GET", "/api/v1/loans/{id}", loan_id, expect=200)
    coordinator.call("POST", "/api/v1/loans/{id}/renew", loan_id, expect=409)
    server.bring_due_date_near(loan["id"])
    coordinator.call("POST", "/api/v1/loans/{id}/renew", loan_id, expect=200)
    time.sleep(3.2)
    # A ride inside the loan: it starts a whole second after the checkout and ends before the
    # return is asked for, however long the return itself takes to answer.
    started = int(time.time()) - 2
    coordinator.call("POST", "/api/v1/loans/{id}/return", loan_id, body={
        "end_odometer_m": 4000, "condition": {"tyres_ok": True}, "accessories_returned": ["helmet"]}, expect=200)
    coordinator.call("POST", "/api/v1/loans/{id}/tracks", loan_id,
                     body=gpx([(51.5700, 0.4500, started), (51.5702, 0.4503, started + 1)]),
                     content_type="application/gpx+xml", expect=201)
    coordinator.call("GET", "/api/v1/loans/{id}/trips", loan_id, query={"track": "true"}, expect=200)
    coordinator.call("POST", "/api/v1/loans/{id}/return", loan_id, body={}, expect=409)
    _, second, _ = coordinator.call("POST", "/api/v1/loans", body={**checkout, "staff_id": member["id"]}, expect=201)
    coordinator.call("POST", "/api/v1/loans/{id}/lost", {"id": second["id"]}, body={"note": "not seen"}, expect=200)

    # The waiting list: join (and be offered a bike at once or wait), look, leave both ways.
    entry_body = {"staff_id": member["id"], "site_id": home}
    _, entry, _ = coordinator.call("POST", "/api/v1/waitlist", body=entry_body, expect=201)
    coordinator.call("GET", "/api/v1/waitlist", query={"site_id": home}, expect=200)
    coordinator.call("GET", "/api/v1/waitlist/{id}", {"id": entry["id"]}, expect=200)
    coordinator.call("POST", "/api/v1/waitlist/{id}/leave", {"id": entry["id"]}, expect=200)
    _, entry, _ = coordinator.call("POST", "/api/v1/waitlist", body=entry_body, expect=201)
    coordinator.call("DELETE", "/api/v1/waitlist/{id}", {"id": entry["id"]}, expect=204)

    # Kiosk exceptions.
    _, refused, _ = kiosk.call("POST", "/api/v1/kiosk/exceptions", body={
        "idempotency_key": "walk-offline-1", "kind": "return", "bike_tag": "WK-0001", "recorded_at": started,
        "payload": {"bike_tag": "WK-0001"}, "refusal": {"error": {"code": "no_active_loan"}}}, expect=201)
    coordinator.call("GET", "/api/v1/kiosk/exceptions", query={"status": "open"}, expect=200)
    coordinator.call("GET", "/api/v1/kiosk/exceptions/{id}", {"id": refused["id"]}, expect=200)
    coordinator.call("POST", "/api/v1/kiosk/exceptions/{id}/resolve", {"id": refused["id"]}, body={"note": "seen"},
                     expect=200)

    # Trackers and positions, on a bike of its own: the first one is lost by now.
    _, ridden, _ = coordinator.call("POST", "/api/v1/bikes", body={**bike_body, "asset_tag": "WK-0002",
                                                                  "frame_number": "WALK0002"}, expect=201)
    _, tracker, _ = coordinator.call("POST", "/api/v1/trackers", body={"device_id": "WALK-TRK"}, expect=201)
    coordinator.call("GET", "/api/v1/trackers", expect=200)
    coordinator.call("GET", "/api/v1/trackers/{id}", {"id": tracker["id"]}, expect=200)
    coordinator.call("POST", "/api/v1/trackers/{id}/secret", {"id": tracker["id"]}, expect=201)
    coordinator.call("DELETE", "/api/v1/trackers/{id}/secret", {"id": tracker["id"]}, expect=200)
    _, issued, _ = coordinator.call("POST", "/api/v1/trackers/{id}/secret", {"id": tracker["id"]}, expect=201)
    coordinator.call("GET", "/api/v1/telematics/refused-senders", expect=200)
    coordinator.call("PUT", "/api/v1/sites/{id}/location", {"id": home}, body={"lat": 51.558, "lon": 0.45}, expect=200)
    kiosk.call("GET", "/api/v1/choices", expect=200)
    coordinator.call("PUT", "/api/v1/trackers/{id}/bike", {"id": tracker["id"]}, body={"bike_id": ridden["id"]},
                     expect=200)
    now = int(time.time())
    telematics.call("POST", "/api/v1/telematics/positions", body={"device_id": "WALK-TRK", "positions": [
        {"time": now - 5, "lat": 51.57, "lon": 0.45, "accuracy": 5}]}, expect=200)
    fix = {"id": "WALK-TRK", "lat": 51.5701, "lon": 0.4501, "timestamp": now - 4, "secret": issued["secret"]}
    anonymous.call("GET", "/osmand", query=fix, expect=200)
    anonymous.call("POST", "/osmand", body=urllib.parse.urlencode({**fix, "timestamp": now - 3}),
                   content_type="application/x-www-form-urlencoded", expect=200)
    anonymous.call("GET", "/osmand", query={"id": "WALK-TRK"}, expect=400)
    coordinator.call("GET", "/api/v1/bikes/{id}/trips", {"id": ridden["id"]}, expect=200)
    coordinator.call("DELETE", "/api/v1/trackers/{id}", {"id": tracker["id"]}, expect=204)

    # Personal data: a subject access record, a page of its positions, and erasure once they have left.
    person = {"id": member["id"]}
    coordinator.call("GET", "/api/v1/staff/{id}/subject-access", person, expect=200)
    coordinator.call("GET", "/api/v1/staff/{id}/subject-access/positions", person, query={"page_size": 200}, expect=200)
    coordinator.call("GET", "/api/v1/staff/{id}/subject-access", {"id": 999999}, expect=404)
    coordinator.call("POST", "/api/v1/staff/{id}/erase", person, expect=409)
    coordinator.call("PATCH", "/api/v1/staff/{id}", person, body={"active": False}, expect=200)
    coordinator.call("POST", "/api/v1/staff/{id}/erase", person, expect=200)

    # The GBFS feeds, open to anyone.
    for feed in ("gbfs", "system_information", "vehicle_types", "station_information", "station_status",
                 "vehicle_status"):
        anonymous.call("GET", f"/gbfs/v3/{feed}.json", expect=200)

    # Reports and the audit log.
    coordinator.call("GET", "/api/v1/reports/distance", query={"from": "2025-01-01", "to": time.strftime("%Y-%m-%d", time.gmtime())}, expect=200)
    months = {"from": "2025-01", "to": time.strftime("%Y-%m", time.gmtime())}
    coordinator.call("GET", "/api/v1/reports/activity", query=months, expect=200)
    coordinator.call("GET", "/api/v1/reports/equity", query=months, expect=200)
    coordinator.call("GET", "/api/v1/reports/fleet-use", query=months, expect=200)
    coordinator.call("GET", "/api/v1/staff/{id}/statement", {"id": member["id"]}, query=months, expect=200)
    coordinator.call("GET", "/api/v1/audit", query={"entity": "bike", "page_size": 20}, expect=200)

    # The monthly report pack of last month, which the server makes when it starts.
    deadline = time.monotonic() + 60
    _, packs, _ = coordinator.call("GET", "/api/v1/reports/packs", expect=200)
    while not packs["data"] and time.monotonic() < deadline:
        time.sleep(0.5)
        _, packs, _ = coordinator.call("GET", "/api/v1/reports/packs", expect=200)
    assert packs["data"], "no report pack was made at start"
    coordinator.call("GET", "/api/v1/reports/packs/{month}", {"month": packs["data"][0]["month"]},
                     headers={"Accept": XLSX}, expect=200)
    coordinator.call("GET", "/api/v1/reports/packs/{month}", {"month": packs["data"][0]["month"]}, expect=406)
    coordinator.call("GET", "/api/v1/reports/packs/{month}", {"month": "1999-01"}, headers={"Accept": XLSX}, expect=404)

    walk_maintenance(anonymous, coordinator, kiosk, site, bike_body, ridden, member)

    # Last, as they change the session itself.
    coordinator.call("POST", "/api/v1/auth/password", body={"current_password": server.password,
                                                            "new_password": "the walk is over now"}, expect=204)
    coordinator.call("POST", "/api/v1/auth/logout", expect=204)


def walk_maintenance(anonymous, coordinator, kiosk, site, bike_body, ridden, member):
    """A fault from a kiosk worked to its sign-off, servicing, components, campaigns, and the email it sent."""
    port, document = coordinator.port, coordinator.document
    password = "a long day at the bench"
    coordinator.call("POST", "/api/v1/users", body={"username": "fixer", "display_name": "Fixer", "role": "technician",
                                                   "password": password, "email": "fixer@example.nhs.uk",
                                                   "site_id": site["id"]}, expect=201)
    _, signed_in, answer = anonymous.call("POST", "/api/v1/auth/login", body={"username": "fixer", "password": password},
                                          expect=200)
    technician = Caller(port, document, cookie=answer.getheader("Set-Cookie").split(";")[0],
                        csrf=signed_in["csrf_token"])

    # A safety fault at the kiosk opens a work order; the technician works it to the sign-off.
    _, broken, _ = coordinator.call("POST", "/api/v1/bikes", body={**bike_body, "asset_tag": "WK-0003",
                                                                  "frame_number": "WALK0003"}, expect=201)
    _, fault, _ = kiosk.call("POST", "/api/v1/bikes/{id}/faults", {"id": broken["id"]},
                             body={"category": "brakes", "note": "rear brake squeals"}, expect=201)
    job = {"id": fault["work_order_id"]}
    technician.call("GET", "/api/v1/work-orders", query={"status": "active", "site_id": site["id"]}, expect=200)
    technician.call("GET", "/api/v1/work-orders/{id}", job, expect=200)
    technician.call("PATCH", "/api/v1/work-orders/{id}", job, body={"notes": "pads worn"}, expect=200)
    technician.call("PATCH", "/api/v1/work-orders/{id}", job, body={"status": "closed"}, expect=422)
    technician.call("POST", "/api/v1/work-orders/{id}/status", job, body={"status": "in_progress"}, expect=200)
    _, labour, _ = technician.call("POST", "/api/v1/work-orders/{id}/labour", job, body={"minutes": 30}, expect=201)
    technician.call("DELETE", "/api/v1/work-orders/{id}/labour/{entry_id}", {**job, "entry_id": labour["id"]},
                    expect=204)
    _, part, _ = technician.call("POST", "/api/v1/work-orders/{id}/parts", job,
                                 body={"name": "Brake pads", "part_number": "BP-220", "unit_cost_pence": 850},
                                 expect=201)
    technician.call("DELETE", "/api/v1/work-orders/{id}/parts/{part_id}", {**job, "part_id": part["id"]}, expect=204)
    technician.call("POST", "/api/v1/work-orders/{id}/sign-off", job, expect=409)
    technician.call("POST", "/api/v1/work-orders/{id}/status", job, body={"status": "ready_for_check"}, expect=200)
    technician.call("POST", "/api/v1/work-orders/{id}/sign-off", job, body={"note": "tested"}, expect=200)
    technician.call("POST", "/api/v1/work-orders/{id}/labour", job, body={"minutes": 5}, expect=409)
    technician.call("GET", "/api/v1/maintenance/queue", query={"site_id": site["id"], "type": "work_order"}, expect=200)
    coordinator.call("GET", "/api/v1/maintenance/queue", query={"page_size": 20}, expect=200)
    _, opened, _ = coordinator.call("POST", "/api/v1/work-orders", body={
        "bike_id": broken["id"], "category": "lights", "description": "front light dim"}, expect=201)
    coordinator.call("POST", "/api/v1/work-orders/{id}/write-off", {"id": opened["id"]}, body={"note": "beyond repair"},
                     expect=200)

    # Servicing schedules and services done.
    _, schedules, _ = technician.call("GET", "/api/v1/service-schedules", query={"kind": "safety_check"}, expect=200)
    technician.call("GET", "/api/v1/service-schedules/{id}", {"id": schedules["data"][0]["id"]}, expect=200)
    _, schedule, _ = coordinator.call("POST", "/api/v1/service-schedules", body={
        "kind": "full_service", "bike_id": ridden["id"], "every_km": 2000, "due_soon_km": 100}, expect=201)
    coordinator.call("PATCH", "/api/v1/service-schedules/{id}", {"id": schedule["id"]}, body={"every_days": 200},
                     expect=200)
    coordinator.call("DELETE", "/api/v1/service-schedules/{id}", {"id": schedule["id"]}, expect=204)
    ridden_id = {"id": ridden["id"]}
    technician.call("GET", "/api/v1/bikes/{id}/servicing", ridden_id, expect=200)
    _, service, _ = technician.call("POST", "/api/v1/bikes/{id}/services", ridden_id,
                                    body={"kind": "safety_check", "notes": "all good"}, expect=201)
    technician.call("GET", "/api/v1/bikes/{id}/services", ridden_id, expect=200)
    technician.call("GET", "/api/v1/bikes/{id}/services/{service_id}", {**ridden_id, "service_id": service["id"]},
                    expect=200)

    # A battery with its own serial, fitted and taken off again.
    _, battery, _ = technician.call("POST", "/api/v1/components", body={
        "kind": "battery", "serial": "WALK-BAT-1", "model": "Bosch PowerPack 500", "cycle_count": 12}, expect=201)
    technician.call("GET", "/api/v1/components", query={"kind": "battery", "q": "WALK"}, expect=200)
    technician.call("GET", "/api/v1/components/{id}", {"id": battery["id"]}, expect=200)
    technician.call("PATCH", "/api/v1/components/{id}", {"id": battery["id"]}, body={"cycle_count": 20}, expect=200)
    technician.call("POST", "/api/v1/components/{id}/fit", {"id": battery["id"]}, body={"bike_id": ridden["id"]},
                    expect=200)
    technician.call("POST", "/api/v1/components/{id}/remove", {"id": battery["id"]}, expect=200)

    # Campaigns and the fleet's figures.
    _, campaign, _ = coordinator.call("POST", "/api/v1/campaigns", body={
        "title": "Walk inspection", "kind": "inspection", "model": bike_body["model"], "safety": False}, expect=201)
    technician.call("GET", "/api/v1/campaigns", expect=200)
    technician.call("GET", "/api/v1/campaigns/{id}", {"id": campaign["id"]}, expect=200)
    today = time.strftime("%Y-%m-%d", time.gmtime())
    year_ago = time.strftime("%Y-%m-%d", time.gmtime(time.time() - 300 * 86400))
    coordinator.call("GET", "/api/v1/maintenance/figures", query={"from": year_ago, "to": today}, expect=200)

    # Notifications: a person's reminders, and the safety fault's email to the technician, sent and sent again.
    member_id = {"id": member["id"]}
    coordinator.call("GET", "/api/v1/staff/{id}/email-reminders", member_id, expect=200)
    coordinator.call("PUT", "/api/v1/staff/{id}/email-reminders", member_id, body={"enabled": False}, expect=200)
    coordinator.call("GET", "/api/v1/outbox", query={"kind": "nonsense"}, expect=422)
    deadline = time.monotonic() + 60
    while True:
        _, sent, _ = coordinator.call("GET", "/api/v1/outbox", query={"kind": "safety_fault", "status": "sent"},
                                      expect=200)
        told = [m for m in sent["data"] if m["recipient"] == "fixer@example.nhs.uk"]
        if told:
            break
        if time.monotonic() > deadline:
            raise AssertionError("the safety fault's email was never sent")
        time.sleep(0.5)
    message = {"id": told[0]["id"]}
    coordinator.call("GET", "/api/v1/outbox/{id}", message, expect=200)
    coordinator.call("POST", "/api/v1/outbox/{id}/resend", message, expect=200)
    _, by_kind, _ = coordinator.call("GET", "/api/v1/outbox", query={"sort": "-kind", "page_size": 200}, expect=200)
    kinds = [m["kind"] for m in by_kind["data"]]
    assert len(set(kinds)) > 1 and kinds == sorted(kinds, reverse=True), kinds
    coordinator.call("GET", "/api/v1/outbox", query={"sort": "recipient"}, expect=422)


def main():
    executable, document_path = sys.argv[1], sys.argv[2]
    document = Document(document_path)
    document.check_every_response_has_a_schema()
    with tempfile.TemporaryDirectory() as folder:
        server = Server(executable, folder)
        try:
            walk(server, document)
        finally:
            server.stop()
    document.check_every_operation_succeeded()
    document.check_every_file_answer_was_asked_for()
    for problem in document.problems:
        print("FAIL:", problem)
    operations = sum(1 for _ in document.operations())
    print(f"{operations} operations in the document, {len(document.succeeded)} answered with success and checked")
    return 1 if document.problems else 0


if __name__ == "__main__":
    sys.exit(main())
