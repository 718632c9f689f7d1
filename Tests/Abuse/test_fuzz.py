"""Every form and every API body, fuzzed: boundary values (huge, negative, empty, long, Unicode, wrong types, missing
fields, SQL and HTML/script payloads) one field at a time on an otherwise valid request, plus random ones. Whatever is
sent: never a server error, nothing changed in the database when the answer is a 4xx, never a script sent back
unescaped, and `ledger verify` still passes at the end.

The forms' fields are read from their Swift `Decodable` structs, and a test fails when the router has a POST route
that no table here fuzzes, so that a new form cannot go untested."""
import json
import os
import random
import re
import secrets
import time

import pytest

from abuse_support import ROOT, ROUTES, SCRIPT_MARK, SEED, assert_sane, fill, h, skip_if_not_in_binary

RANDOM_CASES = int(os.environ.get("ABUSE_RANDOM_CASES", "12"))

TEXT_VALUES = [
    "", " ", ",", " , ", "0", "-1", "-0.01", "0.00", "0.001", "1e9", "NaN", "Infinity", "9" * 40, "99999999999.99", "10000000.01",
    "-99999999", "1,000,000.00", "1,00", "$5", "$-5.00", "--5", "５", "١٢٣", "\u202e5.00", "0x10", "1_000", "12.", ".5",
    "A" * 5000, "é" * 300, "😀" * 100, "\x00", "%00", "\r\n", "' OR 1=1 --", "'; DROP TABLE postings; --", "\" onmouseover=alert(1) x=\"",
    SCRIPT_MARK, "<img src=x onerror=alert(1)>", "{{csrf}}", "{{{practiceName}}}", "../../etc/passwd", "2026-02-30",
    "13/45/2020", "02/29/2023", "1900-01-01", "true", "null", "[]", "{}", "card_", "pm_" + "x" * 200, "deposit", "-9223372036854775808",
    "9223372036854775808",
]


def random_text(rng):
    alphabet = rng.choice(["0123456789.,-$", "abcXYZ <>\"'&;", "ßø東京🙂\u0301\u200b", "".join(map(chr, range(32, 127)))])
    return "".join(rng.choice(alphabet) for _ in range(rng.choice([1, 3, 12, 80, 700])))


def swift_fields(struct):
    """The fields of a Swift `struct NAME: Decodable { var a: String; var b: String? ... }` in Sources/Portal."""
    for name in os.listdir(os.path.join(ROOT, "Sources", "Portal")):
        with open(os.path.join(ROOT, "Sources", "Portal", name)) as f:
            found = re.search(rf"struct {struct}: Decodable \{{(.*?)\}}", f.read(), re.S)
        if found:
            return re.findall(r"var (\w+): (\w+\??)", found.group(1))
    raise AssertionError(f"struct {struct} not found in Sources/Portal")


def desk_transaction(abuse):
    return abuse.sql("SELECT id FROM ledger_transactions WHERE source = 'desk' AND kind = 'payment' ORDER BY id LIMIT 1")[0][0]


def online_transaction(abuse):
    rows = abuse.sql("SELECT transaction_id FROM online_payments WHERE status = 'succeeded' ORDER BY id LIMIT 1")
    return rows[0][0] if rows else 1


