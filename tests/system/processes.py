"""Starting and stopping the programs the system tests run: wait for the port file a process writes
once it listens, read the demo login it prints, and stop it, killing it if it will not go."""

import os
import re
import subprocess
import time


def wait_for_file(path, process, what, log):
    """The port number `process` writes to `path` once it listens; fails with `log()` if it stops
    first or takes two minutes."""
    deadline = time.monotonic() + 120
    while not os.path.exists(path) or not open(path).read().strip():
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not start:\n" + log())
        time.sleep(0.05)
    return int(open(path).read().strip())


def demo_password(output):
    """The demo coordinator's password a server started with --demo printed."""
    found = re.search(r"password (\S+)", output)
    if not found:
        raise RuntimeError("no demo login printed:\n" + output)
    return found.group(1)


def stop(process):
    """Asks `process` to stop, and kills it if it has not within 20 seconds."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
