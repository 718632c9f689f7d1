"""Payment plans in a real headless Chromium at phone width against the real server and a localstripe: a demo patient
with a balance above the plan minimum chooses a plan, agrees to the terms, saves a card in the gateway's own fields and
sees the schedule; then `clearbill plans run` charges the first installment and the account page shows it."""
import datetime
import os
import re
import subprocess

from axe_selenium_python import Axe
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import BINARY, LocalStripe
from test_payment import VISA, payments_posted
from test_portal import assert_accessible, assert_fits_phone, money_cents, sign_in_patient, wait_for_path

PLAN_MINIMUM = 20_000  # the standard policy's $200.00


def test_a_demo_patient_enrolls_sees_the_schedule_and_the_job_charges_the_first_installment(paying_server, browser):
    server = paying_server
    eligible = [p for p in server.patients if server.ledger_balance(p["account"]) >= PLAN_MINIMUM]
    assert eligible, "the demo's try-it patients include one whose balance can go on a plan"
    patient = eligible[0]
    balance = server.ledger_balance(patient["account"])
    payments_before = payments_posted(server, patient["account"])

    sign_in_patient(browser, server, patient)
    browser.find_element(By.LINK_TEXT, "See payment plans").click()
    wait_for_path(browser, "/account/plan")
    assert len(browser.find_elements(By.TAG_NAME, "h1")) == 1
    options = browser.find_elements(By.CSS_SELECTOR, "input[name=option]")
    assert 2 <= len(options) <= 4, "two to four plans to choose from"
    labels = [o.find_element(By.XPATH, "..").text for o in options]
    assert all(re.match(r"\d+ payments", label) and "first on" in label and "last on" in label for label in labels), labels
    assert "cents left over" in browser.find_element(By.TAG_NAME, "main").text, "the remainder rule is stated"
    WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#card input[placeholder=number]"))
    axe = Axe(browser)
    axe.inject()
    # The card inputs are the gateway's (localstripe's stand-in); Clearbill's part of the page must pass.
    bad = [v for v in axe.run(context={"exclude": [["#card"]]})["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, "plan options: " + "; ".join(f"{v['id']}: {v['help']}" for v in bad)
    assert_fits_phone(browser, "plan options")

    browser.find_element(By.CSS_SELECTOR, "input[name=option][value=monthly-3]").click()
    browser.find_element(By.CSS_SELECTOR, "input[name=agree]").click()
    browser.find_element(By.CSS_SELECTOR, "#card input[placeholder=number]").send_keys(VISA)
    for field, value in (("exp_month", "12"), ("exp_year", "34"), ("cvc", "123"), ("postal_code", "28801")):
        browser.find_element(By.CSS_SELECTOR, f"#card input[placeholder={field}]").send_keys(value)
    browser.find_element(By.CSS_SELECTOR, "#plan-form button[type=submit]").click()

    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "table.schedule"))
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "Your plan is active" in main and "Visa ending 4242" in main, main[:400]
    rows = browser.find_elements(By.CSS_SELECTOR, "table.schedule tbody tr")
    amounts = [money_cents(r.find_elements(By.TAG_NAME, "td")[2].text) for r in rows]
    assert len(amounts) == 3 and sum(amounts) == balance, "the schedule adds up to the balance exactly"
    assert amounts[0] == amounts[1] <= amounts[2], "the last installment absorbs the remainder cents"
    assert all(r.find_elements(By.TAG_NAME, "td")[3].text == "scheduled" for r in rows)
    assert_accessible(browser, "plan schedule")
    assert_fits_phone(browser, "plan schedule")

    today = datetime.date.today().isoformat()
    environment = dict(os.environ, CLEARBILL_GATEWAY_SECRET_KEY=LocalStripe.SECRET_KEY)
    for _ in range(2):  # the second run for the same day charges nothing more
        run = subprocess.run([BINARY, "plans", "run", "--db", server.db, "--date", today, "--gateway-url", server.gateway.url],
                             capture_output=True, text=True, env=environment, timeout=60)
        assert run.returncode == 0, run.stderr
    assert server.ledger_balance(patient["account"]) == balance - amounts[0], "the first installment was posted once"
    assert payments_posted(server, patient["account"]) == payments_before + 1

    browser.get(server.url + "/account")
    summary = browser.find_element(By.CSS_SELECTOR, ".due").text
    assert "Payment plan: active" in summary and f"last paid ${amounts[0] // 100:,}.{amounts[0] % 100:02d}" in summary, summary
    match = re.search(r"Account balance: (-?\$[\d,]+\.\d\d)\.", browser.find_element(By.TAG_NAME, "main").text)
    assert match and money_cents(match.group(1)) == balance - amounts[0]
    assert money_cents(browser.find_element(By.CSS_SELECTOR, ".due .amount").text) == 0, \
        "on a plan nothing more is due until the next installment, which is charged by itself"
    browser.get(server.url + "/account/plan")
    first = browser.find_elements(By.CSS_SELECTOR, "table.schedule tbody tr")[0].find_elements(By.TAG_NAME, "td")[3].text
    assert first.startswith("paid "), first


def test_the_plans_command_refuses_bad_input_in_one_line(paying_server):
    environment = dict(os.environ, CLEARBILL_GATEWAY_SECRET_KEY=LocalStripe.SECRET_KEY)
    for arguments, words in ((["--date", "2026-02-30"], "--date"), (["--gateway-url", "http://example.com"], "--gateway-url")):
        base = ["plans", "run", "--db", paying_server.db, "--gateway-url", paying_server.gateway.url, "--date", "2026-12-01"]
        run = subprocess.run([BINARY] + base + arguments, capture_output=True, text=True, env=environment, timeout=60)
        assert run.returncode != 0 and words in run.stderr and len(run.stderr.strip().splitlines()) == 1, run.stderr
    policy = subprocess.run([BINARY, "plans", "policy", "--plan-minimum-installment", "0.001"], capture_output=True, text=True, timeout=60)
    assert policy.returncode != 0 and "--plan-minimum-installment" in policy.stderr and len(policy.stderr.strip().splitlines()) == 1
