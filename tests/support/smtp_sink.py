"""A real SMTP server on loopback for the notification tests (aiosmtpd, from Debian's python3-aiosmtpd).

Each accepted message is written whole to DIR as <n>.eml, and as Python's own e-mail parser reads
it to <n>.json (to, subject, message_id, text, html), so the tests check what a mail client sees.
A recipient whose address starts with
"refuse" is refused with 550. Once listening, the port is written to DIR/port.

Usage: /usr/bin/python3 smtp_sink.py DIR [PORT]
"""
import email
import email.policy
import json
import os
import signal
import socket
import sys
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = len([name for name in os.listdir(folder) if name.endswith(".eml")])
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("refuse"):
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            name = os.path.join(self.folder, "%06d" % self.count)
        parsed = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        text = parsed.get_body(("plain",))
        html = parsed.get_body(("html",))
        summary = {
            "envelope_to": envelope.rcpt_tos,
            "to": str(parsed["To"]),
            "from": str(parsed["From"]),
            "subject": str(parsed["Subject"]),
            "message_id": str(parsed["Message-ID"]),
            "text": text.get_content() if text is not None else None,
            "html": html.get_content() if html is not None else None,
        }
        for suffix, content in ((".json", json.dumps(summary).encode()), (".eml", envelope.original_content)):
            with open(name + suffix + ".part", "wb") as out:
                out.write(content)
            os.replace(name + suffix + ".part", name + suffix)
        return "250 Message accepted"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    folder = sys.argv[1]
    port = int(sys.argv[2]) if len(sys.argv) > 2 else free_port()
    controller = Controller(Sink(folder), hostname="127.0.0.1", port=port)
    controller.start()
    with open(os.path.join(folder, "port.part"), "w") as out:
        out.write(str(port))
    os.replace(os.path.join(folder, "port.part"), os.path.join(folder, "port"))
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
