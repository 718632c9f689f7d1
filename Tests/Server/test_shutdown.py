"""Graceful shutdown: SIGTERM lets the requests already in flight finish and be answered, then the server closes the
database cleanly (WAL checkpointed and removed) and exits 0; nothing is lost."""
import os
import re
import signal
import socket
import sqlite3
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BINARY = os.path.join(ROOT, ".build", "debug", "clearbill")
IN_FLIGHT = 8


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def staff_form(url):
    """A fresh browser's sign-in form: its session cookie and CSRF token."""
    with urllib.request.urlopen(url + "/staff/sign-in", timeout=10) as response:
        cookie = response.headers["Set-Cookie"].split(";", 1)[0]
        token = re.search(r'name="csrf" value="([^"]+)"', response.read().decode()).group(1)
    return cookie, token


def sign_in(url, cookie, token, username, password):
    body = urllib.parse.urlencode({"csrf": token, "username": username, "password": password}).encode()
    request = urllib.request.Request(url + "/staff/sign-in", data=body, headers={"Cookie": cookie})
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=30) as response:
            return response.status, response.headers.get("Location")
    except urllib.error.HTTPError as error:  # a 303 without a handler to follow it lands here
        return error.code, error.headers.get("Location")


def test_sigterm_drains_in_flight_requests_and_closes_the_database():
    with tempfile.TemporaryDirectory() as folder:
        db = os.path.join(folder, "demo.sqlite")
        out = subprocess.run([BINARY, "demo-data", "--db", db, "--patients", "20", "--seed", "5"],
                             check=True, capture_output=True, text=True).stdout
        username, password = re.search(r"^\s+(frontdesk) / (\S+)", out, re.M).groups()
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        log = open(os.path.join(folder, "server.log"), "w")
        server = subprocess.Popen([BINARY, "serve", "--db", db, "--port", str(port)], cwd=ROOT, stdout=log,
                                  stderr=subprocess.STDOUT)
        try:
            deadline = time.time() + 30
            while True:
                try:
                    urllib.request.urlopen(url + "/healthz", timeout=1)
                    break
                except OSError:
                    assert server.poll() is None and time.time() < deadline, "the server did not start"
                    time.sleep(0.1)
            forms = [staff_form(url) for _ in range(IN_FLIGHT)]
            # Each sign-in hashes the password (PBKDF2, 210,000 rounds): long enough to be in flight at SIGTERM.
            answers = [None] * IN_FLIGHT
            started = threading.Barrier(IN_FLIGHT + 1)

            def post(index):
                started.wait()
                answers[index] = sign_in(url, *forms[index], username, password)

            threads = [threading.Thread(target=post, args=(i,)) for i in range(IN_FLIGHT)]
            for thread in threads:
                thread.start()
            started.wait()
            time.sleep(0.05)
            server.send_signal(signal.SIGTERM)
            for thread in threads:
                thread.join(timeout=60)
            status = server.wait(timeout=30)
        finally:
            if server.poll() is None:
                server.kill()
                server.wait()
            log.close()

        assert answers == [(303, "/staff")] * IN_FLIGHT, f"in-flight sign-ins were not all answered: {answers}"
        assert status == 0, f"the server exited with {status} on SIGTERM"
        with socket.socket() as s:
            assert s.connect_ex(("127.0.0.1", port)) != 0, "the server still accepts connections after exiting"
        # Closed cleanly: the last connection checkpointed the WAL into the database and removed it.
        assert not os.path.exists(db + "-wal") or os.path.getsize(db + "-wal") == 0
        with sqlite3.connect(db) as connection:
            (signed_in,) = connection.execute(
                "SELECT COUNT(*) FROM audit_events WHERE action = 'staff.sign-in'").fetchone()
        assert signed_in >= IN_FLIGHT, f"only {signed_in} of {IN_FLIGHT} answered sign-ins were recorded"
        verify = subprocess.run([BINARY, "ledger", "verify", "--db", db], capture_output=True, text=True)
        assert verify.returncode == 0, verify.stdout + verify.stderr
