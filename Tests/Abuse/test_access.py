"""Who may reach what, tried on every route the router has (read from the Swift sources, so a new route is covered the
day it is added): another patient's identifiers, patients on staff routes, nobody on patient and staff routes, and
missing, malformed, wrong and revoked API keys."""
import secrets

import pytest

from abuse_support import ROUTES, PARAMETER, audience, fill, assert_sane, skip_if_not_in_binary

ANONYMOUS_PAGES = {"patient": ("/",), "staff": ("/staff/sign-in",)}


def test_the_route_list_is_read_from_the_sources():
    """The parser must find the routes that exist today, or every test below would pass on an empty list."""
    for route in [("GET", "/account/statements/{number}/pdf"), ("GET", "/account/receipts/{number}"), ("POST", "/account/pay"),
                  ("POST", "/staff/accounts/{id}/payment"), ("GET", "/staff/work-queue"), ("POST", "/api/v1/encounters"),
                  ("GET", "/api/v1/accounts/{number}/ledger"), ("POST", "/webhooks/stripe"), ("POST", "/sign-in")]:
        assert route in ROUTES, f"{route} not found by the route parser: {ROUTES}"
    assert len(ROUTES) >= 45


def identifiers_for(path, ids):
    """Values of the other account's to put into each parameter of a path. A parameter whose meaning this test does
    not know (a new route) gets every kind of identifier in turn."""
    kinds = []
    for name in PARAMETER.findall(path):
        if "statements/{number}" in path and name == "number":
            kinds.append(("number", ids["statement"]))
        elif "receipts/{number}" in path and name == "number":
            kinds.append(("number", ids["receipt"]))
        else:
            kinds.append((name, [v for values in ids.values() for v in values]))
    return kinds


def other_account_urls(path, ids, own=None):
    """Every way of filling the path's parameters with another account's identifiers (one parameter varied at a time,
    the others given the first value of their kind). Values that are also the caller's own identifiers (plan 2 and
    account 2 are both "2") are left out: those URLs may rightly name the caller's own record."""
    mine = {v for values in (own or {}).values() for v in values}
    ids = {kind: [v for v in values if v not in mine] for kind, values in ids.items()}
    kinds = [(name, values) for name, values in identifiers_for(path, ids)]
    if any(not values for _, values in kinds):
        return []
    urls = set()
    for varied, (name, values) in enumerate(kinds):
        for value in values:
            chosen = {n: (value if i == varied else vs[0]) for i, (n, vs) in enumerate(kinds)}
            urls.add(fill(path, chosen))
    return sorted(urls)


# Every field any form has, filled in (extra fields are ignored): a post then gets past reading the form, and what
# refuses it is whose record the identifier names.
EVERY_FORM_FIELD = {"option": "1", "agree": "yes", "terms": "v1", "setupIntent": "seti_abuse", "confirm": "yes", "choice": "due",
                    "other": "1.00", "amount": "1.00", "method": "cash", "reason": "abuse test", "paymentMethod": "card_abuse"}

PATIENT_ROUTES_WITH_IDS = [r for r in ROUTES if audience(r[1]) == "patient" and PARAMETER.search(r[1])]


def test_there_are_patient_routes_with_identifiers():
    assert PATIENT_ROUTES_WITH_IDS, "the router has patient routes that carry an identifier"


@pytest.mark.parametrize("method,path", PATIENT_ROUTES_WITH_IDS, ids=[f"{m} {p}" for m, p in PATIENT_ROUTES_WITH_IDS])
def test_a_patient_never_reads_another_accounts_records_by_changing_an_identifier(abuse, two_patients, method, path):
    owner, intruder = two_patients
    owner_ids, intruder_ids = abuse.ids_of(owner), abuse.ids_of(intruder)
    client = abuse.patient(intruder)
    tried = 0
    before = abuse.digest()
    for url in other_account_urls(path, owner_ids, own=intruder_ids):
        answer = client.request(method, url) if method == "GET" else client.post_form(url, dict(EVERY_FORM_FIELD, attempt=secrets.token_hex(8)))
        assert_sane(answer, f"{method} {url}")
        assert not 200 <= answer.status < 300, \
            f"patient {intruder['account']} got HTTP {answer.status} for {url}, an identifier of account {owner['account']}"
        for secret in (owner["account"], owner["last"]):
            assert secret not in answer.text, f"{url} shows account {owner['account']}'s {secret!r} to another patient"
        now = abuse.digest()
        assert now == before, f"{method} {url} (an identifier of account {owner['account']}) changed the database: HTTP {answer.status}"
        tried += 1
    assert tried, f"no identifier of the other account was tried on {path}"
    assert abuse.digest() == before, f"{method} {path} with another account's identifiers changed the database"
    # The same route with the patient's own identifiers does open: the refusals above are about whose they are.
    if method == "GET" and ("statements/{number}" in path or "receipts/{number}" in path):
        own = other_account_urls(path, intruder_ids)[0]
        answer = client.get(own)
        assert answer.status == 200, f"the patient's own {own} answered HTTP {answer.status}"


STAFF_ROUTES = [r for r in ROUTES if audience(r[1]) == "staff"]


