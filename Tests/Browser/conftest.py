"""A real Clearbill server on 127.0.0.1 with a fresh demo practice (optionally taking cards through a localstripe),
and headless Chromium at phone width."""
import json
import os
import re
import secrets
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BINARY = os.path.join(ROOT, ".build", "debug", "clearbill")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, what, process, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with status {process.returncode} before answering")
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except urllib.error.HTTPError:
            return  # it answers, if only to say no
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{what} did not answer {url} within {seconds} s")


class LocalStripe:
    """localstripe on a kernel-chosen 127.0.0.1 port, through scripts/localstripe-loopback.py (memory only, idempotency
    keys honoured, gone when this process is)."""
    SECRET_KEY = "sk_test_clearbill_browser"
    PUBLISHABLE_KEY = "pk_test_clearbill_browser"

    def __init__(self, folder):
        port_file = os.path.join(folder, "localstripe.json")
        self.log = open(os.path.join(folder, "localstripe.log"), "w")
        self.process = subprocess.Popen([sys.executable, os.path.join(ROOT, "scripts", "localstripe-loopback.py"),
                                         "--port-file", port_file, "--parent-pid", str(os.getpid())],
                                        stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while not os.path.exists(port_file):
            if self.process.poll() is not None or time.time() > deadline:
                self.stop()
                raise RuntimeError("localstripe did not start (is it installed in .venv? run scripts/test)")
            time.sleep(0.1)
        with open(port_file) as f:
            self.url = f"http://127.0.0.1:{json.load(f)['port']}"
        try:
            wait_for(self.url + "/js.stripe.com/v3/", "localstripe", self.process)
        except RuntimeError:
            self.stop()
            raise

    def deliver_webhooks(self, url, secret):
        """Has localstripe send its payment events to `url`, signed with `secret`, as Stripe would."""
        body = json.dumps({"url": url, "secret": secret,
                           "events": ["payment_intent.succeeded", "payment_intent.payment_failed"]}).encode()
        request = urllib.request.Request(self.url + "/_config/webhooks/clearbill", data=body, method="POST",
                                         headers={"Content-Type": "application/json"})
        urllib.request.urlopen(request, timeout=10)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


class Server:
    """`clearbill serve` over a fresh demo database. With gateway=True it takes cards through its own localstripe
    (the flags and environment of scripts/run-demo), which delivers signed webhooks back to it. The server logs a line
    per request (--log-level debug) to `log_path`."""

    def __init__(self, folder, gateway=False):
        self.db = os.path.join(folder, "demo.sqlite")
        out = subprocess.run([BINARY, "demo-data", "--db", self.db, "--patients", "40", "--seed", "9"],
                             check=True, capture_output=True, text=True).stdout
        # "  10000024  Parker        05/02/1981     $239.43     (...)"
        self.patients = [dict(account=m[0], last=m[1], dob=m[2])
                         for m in re.findall(r"^\s+(\d{8})\s+(.+?)\s{2,}(\d\d/\d\d/\d{4})", out, re.M)]
        self.staff = {user: password for user, password, _ in re.findall(r"^\s+(\w+) / (\S+)\s+\((\w+)\)", out, re.M)}
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = os.path.join(folder, "server.log")
        self.log = open(self.log_path, "w")
        arguments = [BINARY, "serve", "--db", self.db, "--port", str(self.port), "--log-level", "debug"]
        environment = {k: v for k, v in os.environ.items() if not k.startswith("CLEARBILL_")}
        self.gateway = None
        if gateway:
            self.gateway = LocalStripe(folder)
            self.webhook_secret = "whsec_" + secrets.token_hex(16)
            environment.update(CLEARBILL_GATEWAY_SECRET_KEY=LocalStripe.SECRET_KEY, CLEARBILL_WEBHOOK_SECRET=self.webhook_secret)
            arguments += ["--gateway-url", self.gateway.url, "--gateway-publishable-key", LocalStripe.PUBLISHABLE_KEY]
        self.process = subprocess.Popen(arguments, cwd=ROOT, env=environment, stdout=self.log, stderr=subprocess.STDOUT)
        try:
            wait_for(self.url + "/healthz", "the server", self.process)
            if self.gateway:
                self.gateway.deliver_webhooks(self.url + "/webhooks/stripe", self.webhook_secret)
        except Exception:
            self.stop()
            raise

    def ledger_balance(self, account_number):
        """What the patient owes according to the ledger: patient due net of credit, in cents."""
        with sqlite3.connect(self.db) as db:
            (cents,) = db.execute("""SELECT COALESCE(SUM(p.amount_cents), 0) FROM postings p JOIN accounts a ON a.id = p.account_id
                                     WHERE a.account_number = ? AND p.book IN ('patient_due', 'patient_credit')""",
                                  (account_number,)).fetchone()
        return cents

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()
        if self.gateway:
            self.gateway.stop()


@pytest.fixture(scope="session")
def server():
    with tempfile.TemporaryDirectory() as folder:
        running = Server(folder)
        try:
            yield running
        finally:
            running.stop()


@pytest.fixture(scope="session")
def paying_server():
    """A server that takes cards through localstripe."""
    with tempfile.TemporaryDirectory() as folder:
        running = Server(folder, gateway=True)
        try:
            yield running
        finally:
            running.stop()


@pytest.fixture
def browser():
    options = Options()
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=360,800"):
        options.add_argument(flag)
    # Headless Chromium keeps a desktop window at least 500 px wide whatever --window-size says: emulate the phone
    # screen so that the page really is laid out 360 px wide.
    options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": 360, "height": 800, "pixelRatio": 1}})
    # The console (CSP violations) and the network (what each request carried) for the tests to read back.
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