# route -> (who posts it, the Swift form struct or None, a valid form to mutate, values for the path's parameters)
def form_table(abuse, patient):
    token = lambda: secrets.token_urlsafe(16)  # noqa: E731  a fresh attempt token: each request is a new payment
    return {
        "/sign-in": ("nobody", "PatientSignInForm", lambda: {"code": "99999999", "lastName": "Nobody", "dateOfBirth": "01/02/1980"}, {}),
        "/sign-out": ("patient", None, lambda: {}, {}),
        "/staff/sign-in": ("nobody", "StaffSignInForm", lambda: {"username": "nobody-" + token(), "password": "x"}, {}),
        "/staff/sign-out": ("frontdesk", None, lambda: {}, {}),
        "/account/pay": ("patient", "PayForm",
                         lambda: {"attempt": token(), "choice": "other", "other": "1.00", "paymentMethod": "card_doesnotexist"}, {}),
        "/staff/search": ("frontdesk", "SearchForm", lambda: {"q": patient["last"]}, {}),
        "/staff/accounts/{id}/payment": ("frontdesk", "PaymentForm", lambda: {
            "attempt": token(), "method": "cash", "amount": "1.00", "tendered": "", "reference": "", "visit": ""}, {"id": patient["id"]}),
        "/staff/accounts/{id}/refund": ("frontdesk", "RefundForm", lambda: {"attempt": token(), "amount": "1.00", "method": "cash"},
                                        {"id": patient["id"]}),
        "/staff/transactions/{id}/void": ("frontdesk", "VoidForm", lambda: {"reason": "fuzzing a void"}, {"id": desk_transaction(abuse)}),
        "/staff/transactions/{id}/refund-online": ("billing", "OnlineRefundForm", lambda: {"attempt": token(), "amount": "1.00"},
                                                   {"id": online_transaction(abuse)}),
        "/staff/faq/{id}": ("billing", "FAQForm", lambda: {"question": "Fuzzed question?", "answer": "Fuzzed answer."}, {"id": 1}),
        "/staff/batches": ("billing", "MakeForm", lambda: {"cycle": "not-a-date", "duplex": "no"}, {}),
        **plan_forms(abuse, patient, token),
        # Estimates: each field of the form set to "1" to start from (the mutations then try every odd value).
        "/staff/estimates/new": ("frontdesk", "QuoteForm", ones("QuoteForm"), {}),
        "/staff/estimates/{id}/gfe": ("frontdesk", None, lambda: {}, {"id": 1}),
        "/staff/estimates/{id}/bill": ("frontdesk", "BillForm", ones("BillForm"), {"id": 1}),
        "/staff/estimates/{id}/email": ("frontdesk", "EmailForm", ones("EmailForm"), {"id": 1}),
        "/staff/catalog/{item}/prices": ("billing", "PriceForm", ones("PriceForm"), {"item": 1}),
        # Last: closing the day stops the front desk taking payments, which the forms above need.
        "/staff/close": ("frontdesk", None, lambda: {}, {}),
    }


def ones(struct):
    """A form with every field of the Swift struct set to "1"."""
    return lambda: {name: "1" for name, _ in swift_fields(struct)}


def plan_forms(abuse, patient, token):
    """The payment-plan forms, for the patient (/account/…) and for the desk (/staff/accounts/{id}/…)."""
    try:
        plan = next(iter(abuse.sql("SELECT id FROM payment_plans WHERE account_id = ? ORDER BY id", patient["id"])), (1,))[0]
    except Exception:  # a database from before payment plans
        plan = 1
    forms = {}
    for who, base, parameters in (("patient", "/account/", {"plan": plan}), ("frontdesk", "/staff/accounts/{id}/", {"id": patient["id"], "plan": plan})):
        enroll = lambda: {"attempt": token(), "option": "1", "agree": "yes", "terms": "v1", "setupIntent": "seti_doesnotexist"}  # noqa: E731
        forms[base + "plan"] = (who, "EnrollForm", enroll, parameters)
        forms[base + "plans/{plan}/replan"] = (who, "EnrollForm", enroll, parameters)
        forms[base + "plans/{plan}/pay-ahead"] = (who, "AttemptForm", lambda: {"attempt": token()}, parameters)
        forms[base + "plans/{plan}/payoff"] = (who, "AttemptForm", lambda: {"attempt": token()}, parameters)
        forms[base + "plans/{plan}/cancel"] = (who, "CancelForm", lambda: {"confirm": "no"}, parameters)
        forms[base + "plans/{plan}/card"] = (who, "CardForm", lambda: {"setupIntent": "seti_doesnotexist"}, parameters)
    return forms


API_BODIES = {"/api/v1/encounters", "/api/v1/adjudications", "/api/v1/adjudications/{id}/reversal", "/api/v1/remittances",
              "/api/v1/quotes"}
WEBHOOKS = {"/webhooks/stripe"}
# The routes that ask the card gateway: when it refuses (an unknown card or payment), 502 Bad Gateway is their answer.
GATEWAY_ROUTES = {"/staff/transactions/{id}/refund-online"}


def test_every_post_route_is_fuzzed(abuse, two_patients):
    table = form_table(abuse, two_patients[0])
    assert list(table) == FORM_ROUTES, "FORM_ROUTES (what is fuzzed, in order) lists the form table's routes"
    fuzzed = set(table) | API_BODIES | WEBHOOKS
    missing = [path for method, path in ROUTES if method != "GET" and path not in fuzzed]
    assert not missing, f"POST routes nobody fuzzes (add them to form_table or API_BODIES): {missing}"


