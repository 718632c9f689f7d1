"""Sessions cannot be forged, fixed or replayed, forms need their CSRF token, and guessing at sign-in is stopped by
the limits: 5 failures per account and 5 per client address in 15 minutes."""
import base64
import hashlib
import hmac
import os
import random
import secrets
import tempfile
import time

import pytest

from abuse_support import h

COOKIE = "cb_session"


def signed_in_as_patient(client):
    return client.get("/account").status == 200


@pytest.mark.parametrize("forged", [
    "", "x", "A" * 43, secrets.token_urlsafe(32), "../../etc/passwd", "' OR '1'='1", "%00", "☃" * 20, "A" * 5000,
])
def test_a_forged_session_cookie_opens_nothing(abuse, forged):
    client = abuse.client()
    client.cookies[COOKIE] = forged
    answer = client.get("/account")
    assert answer.status == 303 and answer.location.startswith("/"), f"cookie {forged[:20]!r}: HTTP {answer.status}"
    assert client.get("/staff").status == 303


def test_a_real_session_cookie_changed_by_one_character_opens_nothing(abuse, two_patients):
    client = abuse.patient(two_patients[0])
    token = client.cookies[COOKIE]
    for position in (0, len(token) // 2, len(token) - 1):
        tampered = token[:position] + ("A" if token[position] != "A" else "B") + token[position + 1:]
        other = abuse.client()
        other.cookies[COOKIE] = tampered
        assert not signed_in_as_patient(other), f"a cookie changed at position {position} still opens the account"
    assert signed_in_as_patient(client), "the untouched cookie still works"


@pytest.mark.parametrize("who", ["patient", "staff"])
def test_a_session_cookie_cannot_be_replayed_after_sign_out(abuse, two_patients, who):
    client = abuse.patient(two_patients[0]) if who == "patient" else abuse.staff_client("frontdesk")
    page = "/account" if who == "patient" else "/staff"
    token = client.cookies[COOKIE]
    assert client.get(page).status == 200
    answer = client.post_form("/sign-out" if who == "patient" else "/staff/sign-out", {})
    assert answer.status == 303
    thief = abuse.client()
    thief.cookies[COOKIE] = token
    answer = thief.get(page)
    assert answer.status == 303, f"the {who} cookie still opens {page} after sign-out (HTTP {answer.status})"


def test_signing_in_gives_a_new_session_id(abuse, two_patients):
    """A session id planted before sign-in (session fixation) is never the one that is signed in."""
    client = abuse.client()
    client.get("/")
    planted = secrets.token_urlsafe(32)
    client.cookies[COOKIE] = planted
    h.sign_in_patient(client, two_patients[0])
    assert client.cookies[COOKIE] != planted


def test_session_cookies_are_httponly_and_samesite(abuse, two_patients):
    client = abuse.client()
    client.get("/")
    patient = two_patients[0]
    answer = client.post_form("/sign-in", {"code": patient["account"], "lastName": patient["last"], "dateOfBirth": patient["dob"]})
    cookie = next(v for v in answer.header_values("set-cookie") if v.startswith(COOKIE + "="))
    assert "httponly" in cookie.lower() and "samesite=lax" in cookie.lower(), cookie


@pytest.mark.parametrize("token", [None, "", "wrong", "A" * 43])
def test_forms_without_their_csrf_token_are_refused_and_change_nothing(abuse, two_patients, token):
    staff = abuse.staff_client("frontdesk")
    account = two_patients[0]["id"]
    page = staff.get(f"/staff/accounts/{account}/payment")
    attempt = h.ATTEMPT_FIELD.search(page.text).group(1)
    fields = [("attempt", attempt), ("method", "cash"), ("amount", "5.00"), ("tendered", ""), ("reference", ""), ("visit", "")]
    if token is not None:
        fields.insert(0, ("csrf", token))
    before = abuse.digest()
    answer = staff.post_form(f"/staff/accounts/{account}/payment", fields, csrf=False)
    assert answer.status == 403, f"a desk payment with CSRF token {token!r} answered HTTP {answer.status}"
    assert abuse.digest() == before, "a form refused for its CSRF token changed the database"


def test_another_sessions_csrf_token_is_refused(abuse, two_patients):
    first, second = abuse.staff_client("frontdesk"), abuse.staff_client("billing")
    account = two_patients[0]["id"]
    page = second.get(f"/staff/accounts/{account}/payment")
    attempt = h.ATTEMPT_FIELD.search(page.text).group(1)
    before = abuse.digest()
    answer = second.post_form(f"/staff/accounts/{account}/payment",
                              [("csrf", first.csrf), ("attempt", attempt), ("method", "cash"), ("amount", "5.00")], csrf=False)
    assert answer.status == 403
    assert abuse.digest() == before


# --- the sign-in limits ----------------------------------------------------------------------------------------------

def wrong_try(client, patient):
    client.get("/")
    return client.post_form("/sign-in", {"code": patient["account"], "lastName": patient["last"], "dateOfBirth": "01/01/1900"})


def right_try(client, patient):
    client.get("/")
    return client.post_form("/sign-in", {"code": patient["account"], "lastName": patient["last"], "dateOfBirth": patient["dob"]})


def test_guessing_one_account_from_many_addresses_is_stopped_after_five(abuse):
    victim = abuse.patients[-1]
    for guess in range(5):
        answer = wrong_try(abuse.client(), victim)
        assert answer.status in (200, 429), answer
    answer = right_try(abuse.client(), victim)
    assert answer.status == 429, f"after 5 failures the right answers from a new address got HTTP {answer.status}"
    assert "paused" in answer.text and answer.header("retry-after"), "the lock-out page says so and when to retry"
    assert int(answer.header("retry-after")) > 800, "the lock lasts about 15 minutes"


def test_guessing_many_accounts_from_one_address_is_stopped_after_five(abuse):
    attacker = abuse.client()
    for victim in abuse.patients[-7:-2]:
        wrong_try(attacker, victim)
    innocent = abuse.patients[-8]
    answer = right_try(attacker, innocent)
    assert answer.status == 429, f"after 5 failures from one address a 6th account could be tried (HTTP {answer.status})"
    # The same account from another address is not locked: the limit was the address's.
    assert right_try(abuse.client(), innocent).status == 303


def test_a_success_does_not_reset_the_address_limit(abuse):
    """An attacker with an account of their own cannot sign in between guesses to clear the count."""
    attacker = abuse.client()
    own = abuse.patients[-9]
    for victim in abuse.patients[-14:-10]:
        wrong_try(attacker, victim)
    assert right_try(attacker, own).status == 303
    attacker.cookies.clear()  # a fresh browser from the same address, to guess on
    assert wrong_try(attacker, abuse.patients[-10]).status == 429, "the fifth failure from the address locks it"
    assert right_try(attacker, abuse.patients[-15]).status == 429


def test_staff_password_guessing_is_stopped_after_five(abuse):
    for guess in range(5):
        client = abuse.client()
        client.get("/staff/sign-in")
        client.post_form("/staff/sign-in", {"username": "billing", "password": f"guess-{guess}"})
    client = abuse.client()
    client.get("/staff/sign-in")
    answer = client.post_form("/staff/sign-in", {"username": "billing", "password": abuse.staff["billing"]})
    assert answer.status == 429, f"the right password after 5 wrong ones answered HTTP {answer.status}"


@pytest.fixture(scope="module")
def direct_server():
    """A server not behind a proxy: it must ignore X-Forwarded-For, or an attacker could name a new address per guess."""
    with tempfile.TemporaryDirectory() as folder:
        db = os.path.join(folder, "direct.sqlite")
        h.make_demo(db, patients=12, seed=5)
        portal = h.Portal(folder, db).start()
        try:
            yield portal, h.patients_in(db)
        finally:
            portal.stop()


def test_without_a_proxy_a_forged_forwarded_for_does_not_escape_the_address_limit(direct_server):
    portal, patients = direct_server
    for victim in patients[:5]:
        client = h.Client(portal.url, client_address=f"192.0.2.{random.randint(1, 254)}")
        wrong_try(client, victim)
    client = h.Client(portal.url, client_address="198.51.100.7")
    answer = right_try(client, patients[6])
    assert answer.status == 429, f"X-Forwarded-For let a sixth guess through from 127.0.0.1 (HTTP {answer.status})"


# --- the signed link on a statement ------------------------------------------------------------------------------------

def signed_link(key, payload):
    """A link token as ClearbillCrypto's SignedToken makes it: base64url(payload) "." base64url(HMAC-SHA256)."""
    def b64(data):
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()
    return b64(payload.encode()) + "." + b64(hmac.new(key, payload.encode(), hashlib.sha256).digest())


def test_a_signed_link_cannot_be_bent_to_another_account(abuse, two_patients):
    owner, other = two_patients
    with open(abuse.db + ".key") as f:
        key = bytes.fromhex(f.read().strip())
    expires = int(time.time()) + 3600
    good = signed_link(key, f"v1|{owner['id']}|{expires}")
    client = abuse.client()
    answer = client.get("/s/" + good)
    assert answer.status == 303 and answer.location == "/account", f"a genuine link answered {answer!r}"
    assert client.get("/account").status == 200, "the genuine link opened the account"
    payload, signature = good.split(".")
    bent = signed_link(key, f"v1|{other['id']}|{expires}").split(".")[0] + "." + signature
    cases = {"another account's id under this signature": bent,
             "signed with another key": signed_link(b"k" * 32, f"v1|{other['id']}|{expires}"),
             "expired": signed_link(key, f"v1|{other['id']}|{expires - 7200}"),
             "no signature": payload, "empty signature": payload + ".", "garbage": "x" * 300,
             "two dots": good + ".x", "negative id": signed_link(key, f"v1|-1|{expires}"),
             "an account that does not exist": signed_link(key, f"v1|99999999|{expires}")}
    for label, token in cases.items():
        intruder = abuse.client()
        answer = intruder.get("/s/" + token)
        assert answer.status in (400, 404, 410), f"a link {label} answered HTTP {answer.status}"
        assert intruder.get("/account").status == 303, f"a link {label} opened a session"
