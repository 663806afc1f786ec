"""Fills in the resident form in a real browser (headless Chromium) and runs axe-core on every
page. Called by scripts/browser-check.sh, which installs what it needs.

    python3 scripts/browser_check.py BASE_URL ADMIN_TOKEN AXE_JS [PAGES_FOLDER]
Exit 0 when the form works end to end and axe reports no violations; with PAGES_FOLDER, also
when every page written there passes axe, has no sideways scrolling at 320 px, and prints on A4
(the residents' progress report on one sheet).
"""
import json
import sys
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

base, token, axe_path = sys.argv[1], sys.argv[2], sys.argv[3]
pages_folder = sys.argv[4] if len(sys.argv) > 4 else None
axe_source = open(axe_path, encoding="utf-8").read()
problems = []


def browser(width, height):
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", f"--window-size={width},{height}"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    # A headless window is never narrower than about 500 px: the width is emulated, as a phone's.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 500})
    return driver


def axe(driver, name):
    driver.execute_script(axe_source)
    violations = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document).then(r => done(r.violations)).catch(e => done([{id: 'axe-error', help: String(e), nodes: []}]));")
    for violation in violations:
        targets = ", ".join(str(node.get("target")) for node in violation.get("nodes", [])[:3])
        problems.append(f"axe: {name}: {violation['id']}: {violation['help']} ({targets})")
    print(f"axe {name}: {len(violations)} violation(s)")


def shoot(driver, name):
    """A screenshot at phone width and one as printed, in $SHOTS if set."""
    import os
    folder = os.environ.get("SHOTS")
    if not folder:
        return
    driver.save_screenshot(f"{folder}/{name}-phone.png")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    driver.save_screenshot(f"{folder}/{name}-print.png")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def results():
    request = urllib.request.Request(f"{base}/api/v1/surveys/wijkanalyse/results", headers={"Authorization": f"Bearer {token}"})
    return json.load(urllib.request.urlopen(request))


