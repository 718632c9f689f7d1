"""What the abuse tests share: the running server and what they know of its demo practice, the router's routes read
from the Swift sources, and the checks every abusive request must pass. (A module of its own, not conftest.py, so
that test files import it by a name no other test folder uses.)"""
import glob
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import clearbill_harness as h  # noqa: E402

SCRIPT_MARK = "<script>alert('cb-xss')</script>"
# Random fuzz values come from this seed; ABUSE_SEED=N repeats a run.
SEED = int(os.environ.get("ABUSE_SEED", random.randrange(1 << 30)))


class Abuse:
    """The running server and what the tests know about its demo practice."""

    def __init__(self, folder):
        self.folder = folder
        self.db = os.path.join(folder, "abuse.sqlite")
        # A copy of the server, so that a build replacing .build/debug/clearbill meanwhile cannot touch the one running.
        self.binary = shutil.copy2(h.DEBUG_BINARY, os.path.join(folder, "clearbill"))
        self.staff = h.make_demo(self.db, patients=30, seed=17, binary=self.binary)
        self.api_key = h.create_api_key(self.db, "claims-module", binary=self.binary)
        self.revoked_key = h.create_api_key(self.db, "old-module", binary=self.binary)
        subprocess.run([self.binary, "api-keys", "revoke", "--db", self.db, "--name", "old-module"], check=True,
                       capture_output=True, timeout=60)
        self.patients = h.patients_in(self.db)
        self.gateway = h.LocalStripe(folder)
        self.portal = h.Portal(folder, self.db, binary=self.binary, gateway=self.gateway, extra_arguments=["--trust-forwarded-for"])
        self.url = self.portal.url
        self.portal.start()

    def client(self):
        """A new browser from its own client address."""
        return h.Client(self.url, client_address=f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}")

    def patient(self, patient):
        return h.sign_in_patient(self.client(), patient)

    def staff_client(self, username):
        return h.sign_in_staff(self.client(), username, self.staff[username])

    def sql(self, query, *arguments):
        with sqlite3.connect(self.db, timeout=30) as c:
            return c.execute(query, arguments).fetchall()

    def digest(self):
        return h.digest(self.db)

    def ids_of(self, patient):
        """Every identifier a URL could carry that belongs to this patient's account."""
        account = patient["id"]
        transactions = [r[0] for r in self.sql("SELECT id FROM ledger_transactions WHERE account_id = ? ORDER BY id", account)]
        receipts = [h_receipt(t) for t, in self.sql(
            "SELECT id FROM ledger_transactions WHERE account_id = ? AND kind IN ('payment', 'refund') ORDER BY id", account)]
        ids = {
            "statement": [r[0] for r in self.sql("SELECT number FROM statements WHERE account_id = ? ORDER BY id", account)],
            "receipt": receipts,
            "account": [str(account), patient["account"]],
            "transaction": [str(t) for t in transactions[-3:]],
        }
        # Every other record that belongs to an account (visits, payment attempts, plans, estimates as they come):
        # the ids of any table with an account_id column, so that a route added for a new record is tried with them.
        for table, in self.sql("SELECT name FROM sqlite_master WHERE type = 'table'"):
            columns = [c[1] for c in self.sql(f'PRAGMA table_info("{table}")')]
            if "account_id" in columns and "id" in columns and table not in h.BOOKKEEPING_TABLES | {"ledger_transactions", "statements"}:
                ids[table] = [str(r[0]) for r in self.sql(f'SELECT id FROM "{table}" WHERE account_id = ? ORDER BY id LIMIT 3', account)]
        return ids


def h_receipt(transaction_id):
    """The receipt number of a transaction: R, nine digits and a Luhn check digit (BillingCore's ReceiptNumber)."""
    body = f"{transaction_id:09d}"
    total = 0
    for index, char in enumerate(reversed(body)):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return f"R{body}{(10 - total % 10) % 10}"


def assert_sane(answer, what, sent=""):
    """No server error, and nothing sent is given back as markup: a page (HTML) must escape it; any other answer that
    quotes it (a JSON problem naming the bad value) must not be HTML and must tell browsers not to sniff it as HTML."""
    assert answer.status < 500, f"{what}: HTTP {answer.status}: {answer.text[:300]}"
    if "<script>" in sent and ("<script>alert(" in answer.text or SCRIPT_MARK in answer.text):
        content_type = (answer.header("content-type") or "").lower()
        assert "html" not in content_type, f"{what}: the script came back unescaped in a {content_type} answer"
        assert (answer.header("x-content-type-options") or "").lower() == "nosniff", \
            f"{what}: a {content_type} answer quotes the script without X-Content-Type-Options: nosniff"


