"""A real Clearbill server on 127.0.0.1 with a fresh demo practice, and headless Chromium at phone width."""
import os
import re
import socket
import sqlite3
import subprocess
import tempfile
import time
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


class Server:
    def __init__(self, folder):
        self.db = os.path.join(folder, "demo.sqlite")
        out = subprocess.run([BINARY, "demo-data", "--db", self.db, "--patients", "40", "--seed", "9"],
                             check=True, capture_output=True, text=True).stdout
        # "  10000024  Parker        05/02/1981     $239.43     (...)"
        self.patients = [dict(account=m[0], last=m[1], dob=m[2])
                         for m in re.findall(r"^\s+(\d{8})\s+(.+?)\s{2,}(\d\d/\d\d/\d{4})", out, re.M)]
        self.staff = {user: password for user, password, _ in re.findall(r"^\s+(\w+) / (\S+)\s+\((\w+)\)", out, re.M)}
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(os.path.join(folder, "server.log"), "w")
        self.process = subprocess.Popen([BINARY, "serve", "--db", self.db, "--port", str(self.port)], cwd=ROOT,
                                        stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.url + "/healthz", timeout=1)
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("the server did not answer /healthz within 30 s")

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
        self.log.close()


@pytest.fixture(scope="session")
def server():
    with tempfile.TemporaryDirectory() as folder:
        running = Server(folder)
        try:
            yield running
        finally:
            running.stop()


@pytest.fixture
def browser():
    options = Options()
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=360,800"):
        options.add_argument(flag)
    # Headless Chromium keeps windows at least 500 px wide; device emulation gives a true 360 px phone viewport.
    options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": 360, "height": 800, "pixelRatio": 2}})
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