class Checker:
    """Sends abusive requests and checks each answer against the database."""

    def __init__(self, abuse):
        self.abuse = abuse
        self.state = abuse.digest()
        self.sent = 0

    def check(self, what, answer, sent_text, allowed_5xx=(), read_only=False):
        self.sent += 1
        assert_sane(answer if answer.status not in allowed_5xx else h.Response(200, answer.headers, answer.body), what, sent_text)
        now = self.abuse.digest()
        if 400 <= answer.status < 600 or read_only:
            assert now == self.state, f"{what} answered HTTP {answer.status} but changed the database"
        self.state = now


def mutations(valid, fields, rng):
    """(label, form) pairs: each field set to each boundary value, each field missing, each field sent twice, and
    random forms."""
    names = [name for name, _ in fields] or list(valid)
    for name in names:
        for value in TEXT_VALUES:
            yield f"{name}={value[:30]!r}", {**valid, name: value}
        yield f"{name} missing", {k: v for k, v in valid.items() if k != name}
        yield f"{name} twice", list(valid.items()) + [(name, "other-value")]
        # Wrong types, as a form can carry them: a list or an object where a string belongs.
        others = [(k, v) for k, v in valid.items() if k != name]
        yield f"{name} as a list", others + [(f"{name}[]", "1"), (f"{name}[]", "2")]
        yield f"{name} as an object", others + [(f"{name}[a]", "1"), (f"{name}[b][c]", "2")]
    yield "an unknown field", {**valid, "isAdmin": "true", "account": "1"}
    for case in range(RANDOM_CASES):
        yield f"random #{case}", {name: random_text(rng) for name in names}


VALID_ANSWER = {"/sign-in": 200, "/staff/search": 200, "/staff/accounts/{id}/payment": 303, "/staff/faq/{id}": 200,
                "/staff/batches": 422, "/account/pay": 402}

FORM_ROUTES = ["/sign-in", "/sign-out", "/staff/sign-in", "/staff/sign-out", "/account/pay", "/staff/search",
               "/staff/accounts/{id}/payment", "/staff/accounts/{id}/refund", "/staff/transactions/{id}/void",
               "/staff/transactions/{id}/refund-online", "/staff/faq/{id}", "/staff/batches",
               *[base + form for base in ("/account/", "/staff/accounts/{id}/") for form in
                 ("plan", "plans/{plan}/replan", "plans/{plan}/pay-ahead", "plans/{plan}/payoff", "plans/{plan}/cancel", "plans/{plan}/card")],
               "/staff/estimates/new", "/staff/estimates/{id}/gfe", "/staff/estimates/{id}/bill", "/staff/estimates/{id}/email",
               "/staff/catalog/{item}/prices", "/staff/close"]


@pytest.mark.parametrize("route", FORM_ROUTES)
def test_fuzzed_forms_never_fail_the_server_or_change_anything_on_refusal(abuse, two_patients, route):
    rng = random.Random(f"{SEED}-{route}")
    patient = two_patients[1]
    who, struct, valid, parameters = form_table(abuse, patient)[route]
    fields = swift_fields(struct) if struct else []
    assert set(valid()) == {n for n, _ in fields}, f"{route}: the valid form's fields are not {struct}'s {fields}"
    url = fill(route, parameters)
    checker = Checker(abuse)

    def client():
        # A fresh browser (and address) for sign-ins and sign-outs, whose tries would otherwise count against one
        # address or end the session the next request needs.
        if who == "nobody":
            fresh = abuse.client()
            fresh.get("/")
            return fresh
        if who == "patient":
            return abuse.patient(patient)
        return signed_in_staff.setdefault(who, abuse.staff_client(who))

    signed_in_staff = {}
    reuse = route not in ("/sign-out", "/staff/sign-out", "/staff/sign-in", "/sign-in")
    browser = client()
    if route in VALID_ANSWER:  # the unmutated form does what it is for, so the mutations start from a real request
        answer = browser.post_form(url, valid())
        assert answer.status == VALID_ANSWER[route], f"the valid form for {route} answered {answer!r}"
        checker.state = abuse.digest()
    for label, form in mutations(valid(), fields, rng):
        if not reuse:
            browser = client()
        try:
            answer = browser.post_form(url, form)
        except (OSError, h.http.client.HTTPException) as error:
            pytest.fail(f"POST {url} ({label}): no answer ({type(error).__name__}): did the server crash?")
        skip_if_not_in_binary(answer, "POST", route)
        checker.check(f"POST {url} ({label})", answer, json.dumps(form, ensure_ascii=False),
                      allowed_5xx=(502,) if route in GATEWAY_ROUTES else ())
        if route == "/staff/accounts/{id}/payment" and answer.status == 303:
            assert_desk_payment_is_what_was_typed(abuse, patient, dict(form), answer)
    # Not a form post at all: another content type, an empty body, a body past the upload limit.
    for label, body, content_type in [("JSON", b'{"amount": "1.00"}', "application/json"), ("empty", b"", "application/x-www-form-urlencoded"),
                                      ("2 MB", b"a=" + b"x" * (2 << 20), "application/x-www-form-urlencoded"),
                                      ("bad percent-encoding", b"amount=%zz%&&=", "application/x-www-form-urlencoded")]:
        answer = browser.request("POST", url, body=body, headers={"Content-Type": content_type, "X-CSRF-Token": browser.csrf or ""})
        checker.check(f"POST {url} ({label})", answer, "")
    assert checker.sent > (50 if fields else 10)


