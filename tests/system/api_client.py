"""Calling the real server's JSON API from the system tests: as nobody, with a session signed in
by name and password, or with a device's bearer token."""

import http.client
import itertools
import json
import urllib.parse

# One count for the whole test, so no two of its changes share an idempotency key, even when they
# come from callers made one after another.
idempotency_keys = itertools.count(1)


class Caller:
    def __init__(self, port, cookie=None, csrf=None, bearer=None):
        self.port, self.cookie, self.csrf, self.bearer = port, cookie, csrf, bearer

    def call(self, method, path, query=None, body=None, accept="application/json", expect=None):
        """Sends `body` as JSON and returns the answer and its content (bytes); with `expect`, any
        other status fails the test. `accept=None` sends no Accept header."""
        if query:
            path += "?" + urllib.parse.urlencode(query)
        headers = {}
        if accept is not None:
            headers["Accept"] = accept
        if self.cookie:
            headers["Cookie"] = self.cookie
            if method != "GET":
                headers["X-CSRF-Token"] = self.csrf
        if self.bearer:
            headers["Authorization"] = "Bearer " + self.bearer
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if method != "GET":
            headers["Idempotency-Key"] = f"system-test-{next(idempotency_keys)}"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        connection.request(method, path, body=data, headers=headers)
        answer = connection.getresponse()
        content = answer.read()
        connection.close()
        if expect is not None and answer.status != expect:
            raise AssertionError(f"{method} {path}: expected {expect}, got {answer.status}: {content[:500]!r}")
        return answer, content

    def json(self, path, query=None, expect=200):
        """The JSON answer to a GET."""
        return json.loads(self.call("GET", path, query, expect=expect)[1])

    def send(self, method, path, body=None, expect=200):
        """The JSON answer to a change."""
        content = self.call(method, path, body=body, expect=expect)[1]
        return json.loads(content) if content else None


def sign_in(port, username, password):
    """A caller with `username`'s session."""
    answer, content = Caller(port).call("POST", "/api/v1/auth/login",
                                        body={"username": username, "password": password}, expect=200)
    return Caller(port, answer.getheader("Set-Cookie").split(";")[0], json.loads(content)["csrf_token"])
