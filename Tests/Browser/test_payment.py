"""Paying online in a real headless Chromium against the real server and a localstripe: card details typed into the
gateway's own fields (localstripe's Stripe.js stand-in) go to the gateway, only a card id reaches Clearbill, and no card
number ever shows up in what Clearbill received, logged or stored."""
import json
import re
import sqlite3

from axe_selenium_python import Axe
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_portal import assert_fits_phone, money_cents, sign_in_patient

VISA = "4242424242424242"
DECLINED_WHEN_CHARGED = "4000000000000341"  # localstripe takes it into a token, then the charge fails

# 13 to 19 digits in a row, or in groups of four split by spaces or dashes, not part of a longer word or number.
DIGIT_RUN = re.compile(r"(?<![0-9A-Za-z])(?:\d{13,19}|\d{4}(?:[ -]\d{4}){2}[ -]\d{1,7})(?![0-9A-Za-z])")


def passes_luhn(digits):
    """The same check as BillingCore's CheckDigit.passesLuhn."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def card_numbers(text):
    """Digit runs in `text` that could be a card number: 13-19 digits passing the Luhn check."""
    found = []
    for match in DIGIT_RUN.finditer(text):
        digits = re.sub(r"[ -]", "", match.group(0))
        if 13 <= len(digits) <= 19 and passes_luhn(digits):
            found.append(digits)
    return found


def test_the_card_number_finder_finds_card_numbers():
    assert card_numbers(f"card[number]={VISA}&key=pk") == [VISA]
    assert card_numbers("4242 4242 4242 4242 and 4000-0000-0000-0341") == [VISA, DECLINED_WHEN_CHARGED]
    assert card_numbers("4242424242424241 R0000000123 10000024 2026-05-28") == [], "Luhn failures and short runs are not cards"
    assert card_numbers("sha 0a4242424242424242ff") == [], "digits inside a hex word are not a card"


def patient_owing(server, cents):
    for patient in server.patients:
        if server.ledger_balance(patient["account"]) >= cents:
            return patient
    raise AssertionError(f"no demo patient owes {cents} cents")


def payments_posted(server, account_number):
    with sqlite3.connect(server.db) as db:
        (count,) = db.execute("""SELECT COUNT(*) FROM ledger_transactions t JOIN accounts a ON a.id = t.account_id
                                 WHERE a.account_number = ? AND t.kind = 'payment'""", (account_number,)).fetchone()
    return count


def pay_with_card(driver, server, amount, card):
    """Fills the pay page as a patient would: another amount, then the card into the gateway's own inputs."""
    driver.get(server.url + "/account/pay")
    number = WebDriverWait(driver, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, "#card input[placeholder=number]"))
    assert not [e for e in driver.find_elements(By.ID, "card-fallback") if e.is_displayed()], \
        "with the gateway's script the no-JavaScript hint goes"
    driver.find_element(By.CSS_SELECTOR, "input[name=choice][value=other]").click()
    driver.find_element(By.ID, "other").send_keys(amount)
    number.send_keys(card)
    for field, value in (("exp_month", "12"), ("exp_year", "34"), ("cvc", "123"), ("postal_code", "28801")):
        driver.find_element(By.CSS_SELECTOR, f"#card input[placeholder={field}]").send_keys(value)
    driver.find_element(By.CSS_SELECTOR, "#pay-form button[type=submit]").click()


def requests_sent(driver):
    """Every request the page sent, as (url, body) from Chromium's network log."""
    sent = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            request = message["params"]["request"]
            sent.append((request["url"], request.get("postData", "")))
    return sent


def balance_shown(driver):
    match = re.search(r"Account balance: (-?\$[\d,]+\.\d\d)\.", driver.find_element(By.TAG_NAME, "main").text)
    assert match, "the account page shows the balance"
    return money_cents(match.group(1))