AMOUNT = re.compile(r"^\s*\$?(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?\s*$")


def assert_desk_payment_is_what_was_typed(abuse, patient, form, answer):
    """A desk payment that went through is for an amount written as money, on this account's own lines only."""
    amount = form.get("amount", "")
    assert AMOUNT.match(amount), f"a desk payment was taken for the amount {amount!r}"
    transaction = h.receipt_transaction(h.receipt_in(answer.location))
    foreign = abuse.sql("""SELECT p.id FROM postings p JOIN service_lines l ON l.id = p.service_line_id
                           JOIN encounters e ON e.id = l.encounter_id WHERE p.transaction_id = ? AND e.account_id != ?""",
                        transaction, patient["id"])
    assert not foreign, f"desk payment {transaction} (visit {form.get('visit')!r}) was applied to another account's visit"


ODD_AMOUNTS = ["-1.00", "0", "0.99", "0.001", "1e3", "１２", "$-5.00", "--5", "5.", ".5", "1,0", "99999999999.99", "9" * 40,
               "1.00", "$1.01", "2", "NaN", " 3.00 "]


def test_online_amounts_are_checked_before_the_card_is_charged(abuse):
    """With a real card: an amount the portal should refuse never reaches the gateway, and one it takes is at least
    $1.00, at most the balance, and posted as written."""
    # Not one of two_patients (the first twelve) nor one the sign-in limit tests lock (the last fifteen).
    patient = max(abuse.patients[12:15], key=lambda p: h.patient_balance(abuse.db, p["id"]))
    client = abuse.patient(patient)
    checker = Checker(abuse)
    accepted = 0
    for amount in ODD_AMOUNTS:
        before = h.patient_balance(abuse.db, patient["id"])
        charged_before = len(h.gateway_intents(abuse.gateway.url))
        page = client.get("/account/pay")
        attempt = h.ATTEMPT_FIELD.search(page.text).group(1)
        form = {"attempt": attempt, "choice": "other", "other": amount, "paymentMethod": h.card_id_from_gateway(abuse.gateway.url)}
        answer = client.post_form("/account/pay", form)
        checker.check(f"pay {amount!r}", answer, "")
        if answer.status == 303:
            posted = before - h.patient_balance(abuse.db, patient["id"])
            assert AMOUNT.match(amount), f"an online payment went through for the amount {amount!r} ({posted} cents)"
            typed = int(round(float(amount.strip().lstrip("$").replace(",", "")) * 100))
            assert posted == typed and 100 <= typed <= before, f"{amount!r}: {posted} cents posted of a balance of {before}"
            accepted += 1
        else:
            assert len(h.gateway_intents(abuse.gateway.url)) == charged_before, f"{amount!r} was refused after the gateway was asked"
    assert accepted >= 3, f"only {accepted} of the plain amounts went through: the test did not reach the gateway"
    # localstripe sends its webhook a second after each charge, and the (replayed) confirmation touches the payment's
    # row: let those land here, not in the middle of the next test's before-and-after comparison.
    time.sleep(2.5)


