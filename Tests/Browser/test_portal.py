"""The patient and staff pages in a real browser: signing in, the statement against the ledger, and axe-core."""
import re

from axe_selenium_python import Axe
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait


def assert_accessible(driver, page):
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    bad = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, f"{page}: " + "; ".join(f"{v['id']} ({v['impact']}): {v['help']}" for v in bad)


def assert_fits_phone(driver, page):
    width = driver.execute_script("return document.documentElement.scrollWidth")
    assert width <= 360 + 1, f"{page} scrolls sideways at 360 px ({width} px wide)"


def sign_in_patient(driver, server, patient):
    driver.get(server.url + "/")
    driver.find_element(By.ID, "code").send_keys(patient["account"])
    driver.find_element(By.ID, "lastName").send_keys(patient["last"])
    driver.find_element(By.ID, "dateOfBirth").send_keys(patient["dob"])
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    # A click returns before the next page has loaded.
    WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith("/account"), "signed in, on /account")


def money_cents(text):
    match = re.search(r"(-?)\$([\d,]+)\.(\d\d)", text)
    assert match, f"no amount in {text!r}"
    cents = int(match.group(2).replace(",", "")) * 100 + int(match.group(3))
    return -cents if match.group(1) else cents


def test_landing_page_is_accessible_and_keyboard_first(server, browser):
    browser.get(server.url + "/")
    assert len(browser.find_elements(By.TAG_NAME, "h1")) == 1
    for field in browser.find_elements(By.CSS_SELECTOR, "main input:not([type=hidden])"):
        assert browser.find_elements(By.CSS_SELECTOR, f"label[for='{field.get_attribute('id')}']"), "every input is labelled"
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    assert browser.switch_to.active_element.get_attribute("class") == "skip", "the first Tab reaches 'Skip to content'"
    assert_accessible(browser, "sign-in")
    assert_fits_phone(browser, "sign-in")


def test_a_wrong_answer_says_so_without_saying_which(server, browser):
    patient = server.patients[1]
    browser.get(server.url + "/")
    browser.find_element(By.ID, "code").send_keys(patient["account"])
    browser.find_element(By.ID, "lastName").send_keys("Nobody")
    browser.find_element(By.ID, "dateOfBirth").send_keys(patient["dob"])
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    alert = WebDriverWait(browser, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, "[role=alert]")).text
    assert "last name" not in alert.lower() or "date of birth" in alert.lower()
    assert patient["account"] not in browser.current_url


def test_patient_reads_the_latest_statement_and_it_matches_the_ledger(server, browser):
    patient = server.patients[0]
    sign_in_patient(browser, server, patient)
    assert_accessible(browser, "account summary")
    assert_fits_phone(browser, "account summary")
    owed = server.ledger_balance(patient["account"])
    assert money_cents(browser.find_element(By.CSS_SELECTOR, ".due .amount").text) == max(owed, 0)

    browser.find_element(By.PARTIAL_LINK_TEXT, "Statement of").click()
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.TAG_NAME, "h1").text.startswith("Statement of"))
    assert money_cents(browser.find_element(By.CSS_SELECTOR, ".due .amount").text) == max(owed, 0)
    descriptions = browser.find_elements(By.CSS_SELECTOR, "tbody td:first-child")
    assert descriptions and all(re.search(r"[a-z]{3}", d.text) for d in descriptions), "every code carries words"
    assert patient["last"] not in browser.current_url and patient["account"] not in browser.current_url
    assert_accessible(browser, "statement")

    for path, name in (("/account/statements", "statement list"), ("/account/payments", "payment history"),
                       ("/account/pay", "pay"), ("/faq", "FAQ")):
        browser.get(server.url + path)
        assert len(browser.find_elements(By.TAG_NAME, "h1")) == 1, name
        assert_accessible(browser, name)
        assert_fits_phone(browser, name)

    browser.find_element(By.CSS_SELECTOR, "header form button").click()
    WebDriverWait(browser, 10).until(lambda d: "/account" not in d.current_url, "signed out")
    browser.get(server.url + "/account")
    assert browser.current_url.rstrip("/") == server.url or "/?" in browser.current_url, "signed out means signed out"


def test_staff_pages_are_accessible(server, browser):
    browser.get(server.url + "/staff/sign-in")
    assert_accessible(browser, "staff sign-in")
    browser.find_element(By.ID, "username").send_keys("billing")
    browser.find_element(By.ID, "password").send_keys(server.staff["billing"])
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda d: d.current_url.endswith("/staff"), "signed in, on /staff")
    assert_accessible(browser, "staff search")
    browser.find_element(By.ID, "q").send_keys(server.patients[0]["last"] + Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.PARTIAL_LINK_TEXT, server.patients[0]["last"])).click()
    WebDriverWait(browser, 10).until(lambda d: "Ledger" in d.page_source)
    assert_accessible(browser, "staff account")
    for path in ("/staff/faq", "/staff/audit"):
        browser.get(server.url + path)
        assert_accessible(browser, path)