def test_a_patient_pays_part_of_the_balance_through_the_gateways_card_fields(paying_server, browser):
    server = paying_server
    patient = patient_owing(server, 2_000)
    before = server.ledger_balance(patient["account"])
    payments_before = payments_posted(server, patient["account"])
    cents = before // 3
    amount = f"{cents // 100}.{cents % 100:02d}"

    sign_in_patient(browser, server, patient)
    browser.get(server.url + "/account/pay")
    policy_errors = [e["message"] for e in browser.get_log("browser") if "Content Security Policy" in e["message"]]
    assert not policy_errors, policy_errors
    axe = Axe(browser)
    axe.inject()
    # The card inputs are the gateway's (localstripe's stand-in); Clearbill's part of the page must pass.
    results = axe.run(context={"exclude": [["#card"]]})
    bad = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, "; ".join(f"{v['id']}: {v['help']}" for v in bad)

    pay_with_card(browser, server, amount, VISA)
    WebDriverWait(browser, 20).until(lambda d: "/account/receipts/" in d.current_url)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Payment receipt"
    assert money_cents(browser.find_element(By.CSS_SELECTOR, "dd.total").text) == cents
    receipt_number = browser.find_element(By.CSS_SELECTOR, "main .notice strong").text
    assert re.fullmatch(r"R\d{10}", receipt_number), receipt_number
    assert_fits_phone(browser, "receipt")

    after = server.ledger_balance(patient["account"])
    assert after == before - cents, "the ledger dropped by exactly the amount paid"
    assert payments_posted(server, patient["account"]) == payments_before + 1, "posted once, webhook or not"

    browser.get(server.url + "/account")
    assert balance_shown(browser) == after, "the page shows the ledger's new balance"
    assert money_cents(browser.find_element(By.CSS_SELECTOR, ".due .amount").text) == max(after, 0)

    sent = requests_sent(browser)
    to_clearbill = [(url, body) for url, body in sent if url.startswith(server.url)]
    to_gateway = [(url, body) for url, body in sent if url.startswith(server.gateway.url)]
    assert any(url.endswith("/account/pay") and "paymentMethod=card_" in body for url, body in to_clearbill), \
        "the form posted the gateway's card id"
    assert any(VISA in card_numbers(body) for url, body in to_gateway if url.endswith("/v1/tokens")), \
        "the card number went to the gateway (so the network log does show card numbers where they are)"
    leaks = [(url, card_numbers(url + " " + body)) for url, body in to_clearbill if card_numbers(url + " " + body)]
    assert not leaks, f"card numbers sent to Clearbill: {leaks}"


def test_a_declined_card_says_so_and_posts_nothing(paying_server, browser):
    server = paying_server
    patient = patient_owing(server, 1_000)
    before = server.ledger_balance(patient["account"])
    payments_before = payments_posted(server, patient["account"])
    sign_in_patient(browser, server, patient)
    pay_with_card(browser, server, "5.00", DECLINED_WHEN_CHARGED)
    alert = WebDriverWait(browser, 20).until(lambda d: d.find_element(By.CSS_SELECTOR, "[role=alert]"))
    assert alert.text == "Your card was declined."
    assert browser.find_elements(By.ID, "pay-form"), "the patient can try another card"
    assert server.ledger_balance(patient["account"]) == before
    assert payments_posted(server, patient["account"]) == payments_before


def test_no_card_number_in_the_server_log_or_the_database(paying_server, browser):
    """Runs after the payments above (and makes one more, so it proves something when run alone), then searches every
    line the server logged and every value of every row it stored."""
    server = paying_server
    patient = patient_owing(server, 1_000)
    sign_in_patient(browser, server, patient)
    pay_with_card(browser, server, "1.00", VISA)
    WebDriverWait(browser, 20).until(lambda d: "/account/receipts/" in d.current_url)

    with open(server.log_path) as f:
        lines = f.read().splitlines()
    assert any("/account/pay" in line and "POST" in line for line in lines), "the log holds a line per request"
    assert any("/webhooks/stripe" in line for line in lines), "the gateway's webhooks reached the server"
    hits = [line for line in lines if card_numbers(line)]
    assert not hits, f"card numbers in the server log: {hits[:5]}"

    with sqlite3.connect(server.db) as db:
        (online,) = db.execute("SELECT COUNT(*) FROM online_payments WHERE status = 'succeeded'").fetchone()
        assert online >= 1, "the database holds online payments"
        tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        rows = 0
        found = []
        for table in tables:
            for row in db.execute(f'SELECT * FROM "{table}"'):
                rows += 1
                for value in row:
                    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
                    if card_numbers(text):
                        found.append((table, card_numbers(text)))
    assert rows > 1000, "every table was read"
    assert not found, f"card numbers stored: {found[:5]}"
