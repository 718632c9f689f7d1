"""What the crash, load and abuse tests share: a Clearbill server that can be killed and restarted on the same
database, a small HTTP client that behaves like a browser without JavaScript (cookies, CSRF tokens, no redirects
followed), the browser's own step of paying (the card goes to the gateway, only its id to Clearbill), and checks read
straight from the database.

The server and localstripe start the way Tests/Browser/conftest.py starts them (its helpers are imported, not copied).
"""
import base64
import hashlib
import hmac
import http.client
import importlib.util
import json
import os
import re
import secrets
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.parse

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
DEBUG_BINARY = os.path.join(ROOT, ".build", "debug", "clearbill")
RELEASE_BINARY = os.path.join(ROOT, ".build", "release", "clearbill")
SAMPLES = os.path.join(ROOT, "..", "shared", "data", "x12-835")
VISA = "4242424242424242"


def _browser_conftest():
    """Tests/Browser/conftest.py under its own module name (pytest would otherwise confuse it with another conftest)."""
    name = "clearbill_browser_conftest"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, os.path.join(ROOT, "Tests", "Browser", "conftest.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


_conftest = _browser_conftest()
free_port = _conftest.free_port
wait_for = _conftest.wait_for
LocalStripe = _conftest.LocalStripe


def require_binary(path=DEBUG_BINARY):
    if not os.path.exists(path):
        sys.exit(f"{path} is missing: build first (swift build --product clearbill)")
    return path


# ---------------------------------------------------------------------------------------------------------------------
# The demo database and the server

def make_demo(db, patients=40, seed=9, binary=DEBUG_BINARY):
    """A fresh demo practice; returns the staff log-ins the try-it table prints ({username: password})."""
    out = subprocess.run([binary, "demo-data", "--db", db, "--patients", str(patients), "--seed", str(seed)],
                         check=True, capture_output=True, text=True, timeout=300).stdout
    return {user: password for user, password, _ in re.findall(r"^\s+(\w+) / (\S+)\s+\((\w+)\)", out, re.M)}


def patients_in(db):
    """Every guarantor as a patient types them in: account number, last name, date of birth MM/DD/YYYY."""
    with sqlite3.connect(db) as c:
        rows = c.execute("SELECT id, account_number, last_name, date_of_birth FROM accounts ORDER BY id").fetchall()
    return [dict(id=i, account=n, last=last, dob=f"{dob[5:7]}/{dob[8:10]}/{dob[0:4]}") for i, n, last, dob in rows]


def create_api_key(db, name="claims-module", binary=DEBUG_BINARY):
    return subprocess.run([binary, "api-keys", "create", "--db", db, "--name", name],
                          check=True, capture_output=True, text=True, timeout=60).stdout.strip()


class Portal:
    """`clearbill serve` on 127.0.0.1 over an existing database, on a port kept across restarts (so that localstripe's
    webhooks keep reaching it). With a LocalStripe it takes cards as scripts/run-demo does and gets signed webhooks."""

    def __init__(self, folder, db, binary=DEBUG_BINARY, gateway=None, extra_arguments=(), log_name="server.log"):
        self.folder, self.db, self.binary, self.gateway = folder, db, binary, gateway
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = os.path.join(folder, log_name)
        self.webhook_secret = "whsec_" + secrets.token_hex(16)
        self.arguments = [binary, "serve", "--db", db, "--port", str(self.port), *extra_arguments]
        self.environment = {k: v for k, v in os.environ.items() if not k.startswith("CLEARBILL_")}
        if gateway:
            self.environment.update(CLEARBILL_GATEWAY_SECRET_KEY=LocalStripe.SECRET_KEY, CLEARBILL_WEBHOOK_SECRET=self.webhook_secret)
            self.arguments += ["--gateway-url", gateway.url, "--gateway-publishable-key", LocalStripe.PUBLISHABLE_KEY]
        self.process = None
        self.starts = 0

    def start(self, seconds=60):
        with open(self.log_path, "a") as log:
            self.process = subprocess.Popen(self.arguments, cwd=ROOT, env=self.environment, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_for(self.url + "/healthz", "the server", self.process, seconds=seconds)
        except Exception:
            self.kill()
            raise
        if self.gateway and self.starts == 0:
            self.gateway.deliver_webhooks(self.url + "/webhooks/stripe", self.webhook_secret)
        self.starts += 1
        return self

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def kill(self):
        """SIGKILL: no chance to finish a request, flush or close the database."""
        if self.alive():
            self.process.send_signal(signal.SIGKILL)
        if self.process:
            self.process.wait()

    def stop(self):
        if self.alive():
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def log_tail(self, lines=20):
        try:
            with open(self.log_path, errors="replace") as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return ""


def ledger_verify(db, binary=DEBUG_BINARY):
    """(passed, output) of `clearbill ledger verify`."""
    run = subprocess.run([binary, "ledger", "verify", "--db", db], capture_output=True, text=True, timeout=300)
    return run.returncode == 0, (run.stdout + run.stderr).strip()


# ---------------------------------------------------------------------------------------------------------------------
# A browser without JavaScript

class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    @property
    def location(self):
        return self.header("location") or ""

    def header(self, name):
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    def header_values(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]

    def __repr__(self):
        return f"<HTTP {self.status} {self.location or self.text[:120]!r}>"


CSRF_FIELD = re.compile(r'name="csrf" value="([^"]+)"')
ATTEMPT_FIELD = re.compile(r'name="attempt" value="([^"]+)"')


class Client:
    """One browser: its cookies and one keep-alive connection. Redirects are not followed (the 303 and its Location are
    what a test checks). `client_address` is sent as X-Forwarded-For, which only a server started with
    --trust-forwarded-for believes."""

    def __init__(self, base_url, client_address=None, timeout=30):
        parsed = urllib.parse.urlparse(base_url)
        self.host, self.port, self.timeout = parsed.hostname, parsed.port, timeout
        self.cookies = {}
        self.client_address = client_address
        self.connection = None
        self.csrf = None  # the last token a page gave

    def _connect(self):
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)

    def close(self):
        if self.connection:
            self.connection.close()
            self.connection = None

    def request(self, method, path, form=None, body=None, headers=None, cookies=True):
        """Sends one request. `form` (a dict or a list of pairs) is sent url-encoded; `body` as is (bytes or str)."""
        sent = {"Host": f"{self.host}:{self.port}"}
        if form is not None:
            body = urllib.parse.urlencode(form)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        if isinstance(body, str):
            body = body.encode()
        if cookies and self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.client_address:
            sent["X-Forwarded-For"] = self.client_address
        sent.update(headers or {})
        # As raw UTF-8, as a hostile client may send them (http.client would refuse anything beyond Latin-1).
        sent = {k: v.encode("utf-8") if isinstance(v, str) else v for k, v in sent.items()}
        # A keep-alive connection the server has closed in between is only found out when used: retry that once
        # for a request that cannot have been acted on (a fresh connection is never retried).
        for attempt in (1, 2):
            reused = self.connection is not None
            if not reused:
                self._connect()
            try:
                self.connection.request(method, path, body=body, headers=sent)
                answer = self.connection.getresponse()
                data = answer.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as error:
                self.close()
                if not reused or attempt == 2 or (method not in ("GET", "HEAD") and not isinstance(error, BrokenPipeError)):
                    raise
            except Exception:
                self.close()
                raise
        if answer.getheader("connection", "").lower() == "close":
            self.close()
        response = Response(answer.status, answer.getheaders(), data)
        for value in response.header_values("set-cookie"):
            name, _, rest = value.partition("=")
            cookie_value = rest.split(";", 1)[0]
            if "max-age=0" in value.lower() or cookie_value == "":
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = cookie_value
        if "text/html" in (response.header("content-type") or ""):
            found = CSRF_FIELD.search(response.text)
            if found:
                self.csrf = found.group(1)
        return response

    def get(self, path, **options):
        return self.request("GET", path, **options)

    def post_form(self, path, fields, csrf=True, **options):
        """Posts a form as a browser would, with the CSRF token of the last page unless csrf=False."""
        pairs = list(fields.items()) if isinstance(fields, dict) else list(fields)
        if csrf:
            if self.csrf is None:
                self.get("/")
            pairs.insert(0, ("csrf", self.csrf))
        return self.request("POST", path, form=pairs, **options)


def sign_in_patient(client, patient):
    client.get("/")
    answer = client.post_form("/sign-in", {"code": patient["account"], "lastName": patient["last"], "dateOfBirth": patient["dob"]})
    if answer.status != 303 or answer.location != "/account":
        raise AssertionError(f"sign-in of {patient['account']} answered {answer!r}")
    client.get("/account")  # the session's CSRF token
    return client


def sign_in_staff(client, username, password):
    client.get("/staff/sign-in")
    answer = client.post_form("/staff/sign-in", {"username": username, "password": password})
    if answer.status != 303 or answer.location != "/staff":
        raise AssertionError(f"staff sign-in of {username} answered {answer!r}")
    client.get("/staff")
    return client


def cents_text(cents):
    return f"{cents // 100}.{cents % 100:02d}"


def receipt_transaction(number):
    """The ledger transaction id a receipt number (R + 9 digits + Luhn digit) stands for."""
    match = re.fullmatch(r"R(\d{9})\d", number or "")
    return int(match.group(1)) if match else None


RECEIPT_PATH = re.compile(r"/receipts/(R\d{10})")


def receipt_in(location):
    found = RECEIPT_PATH.search(location or "")
    return found.group(1) if found else None


def card_id_from_gateway(gateway_url, number=VISA):
    """What the payment page's Stripe.js does with the card fields (createToken): a POST to the gateway with the
    publishable key only. The card number never goes to Clearbill; the returned card id is what the page posts."""
    parsed = urllib.parse.urlparse(gateway_url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
    try:
        body = urllib.parse.urlencode({"card[number]": number, "card[exp_month]": "12", "card[exp_year]": "2034",
                                       "card[cvc]": "123", "key": LocalStripe.PUBLISHABLE_KEY,
                                       "payment_user_agent": "clearbill-tests"})
        connection.request("POST", "/v1/tokens", body=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
        answer = connection.getresponse()
        data = json.loads(answer.read() or b"{}")
    finally:
        connection.close()
    if answer.status != 200 or "card" not in data:
        raise AssertionError(f"the gateway refused the test card: HTTP {answer.status} {data}")
    return data["card"]["id"]


def pay_online(client, gateway_url, cents, attempt=None):
    """A signed-in patient pays `cents` on /account/pay. Returns (attempt token, the form, the answer) so that a caller
    can send the very same form again, as a double click or a retry after a lost answer does."""
    if attempt is None:
        page = client.get("/account/pay")
        if page.status != 200:
            raise AssertionError(f"/account/pay answered {page!r}")
        attempt = ATTEMPT_FIELD.search(page.text).group(1)
    form = {"attempt": attempt, "choice": "other", "other": cents_text(cents),
            "paymentMethod": card_id_from_gateway(gateway_url)}
    return attempt, form, client.post_form("/account/pay", form)


def gateway_get(gateway_url, path):
    parsed = urllib.parse.urlparse(gateway_url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
    try:
        auth = base64.b64encode(f"{LocalStripe.SECRET_KEY}:".encode()).decode()
        connection.request("GET", path, headers={"Authorization": "Basic " + auth})
        answer = connection.getresponse()
        return json.loads(answer.read())
    finally:
        connection.close()


def gateway_intents(gateway_url):
    """Every payment intent the gateway holds."""
    return gateway_get(gateway_url, "/v1/payment_intents?limit=100000")["data"]


def signed_webhook(secret, event_type, obj, created=None):
    """A webhook delivery as Stripe signs it (t=…,v1=HMAC-SHA256 of "t.payload"): (body, headers)."""
    created = int(created or time.time())
    payload = json.dumps({"id": "evt_" + secrets.token_hex(12), "object": "event", "type": event_type, "created": created,
                          "data": {"object": obj}}).encode()
    signature = hmac.new(secret.encode(), b"%d.%s" % (created, payload), hashlib.sha256).hexdigest()
    return payload, {"Content-Type": "application/json", "Stripe-Signature": f"t={created},v1={signature}"}


# ---------------------------------------------------------------------------------------------------------------------
# The database, read back

# Written by every request or every sign-in try, not by the business action under test.
BOOKKEEPING_TABLES = {"audit_events", "sessions", "sign_in_attempts", "grdb_migrations", "sqlite_sequence"}


def digest(db):
    """A fingerprint of everything but the audit log, sessions and sign-in attempts: if a refused request changed
    anything (a ledger row, a statement, a FAQ answer, a payment attempt), the fingerprint changes. Each table counts
    by its row count, its highest rowid and its last 500 rows — all of a small table. That is cheap enough to take
    after every request, and the big tables are the append-only ledger ones, where a change can only add a row."""
    h = hashlib.sha256()
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as c:
        tables = [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for table in tables:
            if table in BOOKKEEPING_TABLES:
                continue
            count, highest = c.execute(f'SELECT COUNT(*), MAX(rowid) FROM "{table}"').fetchone()
            h.update(f"{table} {count} {highest}".encode())
            for row in c.execute(f'SELECT * FROM "{table}" ORDER BY rowid DESC LIMIT 500'):
                h.update(repr(row).encode())
    return h.hexdigest()


def unbalanced_transactions(db):
    """Transactions whose postings do not sum to zero or that have fewer than two postings (half-posted)."""
    with sqlite3.connect(db, timeout=30) as c:
        return [r[0] for r in c.execute("""
            SELECT t.id FROM ledger_transactions t LEFT JOIN postings p ON p.transaction_id = t.id
            GROUP BY t.id HAVING COUNT(p.id) < 2 OR COALESCE(SUM(p.amount_cents), 1) != 0""")]


def patient_balance(db, account_id):
    with sqlite3.connect(db, timeout=30) as c:
        return c.execute("SELECT COALESCE(SUM(amount_cents), 0) FROM postings WHERE account_id = ? "
                         "AND book IN ('patient_due', 'patient_credit')", (account_id,)).fetchone()[0]