def test_a_desk_payment_cannot_be_pointed_at_another_accounts_visit(abuse, two_patients):
    owner, payer = two_patients
    visit = abuse.ids_of(owner)["encounters"][0]
    desk = abuse.client()
    h.sign_in_staff(desk, "billing", abuse.staff["billing"])
    page = desk.get(f"/staff/accounts/{payer['id']}/payment")
    attempt = h.ATTEMPT_FIELD.search(page.text).group(1)
    form = {"attempt": attempt, "method": "check", "amount": "2.00", "tendered": "", "reference": "1001", "visit": visit}
    answer = desk.post_form(f"/staff/accounts/{payer['id']}/payment", form)
    assert_sane(answer, "a desk payment for another account's visit")
    if answer.status == 303:
        assert_desk_payment_is_what_was_typed(abuse, payer, form, answer)


ODD_PATH_VALUES = ["0", "-1", "9" * 30, "R0000000000", "R9999999999", "%00", "%2e%2e", "..%2F..%2Fetc%2Fpasswd", "%F0%9F%98%80",
                   "x" * 3000, "%27%20OR%201%3D1", "%3Cscript%3E", "1.5", "1e9"]
ODD_QUERIES = ["", "?tendered=-9223372036854775808", "?tendered=9223372036854775807", "?tendered=abc", "?expired=1&signed-out=1",
               "?after=-1&limit=0", "?" + "a=1&" * 500]
GET_ROUTES = [path for method, path in ROUTES if method == "GET"]


@pytest.mark.parametrize("who", ["nobody", "patient", "billing"])
def test_every_get_route_with_odd_identifiers_and_queries(abuse, two_patients, who):
    """Every page, with odd values in its path parameters and odd query strings, as nobody, a patient and the billing
    office: an answer (a 4xx or a page), never a server error or a change."""
    client = {"nobody": abuse.client, "patient": lambda: abuse.patient(two_patients[0]),
              "billing": lambda: abuse.staff_client("billing")}[who]()
    checker = Checker(abuse)
    for path in GET_ROUTES:
        values = ODD_PATH_VALUES if "{" in path else [""]
        for value in values:
            for query in ODD_QUERIES[:2] if "{" in path else ODD_QUERIES:
                url = fill(path, value) + query
                try:
                    answer = client.get(url)
                except (OSError, h.http.client.HTTPException) as error:
                    pytest.fail(f"GET {url}: no answer ({type(error).__name__}): did the server crash?")
                checker.check(f"GET {url[:200]} as {who}", answer, "<script>" if "script" in url.lower() else "", read_only=True)
    assert checker.sent > 100


# --- the claims API ------------------------------------------------------------------------------------------------

JSON_VALUES = [None, True, False, "", "x" * 10000, SCRIPT_MARK, "' OR 1=1 --", "😀", -1, 0, 1.5, 10 ** 9 + 1, 10 ** 10, 2 ** 63 - 1, 2 ** 63, -2 ** 63,
               1e308, [], {}, [1] * 1000, {"$gt": ""}]


def json_mutations(valid, rng, path=()):
    """Each key replaced by each odd JSON value, each key missing, recursively into objects and the first list item."""
    if isinstance(valid, dict):
        for key, value in valid.items():
            for odd in JSON_VALUES:
                yield f"{'.'.join(path + (key,))}={json.dumps(odd)[:30]}", {**valid, key: odd}
            yield f"{'.'.join(path + (key,))} missing", {k: v for k, v in valid.items() if k != key}
            for label, inner in json_mutations(value, rng, path + (key,)):
                yield label, {**valid, key: inner}
    elif isinstance(valid, list) and valid:
        yield f"{'.'.join(path)} empty", []
        yield f"{'.'.join(path)} x500", valid * 500
        for label, inner in json_mutations(valid[0], rng, path + ("0",)):
            yield label, [inner] + valid[1:]


def api(abuse, method, path, body=None, content_type="application/json", key=None):
    headers = {"Authorization": "Bearer " + abuse.api_key, "Idempotency-Key": "fuzz-" + secrets.token_hex(8),
               "Content-Type": content_type}
    if isinstance(body, (dict, list)) or body is None and method == "POST":
        body = json.dumps(body, ensure_ascii=False)
    return abuse.client().request(method, path, body=body, headers=headers)


