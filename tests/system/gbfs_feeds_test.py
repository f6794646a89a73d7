#!/usr/bin/python3
"""The GBFS v3.0 feeds of the real server checked against the official GBFS v3.0 JSON schemas.

Starts the real server executable on loopback with the demo data, places the demo sites on the map,
gives one bike in its store a battery report, and then reads every feed gbfs.json lists, without
credentials, as a journey planner would. Each feed is checked with an independent validator
(Debian's python3-jsonschema, formats included) against its schema from MobilityData's
gbfs-json-schema (vendored in gbfs_v3.0/ with its licence), and against the rules the schemas leave
to the text of the specification: RFC 3339 times, ids as strings, localized strings. Then the test
looks for anything personal: no staff member's name, number or email in any feed, no coordinates
of a bike, and no bike on loan.

Usage: gbfs_feeds_test.py <pedalpower-server executable>
"""

import datetime
import json
import os
import re
import sys
import tempfile
import time
import urllib.parse

import jsonschema

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from api_client import Caller, sign_in  # noqa: E402
from response_schemas_test import Server  # noqa: E402  (the same real server start)

SCHEMAS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gbfs_v3.0")
FEEDS = ("gbfs", "system_information", "vehicle_types", "station_information", "station_status", "vehicle_status")
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
TIME_FIELDS = {"last_updated", "last_reported"}


