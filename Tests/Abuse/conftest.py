"""Abuse tests against a real server on 127.0.0.1: a fresh demo practice, a localstripe for the pay form, an API key
and a revoked one. The server trusts X-Forwarded-For (as behind a proxy) so that each test signs in from its own
client address: the sign-in limits of one test then never lock out another."""
import os
import shutil
import sqlite3
import tempfile

import pytest

from abuse_support import SEED, Abuse, h


def pytest_report_header(config):
    return f"abuse tests: ABUSE_SEED={SEED}"


@pytest.fixture(scope="session")
def abuse():
    if not os.path.exists(h.DEBUG_BINARY):
        pytest.fail(f"{h.DEBUG_BINARY} is missing: build first")
    with tempfile.TemporaryDirectory() as folder:
        running = Abuse(folder)
        try:
            yield running
        finally:
            if not running.portal.alive():  # it crashed: keep its log, since the folder goes now
                kept = f"/tmp/clearbill-abuse-server-{running.portal.process.pid}.log"
                shutil.copy(running.portal.log_path, kept)
                print(f"\nTHE SERVER DIED (exit {running.portal.process.returncode}); its log is kept in {kept}")
            running.portal.stop()
            running.gateway.stop()


@pytest.fixture(autouse=True)
def the_server_survives(request):
    """After each test: the server must still be running. If it died (a trap in Swift ends the process), its log is
    kept, the test fails saying so, and the server is started again on the same database for the tests after it."""
    yield
    if "abuse" not in request.fixturenames:
        return
    abuse = request.getfixturevalue("abuse")
    if not abuse.portal.alive():
        status = abuse.portal.process.wait()
        kept = f"/tmp/clearbill-abuse-server-{abuse.portal.process.pid}.log"
        shutil.copy(abuse.portal.log_path, kept)
        fatal = [line.strip() for line in open(kept, errors="replace") if "Fatal error" in line]
        abuse.portal.start()
        pytest.fail(f"the server died during this test (exit {status}): {fatal[:1]}; log kept in {kept}")


@pytest.fixture(scope="session")
def two_patients(abuse):
    """Two patients who each have statements and receipts, so that each can try the other's."""
    chosen = [p for p in abuse.patients[:12] if all(abuse.ids_of(p)[k] for k in ("statement", "receipt"))][:2]
    assert len(chosen) == 2, "the demo has two patients with statements and receipts"
    # The demo has no payment plans, and enrolling needs a card saved through the gateway's page: give each patient a
    # plan row directly, so that the plan routes are tried with another account's real plan id.
    for patient in chosen:
        with sqlite3.connect(abuse.db, timeout=30) as c:
            if c.execute("SELECT 1 FROM sqlite_master WHERE name = 'payment_plans'").fetchone():
                c.execute("""INSERT INTO payment_plans (account_id, status, frequency, total_cents, customer_id, payment_method_id,
                             terms_version, terms_accepted_at, terms_accepted_by, policy, enrollment_key, created_at)
                             VALUES (?, 'canceled', 'monthly', 10000, 'cus_abuse', 'pm_abuse', 'v1', '2026-01-01T00:00:00Z',
                                     'abuse tests', '{}', ?, '2026-01-01T00:00:00Z')""", (patient["id"], f"abuse-{patient['id']}"))
    return chosen