def valid_bodies(abuse, patient):
    npi, = abuse.sql("SELECT npi FROM providers LIMIT 1")[0]
    location, = abuse.sql("SELECT id FROM locations LIMIT 1")[0]
    claim, line = abuse.sql("""SELECT e.claim_number, l.id FROM encounters e JOIN service_lines l ON l.encounter_id = e.id
                               WHERE e.claim_number IS NOT NULL ORDER BY e.id LIMIT 1""")[0]
    return {
        "/api/v1/encounters": lambda: {"accountNumber": patient["account"], "providerNpi": npi, "locationId": location,
                                       "dateOfService": "2026-01-05", "claimNumber": "FZ" + secrets.token_hex(6),
                                       "lines": [{"code": "99213", "chargeCents": 12500, "units": 1, "modifiers": ["25"],
                                                  "diagnosisCodes": ["L57.0"], "selfPay": False}]},
        "/api/v1/adjudications": lambda: {"claimNumber": claim, "payer": "Fuzz Mutual", "claimStatus": "1", "date": "2026-01-10",
                                          "lines": [{"serviceLineId": line, "paidCents": 0,
                                                     "adjustments": [{"group": "CO", "reason": "45", "amountCents": 0}]}]},
    }


@pytest.mark.parametrize("path", ["/api/v1/encounters", "/api/v1/adjudications", "/api/v1/quotes"])
def test_fuzzed_api_bodies_never_fail_the_server_or_change_anything_on_refusal(abuse, two_patients, path):
    rng = random.Random(f"{SEED}-{path}")
    valid = valid_bodies(abuse, two_patients[1]).get(path, lambda: {})
    checker = Checker(abuse)
    cases = list(json_mutations(valid(), rng))
    assert len(cases) > 100 or path not in valid_bodies(abuse, two_patients[1])
    for label, body in cases:
        if isinstance(body, dict) and "claimNumber" in body and path.endswith("encounters") and isinstance(body["claimNumber"], str) \
                and body["claimNumber"].startswith("FZ"):
            body["claimNumber"] = "FZ" + secrets.token_hex(6)  # a new visit each time, not a clash with the last one
        answer = api(abuse, "POST", path, body)
        checker.check(f"POST {path} ({label})", answer, json.dumps(body, ensure_ascii=False)[:2000])
        if 200 <= answer.status < 300 and path.endswith("encounters"):
            assert_charges_are_sane(abuse, answer)
    for label, raw in [("empty", ""), ("not JSON", "{"), ("null", "null"), ("a list", "[]"), ("a string", '"x"'),
                       ("deep nesting", '{"a":' * 5000 + "1" + "}" * 5000), ("2 MB", '{"x":"' + "y" * (2 << 20) + '"}'),
                       ("random bytes", bytes(rng.randrange(256) for _ in range(500)))]:
        answer = api(abuse, "POST", path, raw)
        skip_if_not_in_binary(answer, "POST", path)
        checker.check(f"POST {path} ({label})", answer, "")
        assert answer.status in (400, 413, 415, 422), f"POST {path} ({label}) answered HTTP {answer.status}"


def assert_charges_are_sane(abuse, answer):
    encounter = json.loads(answer.body)["encounterId"]
    bad = abuse.sql("SELECT id, charge_cents, units FROM service_lines WHERE encounter_id = ? AND (charge_cents < 0 OR units <= 0)", encounter)
    assert not bad, f"visit {encounter} was accepted with impossible lines {bad}"


def test_fuzzed_api_paths_and_queries(abuse, two_patients):
    checker = Checker(abuse)
    account = two_patients[0]["account"]
    adjudication = abuse.sql("SELECT id FROM ledger_transactions WHERE kind = 'adjudication' ORDER BY id LIMIT 1")
    for odd in ["0", "-1", "9" * 30, "%27%20OR%201%3D1", "..%2F..%2Fetc", "%00", "%F0%9F%98%80", "abc", account + "0", "1e5",
                str(adjudication[0][0] if adjudication else 1) + ".0"]:
        for path in (f"/api/v1/accounts/{odd}/balance", f"/api/v1/accounts/{odd}/ledger", f"/api/v1/payments?after={odd}",
                     f"/api/v1/payments?limit={odd}", f"/api/v1/payments?after=0&limit={odd}&after={odd}"):
            checker.check(f"GET {path}", api(abuse, "GET", path), "")
        checker.check(f"POST reversal {odd}", api(abuse, "POST", f"/api/v1/adjudications/{odd}/reversal", {}), "")
    # A reversal names its adjudication; the same key twice reverses once; a non-adjudication is not found.
    payment = abuse.sql("SELECT id FROM ledger_transactions WHERE kind = 'payment' ORDER BY id LIMIT 1")[0][0]
    answer = api(abuse, "POST", f"/api/v1/adjudications/{payment}/reversal", {})
    checker.check("reversal of a payment", answer, "")
    assert answer.status == 404, f"the claims API reversed payment {payment}: HTTP {answer.status}"


