"""Fills in the resident forms in a real browser (headless Chromium) and runs axe-core on every
page. Called by scripts/browser-check.sh, which installs what it needs.

    python3 scripts/browser_check.py BASE_URL ADMIN_TOKEN AXE_JS PAGES_FOLDER CODES_CSV
Exit 0 when the forms work end to end (the survey, the ballot with its confirmation, the sticker
dots with their running count) and axe reports no violations; and when every page written in
PAGES_FOLDER passes axe, has no sideways scrolling at 320 px and at 200% zoom, and prints (on A4;
the posters one A3 sheet each; the residents' progress report on one sheet). With $SHOTS set to
a folder, every page is photographed there at 375 and 1280 px wide.
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
codes = open(sys.argv[5], encoding="utf-8").read().split()[1:] if len(sys.argv) > 5 else []
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
    # The projector's live results refresh on purpose (the page offers 'Niet verversen', which
    # is checked on its own); every other page must not.
    if name.endswith("/uitslag"):
        violations = [v for v in violations if v["id"] != "meta-refresh"]
    for violation in violations:
        targets = ", ".join(str(node.get("target")) for node in violation.get("nodes", [])[:3])
        problems.append(f"axe: {name}: {violation['id']}: {violation['help']} ({targets})")
    print(f"axe {name}: {len(violations)} violation(s)")


def shoot(driver, name):
    """The page as seen on a phone (375 px) and on a desktop (1280 px), in $SHOTS if set."""
    import os
    folder = os.environ.get("SHOTS")
    if not folder:
        return
    for width, height in ((375, 812), (1280, 900)):
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 500})
        driver.save_screenshot(f"{folder}/{name}-{width}.png")
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})


def no_sideways(driver, name):
    """No sideways scrolling at 320 px, nor at 200% zoom (640 px at zoom 2 is the same CSS width)."""
    for width, zoom in ((320, 1), (640, 2)):
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": True})
        driver.execute_script(f"document.body.style.zoom = '{zoom}'")
        overflow = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            problems.append(f"{name} scrolls sideways at {width} px, zoom {zoom * 100}% ({overflow} px)")
        driver.execute_script("document.body.style.zoom = ''")
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})


def results():
    request = urllib.request.Request(f"{base}/api/v1/surveys/wijkanalyse/results", headers={"Authorization": f"Bearer {token}"})
    return json.load(urllib.request.urlopen(request))


driver = browser(390, 844)
try:
    for path, name in (("/", "list"), ("/?lang=en", "list-en"), ("/s/wijkanalyse", "form"), ("/s/wijkanalyse?lang=en", "form-en"),
                       ("/s/evaluatie", "evaluation-form"), ("/s/bewonersavond-stippen", "dots"), ("/s/wijkbudget", "ballot"),
                       ("/s/wijkanalyse/bedankt", "thank-you"), ("/bestaat-niet", "not-found"), ("/qr", "projector"),
                       ("/s/bewonersavond-stippen/uitslag", "live-results"), ("/s/bewonersavond-stippen/uitslag?ververs=nee", "live-results-still")):
        driver.get(base + path)
        axe(driver, path)
        no_sideways(driver, path)
        if "footer" not in driver.page_source or "Privacy" not in driver.page_source:
            problems.append(f"{path} does not name the organisation and its privacy statement")
        shoot(driver, name)

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
    if driver.switch_to.active_element.get_attribute("id") != "fouten":
        problems.append("the error summary does not take focus")
    no_sideways(driver, "form with an error")
    shoot(driver, "form-error")
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

    # The ballot: the code, two proposals, the confirmation step, the vote cast.
    if codes:
        driver.get(base + "/s/wijkbudget")
        driver.find_element(By.ID, "i-_invite").send_keys(codes[0].lower().replace("-", " "))
        driver.find_element(By.CSS_SELECTOR, "label[for='i-voorstellen']").click()
        driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        WebDriverWait(driver, 10).until(lambda d: "Controleer uw stem" in d.page_source)
        axe(driver, "ballot confirmation")
        no_sideways(driver, "ballot confirmation")
        shoot(driver, "ballot-confirm")
        driver.find_element(By.CSS_SELECTOR, "button[value=ja]").click()
        WebDriverWait(driver, 10).until(lambda d: "/bedankt" in d.current_url)
        axe(driver, "vote cast")
        shoot(driver, "ballot-thank-you")
        # The same code again: refused before the confirmation step.
        driver.get(base + "/s/wijkbudget")
        driver.find_element(By.ID, "i-_invite").send_keys(codes[0])
        driver.find_element(By.CSS_SELECTOR, "label[for='i-voorstellen']").click()
        driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".error-summary"))
        if "Controleer uw stem" in driver.page_source:
            problems.append("a used code reached the confirmation step")
        axe(driver, "ballot with a used code")
        print("ballot: confirmed and cast; the same code refused before confirming")

    # The dots: the running count as typed (script), and as sent with "Tel mijn stickers" (none).
    driver.get(base + "/s/bewonersavond-stippen")
    first = driver.find_element(By.ID, "i-stippen")
    first.send_keys("2")
    live = driver.find_element(By.ID, "left-stippen-groen").text
    if live != "Groen: nog 1 over.":
        problems.append(f"the running count did not follow the typing: '{live}'")
    driver.find_element(By.CSS_SELECTOR, "button[name=_count]").click()
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "i-stippen").get_attribute("value") == "2")
    counted = driver.find_element(By.ID, "left-stippen-groen").text
    if counted != "Groen: nog 1 over.":
        problems.append(f"the count after 'Tel mijn stickers' reads '{counted}'")
    axe(driver, "dots counted")
    shoot(driver, "dots-counted")
    print("dots: running count", live, "/", counted)
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
            no_sideways(driver, name)
            # Chart text on a phone 375 px wide: at least 12 px as drawn (the SVG is scaled to fit).
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 375, "height": 812, "deviceScaleFactor": 1, "mobile": True})
            smallest = driver.execute_script(
                "let least = 99;"
                "for (const svg of document.querySelectorAll('svg[viewBox]')) {"
                "  const box = svg.viewBox.baseVal; const drawn = svg.getBoundingClientRect().width;"
                "  if (!box || !box.width || !drawn) continue;"
                "  for (const text of svg.querySelectorAll('text')) {"
                "    least = Math.min(least, parseFloat(getComputedStyle(text).fontSize) * drawn / box.width); } }"
                "return least;")
            if smallest < 12 and not name.startswith("posters"):
                problems.append(f"{name}: chart text drawn at {smallest:.1f} px on a 375 px phone, under 12")
            print(f"{name}: smallest chart text at 375 px: {smallest:.1f} px")
            # Printed as a browser prints by default: without background graphics.
            pdf = base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": False})["data"])
            sheets = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
            print(f"{name}: {overflow} px sideways at 320 px; {sheets} sheet(s) printed")
            if name in one_sheet and sheets != 1:
                problems.append(f"{name} prints on {sheets} sheets, not one")
            if name.startswith("posters"):
                posters = len(driver.find_elements(By.CSS_SELECTOR, "section.poster"))
                if sheets != posters or b"/MediaBox [0 0 841.9" not in pdf:
                    problems.append(f"{name}: {posters} posters printed on {sheets} sheets, not one A3 sheet each")
                open(os.path.join(folder, name.replace(".html", ".pdf")), "wb").write(pdf)
            if name == "kaartjes.html":
                check_cards(driver, pdf, folder)
            shoot(driver, os.path.splitext(name)[0])
        finally:
            driver.quit()


def check_cards(driver, pdf, folder):
    """Invitation cards: eight to an A4 sheet, nothing cut off, and each printed QR code read
    back (zbar) as the ballot's address with that card's code."""
    import os
    import subprocess
    cards = driver.find_elements(By.CSS_SELECTOR, "div.card")
    codes = [card.find_element(By.CSS_SELECTOR, ".code").text for card in cards]
    sheets = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    if sheets != (len(cards) + 7) // 8 or b"/MediaBox [0 0 594.9" not in pdf:
        problems.append(f"kaartjes.html: {len(cards)} cards printed on {sheets} sheets, not eight to an A4 sheet")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    cut = driver.execute_script("return [...document.querySelectorAll('div.card')].filter(c => c.scrollHeight > c.clientHeight + 1).length")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    if cut:
        problems.append(f"kaartjes.html: {cut} card(s) cut off in print")
    path = os.path.join(folder, "kaartjes.pdf")
    open(path, "wb").write(pdf)
    subprocess.run(["pdftoppm", "-r", "200", "-png", path, os.path.join(folder, "kaartjes")], check=True)
    read = subprocess.run(["sh", "-c", f"zbarimg -q --raw {folder}/kaartjes-*.png"], capture_output=True, text=True).stdout.split()
    expected = sorted(f"http://wijkpeil.lan:8080/s/wijkbudget?code={code}" for code in codes)
    print(f"kaartjes.html: {len(cards)} cards on {sheets} sheets; {len(read)} QR codes read back")
    if sorted(read) != expected:
        problems.append(f"kaartjes.html: the QR codes read back ({len(read)}) are not the cards' ballot addresses with their codes")


if pages_folder:
    static_pages(pages_folder)

for problem in problems:
    print("PROBLEM:", problem)
print("browser check:", "passed" if not problems else f"{len(problems)} problem(s)")
sys.exit(1 if problems else 0)