@pytest.mark.parametrize("method,path", STAFF_ROUTES, ids=[f"{m} {p}" for m, p in STAFF_ROUTES])
def test_staff_routes_refuse_patients_and_strangers(abuse, two_patients, method, path):
    patient = abuse.patient(two_patients[0])
    ids = abuse.ids_of(two_patients[0])
    url = fill(path, {"id": ids["account"][0], "number": ids["receipt"][0], "file": "manifest.csv"} | {
        n: "1" for n in PARAMETER.findall(path) if n not in ("id", "number", "file")})
    before = abuse.digest()
    answer = patient.request(method, url) if method == "GET" else patient.post_form(url, {"q": "a", "amount": "1.00"})
    assert_sane(answer, f"{method} {url} as a patient")
    skip_if_not_in_binary(answer, method, path)
    assert answer.status == 403, f"a patient got HTTP {answer.status} for staff route {method} {url}"
    stranger = abuse.client()
    answer = stranger.request(method, url) if method == "GET" else stranger.post_form(url, {"q": "a"})
    assert answer.status in (303, 403), f"nobody signed in got HTTP {answer.status} for {method} {url}"
    if answer.status == 303:
        assert answer.location.startswith("/staff/sign-in"), answer.location
    assert abuse.digest() == before, f"{method} {url} changed the database for someone not on staff"


BILLING_ONLY = ["/staff/faq", "/staff/audit", "/staff/batches", "/staff/work-queue"]


@pytest.mark.parametrize("path", BILLING_ONLY)
def test_billing_office_pages_refuse_the_front_desk(abuse, path):
    desk = abuse.staff_client("frontdesk")
    assert desk.get(path).status == 403, f"the front desk reached {path}"
    assert abuse.staff_client("billing").get(path).status == 200


PATIENT_ROUTES = [r for r in ROUTES if audience(r[1]) == "patient"]


@pytest.mark.parametrize("method,path", PATIENT_ROUTES, ids=[f"{m} {p}" for m, p in PATIENT_ROUTES])
def test_patient_routes_need_a_patient_session(abuse, two_patients, method, path):
    ids = abuse.ids_of(two_patients[0])
    url = fill(path, {"number": (ids["statement"] if "statements" in path else ids["receipt"])[0]} | {
        n: "1" for n in PARAMETER.findall(path) if n != "number"})
    stranger = abuse.client()
    stranger.get("/")
    answer = stranger.request(method, url) if method == "GET" else stranger.post_form(url, {"attempt": "x", "choice": "due"})
    skip_if_not_in_binary(answer, method, path)
    assert answer.status == 303 and answer.location.startswith("/"), f"nobody signed in got HTTP {answer.status} for {url}"
    staff = abuse.staff_client("billing")
    answer = staff.request(method, url) if method == "GET" else staff.post_form(url, {"attempt": "x", "choice": "due"})
    assert not 200 <= answer.status < 300, f"a staff session got HTTP {answer.status} for the patient route {url}"


API_ROUTES = [r for r in ROUTES if audience(r[1]) == "api"]
BAD_KEYS = {
    "missing": None,
    "not bearer": "Basic Y2xhaW1zOm1vZHVsZQ==",
    "empty bearer": "Bearer ",
    "wrong": "Bearer cbk_" + "A" * 40,
    "truncated": "truncated",
    "with a newline": "Bearer cbk_x\r\nX-Injected: 1",
    "huge": "Bearer " + "k" * 8000,
    "SQL": "Bearer ' OR '1'='1",
    "revoked": "revoked",
}


@pytest.mark.parametrize("method,path", API_ROUTES, ids=[f"{m} {p}" for m, p in API_ROUTES])
@pytest.mark.parametrize("kind", BAD_KEYS)
def test_api_routes_refuse_missing_wrong_and_revoked_keys(abuse, two_patients, method, path, kind):
    key = {"revoked": "Bearer " + abuse.revoked_key, "truncated": "Bearer " + abuse.api_key[:-3]}.get(kind, BAD_KEYS[kind])
    if kind == "with a newline":
        key = "Bearer " + abuse.api_key[:10]  # http.client refuses to send a raw CR LF: the prefix of a good key instead
    url = fill(path, {"number": two_patients[0]["account"], "id": abuse.ids_of(two_patients[0])["transaction"][0]})
    headers = {"Content-Type": "application/json", "Idempotency-Key": "abuse-" + kind}
    if key is not None:
        headers["Authorization"] = key
    before = abuse.digest()
    answer = abuse.client().request(method, url, body=b"{}" if method == "POST" else None, headers=headers)
    skip_if_not_in_binary(answer, method, path)
    assert answer.status == 401, f"{method} {url} with a {kind} key answered HTTP {answer.status}: {answer.text[:200]}"
    assert answer.header("www-authenticate") == "Bearer"
    assert abuse.digest() == before


def test_the_good_api_key_is_accepted(abuse, two_patients):
    """The refusals above are about the keys: the right key opens the same routes."""
    answer = abuse.client().get(f"/api/v1/accounts/{two_patients[0]['account']}/balance",
                                headers={"Authorization": "Bearer " + abuse.api_key})
    assert answer.status == 200, answer.text[:200]


def test_the_sign_in_redirect_carries_no_phi(abuse, two_patients):
    """Redirects after sign-in and payment name fixed paths or record numbers, never names or dates of birth."""
    client = abuse.client()
    client.get("/")
    patient = two_patients[0]
    answer = client.post_form("/sign-in", {"code": patient["account"], "lastName": patient["last"], "dateOfBirth": patient["dob"]})
    for text in (patient["last"], patient["dob"], patient["dob"].replace("/", "%2F"), patient["account"]):
        assert text not in answer.location, f"the sign-in redirect carries {text!r}: {answer.location}"