def test_fuzzed_remittance_bodies(abuse):
    rng = random.Random(f"{SEED}-remittances")
    checker = Checker(abuse)
    with open(os.path.join(h.SAMPLES, "managed-care.835"), "rb") as f:
        sample = f.read()
    bodies = [("empty", b""), ("text", b"hello"), ("truncated", sample[:300]), ("a segment doubled", sample.replace(b"LX*1~", b"LX*1~LX*1~")),
              ("huge amount", sample.replace(b"BPR*I*945.00", b"BPR*I*99999999999999999999.00")),
              ("negative charge", sample.replace(b"*800.00*450.00*", b"*-800.00*450.00*")),
              ("script in a name", sample.replace(b"BUDD", SCRIPT_MARK.encode())),
              ("NUL bytes", sample.replace(b"~", b"\x00~")), ("random bytes", bytes(rng.randrange(256) for _ in range(3000)))]
    bodies += [(f"mutated #{i}", mutate_bytes(sample, rng)) for i in range(25)]
    for label, body in bodies:
        for content_type in ("application/edi-x12", "text/plain"):
            answer = api(abuse, "POST", "/api/v1/remittances", body, content_type=content_type)
            checker.check(f"POST /api/v1/remittances ({label})", answer, body.decode("latin-1"))
    answer = api(abuse, "POST", "/api/v1/remittances", sample, content_type="application/pdf")
    checker.check("remittance as PDF", answer, "")
    assert answer.status == 415


def mutate_bytes(data, rng):
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        position = rng.randrange(len(data))
        choice = rng.random()
        if choice < 0.4:
            data[position] = rng.choice(b"*~:^0123456789-.AZ")
        elif choice < 0.7:
            del data[position:position + rng.randint(1, 20)]
        else:
            data[position:position] = bytes(rng.choice(b"*~9") for _ in range(rng.randint(1, 10)))
    return bytes(data)


# --- webhooks ------------------------------------------------------------------------------------------------------

def test_unsigned_or_badly_signed_webhooks_are_refused_and_change_nothing(abuse, two_patients):
    checker = Checker(abuse)
    intent = {"id": "pi_fuzz" + secrets.token_hex(4), "object": "payment_intent", "status": "succeeded", "amount": 500,
              "metadata": {"clearbill_account": two_patients[0]["account"], "clearbill_reference": "pay-fuzz"}}
    body, headers = h.signed_webhook(abuse.portal.webhook_secret, "payment_intent.succeeded", intent)
    variants = [("no signature", body, {"Content-Type": "application/json"}),
                ("wrong secret", *h.signed_webhook("whsec_wrong", "payment_intent.succeeded", intent)),
                ("an hour old", *h.signed_webhook(abuse.portal.webhook_secret, "payment_intent.succeeded", intent, time.time() - 3600)),
                ("body changed after signing", body.replace(b"500", b"50000"), headers),
                ("signature garbage", body, {"Content-Type": "application/json", "Stripe-Signature": "t=abc,v1=" + "z" * 64}),
                ("signature huge", body, {"Content-Type": "application/json", "Stripe-Signature": "t=1," + "v1=00," * 2000})]
    for label, payload, sent_headers in variants:
        answer = abuse.client().request("POST", "/webhooks/stripe", body=payload, headers=sent_headers)
        checker.check(f"webhook ({label})", answer, "")
        assert answer.status == 400, f"a webhook with {label} answered HTTP {answer.status}"