driver = browser(390, 844)
try:
    for path in ("/", "/?lang=en", "/s/wijkanalyse", "/s/wijkanalyse?lang=en", "/s/evaluatie", "/s/bewonersavond-stippen",
                 "/s/wijkanalyse/bedankt", "/bestaat-niet"):
        driver.get(base + path)
        axe(driver, path)

    # A bad answer: the error is named at the top, linked, and shown next to the field.
    driver.get(base + "/s/wijkanalyse")
    driver.find_element(By.CSS_SELECTOR, "label[for='i-cijfer-wonen-6']").click()
    driver.find_element(By.ID, "i-leeftijd").send_keys("200")
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".error-summary"))
    summary = driver.find_elements(By.CSS_SELECTOR, ".error-summary a[href='#i-leeftijd']")
    next_to_field = driver.find_elements(By.XPATH, "//input[@id='i-leeftijd']/parent::*/p[@id='e-leeftijd']")
    if not summary:
        problems.append("the error summary does not link to the age field")
    if not next_to_field:
        problems.append("the age error is not shown next to the field")
    if driver.find_element(By.ID, "i-cijfer-wonen-6").get_attribute("checked") is None:
        problems.append("the chosen mark was not kept after the error")
    axe(driver, "form with an error")
    print("bad answer:", "error shown next to the field" if next_to_field else "NOT shown")

    # Corrected and sent: stored, thank-you page with the level's promise.
    field = driver.find_element(By.ID, "i-leeftijd")
    field.clear()
    field.send_keys("44")
    driver.find_element(By.CSS_SELECTOR, "label[for='i-eerst-beter-5']").click()
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    try:
        WebDriverWait(driver, 10).until(lambda d: "/bedankt" in d.current_url)
    except Exception:
        problems.append(f"after a good answer the browser is at {driver.current_url}, not the thank-you page")
    axe(driver, "thank-you page")
    stored = results()
    print("stored responses:", stored["n"])
    if stored["n"] != 1 or stored["questions"]["cijfer-wonen"]["mean"] != 7:
        problems.append(f"the form was not stored as filled in: {stored['n']} responses")

    # A form whose token is refused (as after a change of secret) comes back with the answers
    # kept and a sentence of what to do; sent again from there, it is stored.
    driver.get(base + "/s/wijkanalyse")
    driver.find_element(By.CSS_SELECTOR, "label[for='i-cijfer-wonen-8']").click()
    driver.find_element(By.ID, "i-opmerking").send_keys("Meer bankjes in het park")
    driver.execute_script("document.querySelector('input[name=_csrf]').value = 'verlopen'")
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".notice"))
    kept = driver.find_element(By.ID, "i-opmerking").get_attribute("value") == "Meer bankjes in het park" \
        and driver.find_element(By.ID, "i-cijfer-wonen-8").get_attribute("checked") is not None
    if not kept:
        problems.append("an expired form did not keep the answers")
    axe(driver, "expired form")
    shoot(driver, "expired-form")
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, 10).until(lambda d: "/bedankt" in d.current_url)
    print("expired form:", "answers kept, stored when sent again" if kept else "answers NOT kept")

    # The same form sent again with another answer: told it was received already, not changed.
    driver.get(base + "/s/wijkanalyse")
    key = driver.find_element(By.NAME, "_key").get_attribute("value")
    csrf = driver.find_element(By.NAME, "_csrf").get_attribute("value")
    driver.find_element(By.CSS_SELECTOR, "label[for='i-cijfer-wonen-5']").click()
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, 10).until(lambda d: "/bedankt" in d.current_url)
    driver.get(base + "/s/wijkanalyse")
    driver.execute_script(f"document.querySelector('input[name=_key]').value = '{key}';"
                          f"document.querySelector('input[name=_csrf]').value = '{csrf}'")
    driver.find_element(By.CSS_SELECTOR, "label[for='i-cijfer-wonen-9']").click()
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, 10).until(lambda d: "al ontvangen" in d.page_source)
    axe(driver, "answers already received")
    shoot(driver, "already-received")
    after = results()
    if after["n"] != 3:
        problems.append(f"after the repeated form {after['n']} responses are stored, not 3")
    print("repeated form with other answers: told they were received already;", after["n"], "stored")
finally:
    driver.quit()

# A small phone at 320 px and 200% zoom (640 px at zoom 2 is the same CSS width): no sideways scrolling.
for width, zoom in ((320, 1), (640, 2)):
    driver = browser(width, 900)
    try:
        driver.get(base + "/s/wijkanalyse")
        driver.execute_script(f"document.body.style.zoom = '{zoom}'")
        overflow = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        print(f"{width} px at {zoom * 100}%: {overflow} px sideways overflow")
        if overflow > 0:
            problems.append(f"the form scrolls sideways at {width} px, zoom {zoom * 100}%")
    finally:
        driver.quit()

def static_pages(folder):
    """The pages the commands write: axe, 320 px, and printed on A4."""
    import base64
    import glob
    import os
    one_sheet = {"voortgang-bewoners.html"}
    for path in sorted(glob.glob(os.path.join(folder, "*.html"))):
        name = os.path.basename(path)
        driver = browser(320, 900)
        try:
            driver.get("file://" + path)
            axe(driver, name)
            width = driver.execute_script("return document.documentElement.clientWidth")
            if width != 320:
                problems.append(f"{name} was shown {width} px wide, not 320")
            overflow = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 0:
                problems.append(f"{name} scrolls sideways at 320 px ({overflow} px)")
            pdf = base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})["data"])
            sheets = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
            print(f"{name}: {overflow} px sideways at 320 px; {sheets} A4 sheet(s) printed")
            if name in one_sheet and sheets != 1:
                problems.append(f"{name} prints on {sheets} sheets, not one")
        finally:
            driver.quit()


if pages_folder:
    static_pages(pages_folder)

for problem in problems:
    print("PROBLEM:", problem)
print("browser check:", "passed" if not problems else f"{len(problems)} problem(s)")
sys.exit(1 if problems else 0)