def rfc3339_seconds(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def every_page(client, target):
    items, page = [], 1
    while True:
        listed = client.json(f"{target}{'&' if '?' in target else '?'}page={page}&page_size=200")
        items += listed["data"]
        if page * 200 >= listed["total"]:
            return items
        page += 1


def prepare(server):
    """Signs in, places every demo site, and has a tracker report a battery from a bike in its store."""
    coordinator = sign_in(server.port, "coordinator", server.password)
    sites = every_page(coordinator, "/api/v1/sites")
    for n, site in enumerate(sites):
        coordinator.send("PUT", f"/api/v1/sites/{site['id']}/location", {"lat": 51.55 + n / 100, "lon": 0.45 + n / 100})
    gateway = coordinator.send("POST", "/api/v1/devices", {"name": "gbfs-gateway", "role": "telematics"}, expect=201)
    tracker = coordinator.send("POST", "/api/v1/trackers", {"device_id": "GBFS-TRK"}, expect=201)
    # A bike of its own, so the tracker fitted here is the only one it carries.
    free = coordinator.send("POST", "/api/v1/bikes", {
        "asset_tag": "GBFS-001", "frame_number": "GBFSFRAME1", "make": "Raleigh", "model": "Motus",
        "site_id": sites[0]["id"]}, expect=201)
    coordinator.send("PUT", f"/api/v1/trackers/{tracker['id']}/bike", {"bike_id": free["id"]})
    reporter = Caller(server.port, bearer=gateway["token"])
    time.sleep(1.1)  # a fix counts for the bike its tracker was fitted to at the fix's own time
    reporter.send("POST", "/api/v1/telematics/positions", {"device_id": "GBFS-TRK", "positions": [
        {"time": int(time.time()), "lat": 51.55, "lon": 0.45, "accuracy": 5, "battery": 0.64}]})
    return coordinator, free


def schema_validator(name):
    with open(os.path.join(SCHEMAS, name + ".json"), encoding="utf-8") as source:
        schema = json.load(source)
    validator_class = jsonschema.validators.validator_for(schema)
    return validator_class(schema, format_checker=jsonschema.FormatChecker())


def spec_rules(name, value, problems, path=""):
    """What the schemas leave to the specification's text, walked over the whole feed."""
    if isinstance(value, dict):
        for key, inner in value.items():
            where = f"{path}/{key}"
            if key in TIME_FIELDS and not (isinstance(inner, str) and RFC3339.match(inner)):
                problems.append(f"{name}{where}: {inner!r} is not an RFC 3339 time")
            if key.endswith("_id") and not isinstance(inner, str):
                problems.append(f"{name}{where}: ids are strings, not {type(inner).__name__}")
            if key in ("name", "short_name", "make", "model") and name != "gbfs" and not (
                    isinstance(inner, list) and all({"text", "language"} <= set(item) for item in inner)):
                problems.append(f"{name}{where}: a localized string is a list of {{text, language}}")
            spec_rules(name, inner, problems, where)
    elif isinstance(value, list):
        for n, inner in enumerate(value):
            spec_rules(name, inner, problems, f"{path}/{n}")


def check(server):
    coordinator, reporting_bike = prepare(server)
    anyone = Caller(server.port)
    problems, texts, feeds = [], {}, {}

    discovery = anyone.json("/gbfs/v3/gbfs.json")
    listed = {feed["name"]: feed["url"] for feed in discovery["data"]["feeds"]}
    if sorted(listed) != sorted(FEEDS):
        problems.append(f"gbfs.json lists {sorted(listed)}")
    for name in FEEDS:
        url = urllib.parse.urlsplit(listed.get(name, f"http://127.0.0.1:{server.port}/gbfs/v3/{name}.json"))
        if url.scheme != "http" or url.port != server.port:
            problems.append(f"gbfs.json: {name} is listed at {url.geturl()}, not where the server was reached")
        answer, content = anyone.call("GET", url.path, expect=200)
        text = content.decode("utf-8")
        feed = json.loads(text)
        if "application/json" not in answer.getheader("Content-Type", ""):
            problems.append(f"{name}: served as {answer.getheader('Content-Type')}")
        texts[name], feeds[name] = text, feed
        for error in sorted(schema_validator(name).iter_errors(feed), key=lambda e: list(e.absolute_path))[:5]:
            where = "/".join(str(part) for part in error.absolute_path)
            problems.append(f"{name}: at '{where}': {error.message[:300]}")
        spec_rules(name, feed, problems)
        if feed.get("version") != "3.0" or not isinstance(feed.get("ttl"), int):
            problems.append(f"{name}: version {feed.get('version')!r}, ttl {feed.get('ttl')!r}")

    # The content: every site is a station, only bikes in their stores are vehicles, placed by station.
    sites = every_page(coordinator, "/api/v1/sites")
    stations = feeds["station_information"]["data"]["stations"]
    if sorted(s["station_id"] for s in stations) != sorted(str(s["id"]) for s in sites):
        problems.append("station_information does not list every located site")
    bikes = every_page(coordinator, "/api/v1/bikes")
    in_store = [b for b in bikes if b["status"] in ("available", "reserved", "maintenance")]
    on_loan = [b for b in bikes if b["status"] == "on_loan"]
    vehicles = feeds["vehicle_status"]["data"]["vehicles"]
    if len(vehicles) != len(in_store) or not on_loan:
        problems.append(f"{len(vehicles)} vehicles listed for {len(in_store)} bikes in stores ({len(on_loan)} on loan)")
    if any("lat" in v or "lon" in v for v in vehicles):
        problems.append("a vehicle is placed by coordinates, not by its station")
    # The demo's trackers report too; the bike fitted here reported 64% a moment ago.
    just_reported = [v for v in vehicles if v.get("current_fuel_percent") == 0.64
                     and v.get("current_range_meters") == 32000.0
                     and time.time() - rfc3339_seconds(v["last_reported"]) < 120]
    if len(just_reported) != 1:
        problems.append(f"the fitted tracker's battery report is shown on {len(just_reported)} vehicles")
    if any("current_range_meters" in v and "current_fuel_percent" not in v for v in vehicles):
        problems.append("a vehicle gives a range without the charge it comes from")
    available = sum(s["num_vehicles_available"] for s in feeds["station_status"]["data"]["stations"])
    if available != sum(1 for b in bikes if b["status"] == "available"):
        problems.append(f"station_status counts {available} bikes available")

    # Nothing personal anywhere: no staff member's name, number or email, no bike's tag or frame number.
    everything = "\n".join(texts.values())
    people = every_page(coordinator, "/api/v1/staff?sort=name")
    personal = set()
    for member in people:
        personal.update(v for v in (member["name"], member["staff_number"], member.get("email") or "") if len(v) > 3)
    for bike in bikes:
        personal.update((bike["asset_tag"], bike["frame_number"]))
    found = sorted(value for value in personal if value in everything)
    if found:
        problems.append(f"personal or identifying values in the feeds: {found[:5]}")
    if re.search(r'"(staff|loan|pay_band|email)', everything):
        problems.append("a feed names staff, loans, pay bands or email addresses")
    print(f"{len(FEEDS)} feeds, {len(stations)} stations, {len(vehicles)} vehicles ({len(on_loan)} bikes on loan left out), "
          f"checked against {len(personal)} personal values; reporting bike {reporting_bike['asset_tag']}")
    return problems


def main():
    executable = sys.argv[1]
    with tempfile.TemporaryDirectory() as folder:
        server = Server(executable, folder)
        try:
            problems = check(server)
        finally:
            server.stop()
    for problem in problems:
        print("FAIL:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