def test_signed_webhooks_with_odd_objects_never_fail_the_server(abuse, two_patients):
    """Signed with the right secret (so trusted), but with objects no gateway sends: the server answers, it does not
    crash, and whatever it posts keeps the ledger's rules."""
    rng = random.Random(f"{SEED}-webhooks")
    base = {"id": "pi_fuzz", "object": "payment_intent", "status": "succeeded", "amount": 500,
            "metadata": {"clearbill_account": two_patients[0]["account"], "clearbill_reference": "pay-fuzz"}}
    problems = []
    for label, obj in json_mutations(base, rng):
        if isinstance(obj, dict) and obj.get("id") == "pi_fuzz":
            obj["id"] = "pi_fuzz" + secrets.token_hex(6)
        body, headers = h.signed_webhook(abuse.portal.webhook_secret, "payment_intent.succeeded", obj)
        answer = abuse.client().request("POST", "/webhooks/stripe", body=body, headers=headers)
        if answer.status >= 500:
            problems.append(f"{label}: HTTP {answer.status}")
    too_large = abuse.sql("""SELECT t.id, p.amount_cents FROM ledger_transactions t JOIN postings p ON p.transaction_id = t.id
                             WHERE t.idempotency_key LIKE 'gateway:pi_fuzz%' AND p.book LIKE 'cash:%' AND p.amount_cents > 1000000000""")
    problems += [f"transaction {t} posted a card payment of {c} cents, above the largest entry a desk payment may be" for t, c in too_large]
    assert not problems, "signed webhooks with odd objects: " + "; ".join(problems)
    passed, output = h.ledger_verify(abuse.db)
    assert passed, f"after signed webhooks with odd objects: {output}"


# --- afterwards ----------------------------------------------------------------------------------------------------

def test_what_was_stored_is_shown_escaped_and_the_ledger_holds(abuse, two_patients):
    """Runs after the fuzzing (pytest keeps file order): stored payloads (FAQ answers, search terms, names) come back
    escaped on every page that shows them, and `ledger verify` passes."""
    billing = abuse.staff_client("billing")
    saved = billing.post_form("/staff/faq/1", {"question": "Stored " + SCRIPT_MARK, "answer": "<b onmouseover=alert(1)>x</b>"})
    assert saved.status == 200, saved
    pages = [abuse.client().get("/faq"), billing.get("/staff/faq"), billing.get("/staff/audit"), billing.get("/staff/work-queue"),
             billing.get(f"/staff/accounts/{two_patients[1]['id']}"), billing.get("/staff/batches")]
    for page in pages:
        assert page.status == 200, page
        assert "<script>alert(" not in page.text and "<b onmouseover" not in page.text, "a stored payload came back as markup"
    assert "&lt;script&gt;" in pages[0].text, "the public FAQ shows the stored question, escaped"
    passed, output = h.ledger_verify(abuse.db)
    assert passed, output


def test_a_refused_plan_action_changes_nothing(abuse):
    """A patient who owes enough for a plan and has never opened the plan page cancels a plan that is already over:
    refused (409), and the refusal must leave nothing behind. (The error page is the plan page, which makes the
    account's customer at the gateway on its first showing.)"""
    patient = max(abuse.patients[4:12], key=lambda p: h.patient_balance(abuse.db, p["id"]))
    with h.sqlite3.connect(abuse.db, timeout=30) as c:
        if not c.execute("SELECT 1 FROM sqlite_master WHERE name = 'payment_plans'").fetchone():
            pytest.skip("this database has no payment plans")
        cursor = c.execute("""INSERT INTO payment_plans (account_id, status, frequency, total_cents, customer_id, payment_method_id,
                               terms_version, terms_accepted_at, terms_accepted_by, policy, enrollment_key, created_at)
                               VALUES (?, 'canceled', 'monthly', 10000, 'cus_abuse', 'pm_abuse', 'v1', '2026-01-01T00:00:00Z',
                                       'abuse tests', '{}', ?, '2026-01-01T00:00:00Z')""", (patient["id"], f"abuse-refused-{patient['id']}"))
        plan = cursor.lastrowid
    client = abuse.patient(patient)
    before = abuse.digest()
    answer = client.post_form(f"/account/plans/{plan}/cancel", {"confirm": "yes"})
    assert 400 <= answer.status < 500, answer
    assert abuse.digest() == before, (f"POST /account/plans/{plan}/cancel answered HTTP {answer.status} but changed the database "
                                      f"(gateway_customers now: {abuse.sql('SELECT COUNT(*) FROM gateway_customers WHERE account_id = ?', patient['id'])})")
