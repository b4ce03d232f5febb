#!/usr/bin/env python3
"""The review desk in a real browser (issue 20): Chromium driven by Selenium through Debian's
chromedriver. Signs in, accepts a grouped card with real key presses (j, k, a), bulk-rejects a
filtered selection through its confirmation, undoes it, and checks the store through the CLI
after each step. Screenshots go to .ci/artifacts/desk-*.png. Fails on any JavaScript console
error. Usage: desk-check.py BASE_URL TOKEN JIBANG DATABASE"""
import json
import subprocess
import sys
from urllib.parse import urlparse

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

base, token, jibang, database = sys.argv[1:5]
artifacts = ".ci/artifacts"


def candidates(status):
    out = subprocess.run([jibang, "evidence", "list", "--status", status, "--format", "json", "--database", database],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def fail(message):
    print(f"FAIL desk: {message}", file=sys.stderr)
    sys.exit(1)


options = webdriver.ChromeOptions()
for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000"]:
    options.add_argument(flag)
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
# A page being replaced by the next one can leave an element stale mid-check: look again.
wait = WebDriverWait(driver, 15, ignored_exceptions=[StaleElementReferenceException])
errors = []


def settle(name):
    wait.until(lambda d: d.execute_script("return document.readyState") == "complete")
    driver.save_screenshot(f"{artifacts}/desk-{name}.png")
    # The browser's own request for /favicon.ico (the server has none) is not the page's fault.
    errors.extend(e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING") and "favicon.ico" not in e["message"])


def message():
    found = driver.find_elements(By.ID, "message")
    return found[0].text if found else ""


try:
    # 1. Signed out, the desk shows cards without forms; signing in brings the analyst back.
    driver.get(base + "/review")
    settle("signed-out")
    if driver.find_elements(By.CSS_SELECTOR, "form.decide"):
        fail("a signed-out desk shows decision forms")
    driver.find_element(By.LINK_TEXT, "Sign in").click()
    wait.until(lambda d: urlparse(d.current_url).path == "/signin" and d.find_elements(By.NAME, "token"))
    driver.find_element(By.NAME, "token").send_keys(token)
    driver.find_element(By.ID, "signin").click()
    wait.until(lambda d: urlparse(d.current_url).path == "/review")
    settle("signed-in")
    if "Signed in as" not in driver.page_source:
        fail("signing in did not start a session")

    # 2. Accept a card from the keyboard: j moves to the second card, k back to the first, a accepts it.
    cards = driver.find_elements(By.CSS_SELECTOR, "section.gcard")
    if len(cards) < 2:
        fail(f"expected at least two cards, found {len(cards)}")
    first_group = cards[0].get_attribute("data-group")
    pending_before = len(candidates("pending"))
    driver.find_element(By.TAG_NAME, "body").click()
    ActionChains(driver).send_keys("j").perform()
    if "sel" not in cards[1].get_attribute("class"):
        fail("j did not move to the second card")
    ActionChains(driver).send_keys("k").perform()
    if "sel" not in cards[0].get_attribute("class"):
        fail("k did not move back to the first card")
    settle("keyboard-selected")
    ActionChains(driver).send_keys("a").perform()
    wait.until(lambda d: "message=" in d.current_url)
    settle("accepted")
    if not message().startswith("Accepted " + first_group):
        fail(f"pressing a did not accept {first_group}: {message()!r}")
    accepted = candidates("accepted")
    if not accepted:
        fail("the store has no accepted candidate after pressing a")
    print(f"ok   desk: keys j, k, a accepted {first_group} ({len(accepted)} report(s)); {pending_before} pending before")

    # 3. Bulk reject a filtered selection: choose the kind, filter, reject all, confirm.
    Select(driver.find_element(By.NAME, "event")).select_by_value("construction_progress")
    driver.find_element(By.CSS_SELECTOR, "form[method=get] button").click()
    wait.until(lambda d: urlparse(d.current_url).path == "/review" and "event=construction_progress" in d.current_url)
    settle("filtered")
    selected = len(driver.find_elements(By.CSS_SELECTOR, "section.gcard"))
    driver.find_element(By.ID, "bulk-reject").click()
    wait.until(lambda d: urlparse(d.current_url).path == "/review/bulk" and d.find_elements(By.ID, "confirm"))
    settle("bulk-confirm")
    if f"Rejecting these {selected} cards" not in driver.page_source:
        fail(f"the confirmation does not say {selected} cards")
    driver.find_element(By.ID, "confirm").click()
    wait.until(lambda d: "message=" in d.current_url)
    settle("bulk-rejected")
    rejected = candidates("rejected")
    if not message().startswith(f"Rejected {selected} cards") or not rejected:
        fail(f"bulk reject: {message()!r}, {len(rejected)} rejected in the store")
    if any(c["event"] != "construction_progress" for c in rejected):
        fail("bulk reject touched a card outside the filter")
    print(f"ok   desk: bulk-rejected {selected} filtered cards ({len(rejected)} reports) after a confirmation")

    # 4. Undo the bulk decision: every report is pending again.
    driver.find_element(By.ID, "undo").click()
    # The address changes with the new page's message (the old page's was about the bulk decision).
    wait.until(lambda d: "message=Undone" in d.current_url)
    settle("undone")
    if candidates("rejected"):
        fail("undo left rejected reports")
    print(f"ok   desk: undo returned the {len(rejected)} reports to pending (screenshots: {artifacts}/desk-*.png)")
    if errors:
        fail("console messages: " + "; ".join(e["message"] for e in errors))
finally:
    driver.quit()