# ---------------------------------------------------------------------------------------------------------------------
# The routes, from the Swift sources

ROUTE_CALL = re.compile(r"\b(\w+)\.(get|post|put|patch|delete)\s*(\(\s*\"([^\"]*)\"|\{)")


GUARDS = {"RequirePatient": "patient", "RequireStaff": "staff", "RequireAPIKey": "api", "RequireStaffOrAPIKey": "api"}


def portal_routes():
    """{(METHOD, path): who may call it} for every route the Portal module registers, the audience read from the guard
    middleware of its group ("patient", "staff", "api"; "public" for a route with no guard). Found: `router.get("/x")`;
    the routes of `let g = router.group("/p").add(middleware: Guard(…))`; a group made and used in one expression
    (`router.group("/p").add(middleware: …).post { … }`); a group handed to another struct's `add(to group:)`; and a
    helper `func addX(to group: RouterGroup<…>, prefix: String)` called with a group and a literal prefix, whose paths
    interpolate it (`group.get("\\(prefix)plan")`)."""
    texts = {p: open(p).read() for p in sorted(glob.glob(os.path.join(ROOT, "Sources", "Portal", "*.swift")))}

    def groups(text):
        found = {"router": ("", "public")}
        for var, prefix, guard in re.findall(r"let (\w+) = router\.group\(\"([^\"]*)\"\)(?:\.add\(middleware: (\w+))?", text):
            found[var] = (prefix, GUARDS.get(guard, "public"))
        return found

    def found_in(segment, known, interpolated=None):
        for var, method, _, sub in ROUTE_CALL.findall(segment):
            if var in known:
                add(method, known[var], re.sub(r"\\\((\w+)\)", lambda m: (interpolated or {}).get(m.group(1), m.group(0)), sub))

    def add(method, group, sub):
        prefix, guard = group
        path = "/" + "/".join(p.strip("/") for p in (prefix, sub) if p.strip("/"))
        routes[(method.upper(), path)] = guard

    handed = {struct: groups(text).get(var, ("", "public")) for text in texts.values()
              for struct, var in re.findall(r"(\w+)\(services: services\)\.add\(to: (\w+)\)", text)}
    routes = {}
    for text in texts.values():
        known = groups(text)
        for struct, group in handed.items():
            if re.search(rf"\bstruct {struct}\b", text):
                known.update((parameter, group) for parameter in re.findall(r"func add\(to (\w+): RouterGroup", text))
        found_in(text, known)
        for prefix, guard, method, _, sub in re.findall(
                r"router\.group\(\"([^\"]*)\"\)\.add\(middleware: (\w+)[^\n]*\n?\s*\.(get|post|put|patch|delete)\s*(\(\s*\"([^\"]*)\"|\{)", text):
            add(method, (prefix, GUARDS.get(guard, "public")), sub)
        for helper in re.finditer(r"func (\w+)\(to (\w+): RouterGroup<[^>]*>,\s*(\w+): String", text):
            name, parameter, interpolation = helper.groups()
            following = re.search(r"\n\s*(?:private |public |static )*func ", text[helper.end():])
            body = text[helper.end(): helper.end() + following.start() if following else len(text)]
            for var, literal in re.findall(rf"\b{name}\(to: (\w+),\s*{interpolation}: \"([^\"]*)\"", text):
                if var in known:
                    found_in(body, {parameter: known[var]}, {interpolation: literal})
    return routes


AUDIENCES = portal_routes()
ROUTES = sorted(AUDIENCES, key=lambda r: (r[1], r[0]))
PARAMETER = re.compile(r"\{(\w+)\}")


def skip_if_not_in_binary(answer, method, path):
    """A route in Sources/ that the server under test does not have yet (a build older than the sources) answers the
    router's bare 404 with no body; the app's own refusals are pages or problem details. Skip, saying to rebuild."""
    if answer.status == 404 and not answer.body:
        import pytest
        pytest.skip(f"{method} {path} is in Sources/ but not in the server binary under test: rebuild to test it")


def audience(path):
    """Who may call a path, from its guard (the first method registered for it decides: a path has one guard)."""
    return next(guard for (method, p), guard in sorted(AUDIENCES.items()) if p == path)


def fill(path, values):
    """The path with each {parameter} replaced by values[parameter] (or by the one value given for all)."""
    return PARAMETER.sub(lambda m: str(values[m.group(1)] if isinstance(values, dict) else values), path)
