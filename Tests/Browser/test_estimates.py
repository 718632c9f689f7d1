"""Cosmetic quotes in a real browser at phone width: the desk builds a Botox + filler quote, saves it, issues the Good
Faith Estimate, and the patient then sees it signed in; every page passes axe-core and fits 360 px."""
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

from test_portal import assert_accessible, assert_fits_phone, money_cents, sign_in_patient, wait_for_path


def check_page(driver, name):
    assert len(driver.find_elements(By.TAG_NAME, "h1")) == 1, f"{name} has one h1"
    for field in driver.find_elements(By.CSS_SELECTOR, "main input:not([type=hidden]), main select, main textarea"):
        field_id = field.get_attribute("id")
        assert field_id and driver.find_elements(By.CSS_SELECTOR, f"label[for='{field_id}']"), f"{name}: every field is labelled"
    assert_accessible(driver, name)
    assert_fits_phone(driver, name)


def submit(driver, button):
    """Clicks a form's button and waits for the next page to replace this one."""
    page = driver.find_element(By.TAG_NAME, "html")
    button.click()
    WebDriverWait(driver, 10).until(expected_conditions.staleness_of(page))


def test_the_public_price_page_estimates_without_signing_in(server, browser):
    browser.get(server.url + "/prices")
    assert "Botox for frown lines (between the brows): about 20 units, $280.00" in browser.page_source
    check_page(browser, "price page")
    Select(browser.find_element(By.ID, "item")).select_by_value("dysport:glabellar")
    submit(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    status = WebDriverWait(browser, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, "[role=status]")).text
    assert "about 50 units, $225.00" in status
    check_page(browser, "price estimate")


def test_the_desk_issues_a_botox_and_filler_gfe_that_the_patient_then_sees(server, browser):
    patient = server.patients[2]
    browser.get(server.url + "/staff/sign-in")
    browser.find_element(By.ID, "username").send_keys("frontdesk")
    browser.find_element(By.ID, "password").send_keys(server.staff["frontdesk"])
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait_for_path(browser, "/staff")
    browser.find_element(By.ID, "q").send_keys(patient["account"] + Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "main table a"))[0].click()
    WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.LINK_TEXT, "Quote cosmetic prices"))[0].click()
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.TAG_NAME, "h1").text == "Cosmetic quote")
    check_page(browser, "quote builder")

    Select(browser.find_element(By.ID, "item-1")).select_by_value("botox:glabellar")
    Select(browser.find_element(By.ID, "item-2")).select_by_value("juvederm-ultra-xc:lips")
    browser.find_element(By.ID, "discountAmount").send_keys("25.00")
    browser.find_element(By.ID, "discountReason").send_keys("New patient welcome")
    submit(browser, browser.find_element(By.CSS_SELECTOR, "button[value=price]"))
    total = browser.find_element(By.CSS_SELECTOR, ".quote-total").text
    expected = 20 * 1400 + 72500 - 2500
    assert money_cents(total) == expected, "Botox 20 units + one syringe, less the discount"
    check_page(browser, "priced quote")
    submit(browser, browser.find_element(By.CSS_SELECTOR, "button[value=save]"))
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.TAG_NAME, "h1").text.startswith("Cosmetic estimate"))
    estimate_url = browser.current_url
    assert re.search(r"/staff/estimates/\d+$", estimate_url) and patient["account"] not in estimate_url
    check_page(browser, "estimate")

    submit(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Issue the Good Faith Estimate']"))
    WebDriverWait(browser, 10).until(lambda d: d.current_url.endswith("/gfe"))
    page = browser.find_element(By.TAG_NAME, "main").text
    for element in ("J0585", "FILLER-HA", "NPI", "TIN", "not a contract", "$400.00", "Date issued"):
        assert element in page, f"the GFE shows {element}"
    number = re.search(r"GFE-\d{6}-1", page).group(0)
    check_page(browser, "good faith estimate")
    browser.get(server.url + "/staff/estimates")
    check_page(browser, "estimate list")

    browser.find_element(By.CSS_SELECTOR, "header form button").click()
    WebDriverWait(browser, 10).until(lambda d: "/staff/estimates" not in d.current_url)

    sign_in_patient(browser, server, patient)
    browser.find_element(By.LINK_TEXT, "Estimates").click()
    wait_for_path(browser, "/account/estimates")
    check_page(browser, "patient's estimates")
    assert number in browser.page_source
    browser.find_element(By.PARTIAL_LINK_TEXT, "Estimate ").click()
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.TAG_NAME, "h1").text.startswith("Cosmetic estimate"))
    assert money_cents(browser.find_element(By.CSS_SELECTOR, ".quote-total").text) == expected
    check_page(browser, "patient's estimate")
    browser.find_element(By.PARTIAL_LINK_TEXT, "Good Faith Estimate GFE-").click()
    WebDriverWait(browser, 10).until(lambda d: d.current_url.endswith("/gfe"))
    assert number in browser.page_source and "www.cms.gov/nosurprises" in browser.page_source
    check_page(browser, "patient's good faith estimate")
