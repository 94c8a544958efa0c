#!/usr/bin/python3
"""Browser tests of the HTML viewer, driven through WebDriver as a user would drive it.

Uses Debian's headless `chromium` with `chromium-driver` and `python3-selenium` (nothing is
downloaded). For every page given, it opens the viewer, waits until it is interactive, and checks:
no console error; the diagram fits the width and every stage header is on screen; clicking a
finding highlights exactly its steps (a journey-wide finding: the journey's steps); clicking a
highlighted step opens its panel; Enter on a focused step does the same; the lane, journey and rule
filters dim exactly the steps they should and reset; an overlay switches off and on; the zoom
buttons and keys zoom, pan and fit. Screenshots go to OUT. Prints one line per page and exits 1 if
any check failed.

    /usr/bin/python3 scripts/viewer/browser_test.py OUT PAGE.html...
"""
import json
import os
import sys
import time

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

FIGURE = "section:not([hidden]) .vw-figure"
# Pages with at least this many steps are also timed over TIMING_RUNS loads.
LARGE = 500
TIMING_RUNS = int(os.environ.get("VIEWER_TIMING_RUNS", "5"))


def driver():
    options = Options()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                     "--window-size=1500,950", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def js(d, script, *args):
    return d.execute_script(script, *args)


def shown_blueprint(d):
    return js(d, """const data = JSON.parse(document.getElementById("vw-data").textContent);
        const picker = document.getElementById("vw-blueprint");
        return data.blueprints[picker ? Number(picker.value) : 0];""")


def count(d, selector):
    return js(d, "return document.querySelectorAll(arguments[0]).length", FIGURE + " " + selector)


def check_page(d, path, out):
    name = os.path.splitext(os.path.basename(path))[0]
    problems = []

    def expect(condition, message):
        if not condition:
            problems.append(message)

    d.get("file://" + os.path.realpath(path))
    WebDriverWait(d, 30).until(lambda d: js(d, "return document.documentElement.dataset.viewerReady === 'true'"))
    ready_ms = js(d, "return Number(document.documentElement.dataset.viewerReadyMs)")
    script_ms = js(d, "return Number(document.documentElement.dataset.viewerScriptMs)")
    bp = shown_blueprint(d)
    steps = count(d, "g.step")
    expect(steps == len(bp["steps"]), f"{steps} steps drawn, {len(bp['steps'])} in the blueprint")

    # Fit to width: the whole drawing is inside the window, and so is every stage header.
    fit = js(d, """const f = document.querySelector(arguments[0]);
        const v = f.querySelector(".vw-viewport").getBoundingClientRect(), s = f.querySelector("svg").getBoundingClientRect();
        return { inside: s.left >= v.left - 1 && s.right <= v.right + 1, wide: s.width > v.width * 0.5 };""", FIGURE)
    expect(fit["inside"] and fit["wide"], f"the diagram does not fit the width on open ({fit})")
    missing = js(d, """const f = document.querySelector(arguments[0]), titles = arguments[1];
        const v = f.querySelector(".vw-viewport").getBoundingClientRect();
        const texts = Array.from(f.querySelectorAll("svg text")).filter(t => !t.closest("g.step, g.edge, g.node"));
        const onScreen = t => { const r = t.getBoundingClientRect();
            return getComputedStyle(t).display !== "none" && r.left >= v.left - 1 && r.right <= v.right + 1 && r.top >= v.top - 1 && r.bottom <= v.bottom + 1; };
        return titles.filter(title => !texts.some(t => t.textContent.trim() && title.startsWith(t.textContent.trim()) && onScreen(t)));""",
                 FIGURE, sorted({s["stage"] for s in bp["steps"]}))
    expect(not missing, f"stage headers not on screen at fit-to-width: {missing[:5]}")
    d.save_screenshot(os.path.join(out, name + ".png"))
    # A very wide blueprint opens as its overview, the full drawing waiting as text until zoomed into.
    overview = js(d, "return !!document.querySelector(arguments[0])", FIGURE + " script.vw-detail")
    if steps >= LARGE:
        expect(overview and count(d, "g.step text") == 0, "a 1 000-step blueprint does not open as its overview")

    # A finding about steps highlights exactly its steps, and a step then opens its panel with a click.
    drawn = set(js(d, "return Array.from(document.querySelectorAll(arguments[0])).map(g => g.id)", FIGURE + " g.step"))
    token = {s["id"]: s["token"] for s in bp["steps"]}
    buttons = d.find_elements(By.CSS_SELECTOR, "#vw-findings .vw-finding")
    expect(len(buttons) == len(bp["findings"]), f"{len(buttons)} finding buttons for {len(bp['findings'])} findings")
    step_findings = [b for b in buttons if not bp["findings"][int(b.get_attribute("data-index"))].get("journey")]
    if step_findings:
        button = step_findings[0]
        finding = bp["findings"][int(button.get_attribute("data-index"))]
        js(d, "arguments[0].scrollIntoView({block: 'center'})", button)
        button.click()
        selected = set(js(d, "return Array.from(document.querySelectorAll(arguments[0])).map(g => g.id)", FIGURE + " g.step.vw-selected"))
        wanted = {"step-" + token[s] for s in finding["steps"] if s in token} & drawn
        expect(selected == wanted, f"clicking finding {finding['rule']} selected {sorted(selected)[:4]}, expected {sorted(wanted)[:4]}")
        expect("vw-active" in button.get_attribute("class"), "the clicked finding is not marked active")
        if selected:
            target = d.find_element(By.CSS_SELECTOR, f"{FIGURE} g.step.vw-selected")
            step_id = next(s for s in bp["steps"] if "step-" + s["token"] == target.get_attribute("id"))
            try:
                target.click()
                title = js(d, "const h = document.querySelector('#vw-step h3'); return h && !document.getElementById('vw-step').hidden ? h.textContent : ''")
                expect(title == step_id["title"], f"clicking step '{step_id['title']}' opened '{title}'")
            except WebDriverException as error:
                problems.append(f"a highlighted step cannot be clicked: {error.msg.splitlines()[0] if error.msg else error}")
    journey_findings = [b for b in buttons if bp["findings"][int(b.get_attribute("data-index"))].get("journey")]
    if journey_findings:
        button = journey_findings[0]
        finding = bp["findings"][int(button.get_attribute("data-index"))]
        d.find_element(By.ID, "vw-tab-findings").click()
        js(d, "arguments[0].scrollIntoView({block: 'center'})", button)
        button.click()
        journey = next(j for j in bp["journeys"] if j["id"] == finding["journey"])
        selected = count(d, "g.step.vw-selected")
        wanted = len({"step-" + token[s] for s in journey["steps"] if s in token} & drawn)
        expect(selected == wanted, f"a journey-wide finding selected {selected} steps, the journey has {wanted}")
    if overview and step_findings:
        # Centred on its steps, the reader zoomed in: the full drawing, still with the highlight.
        expect(count(d, "g.step text") > 0 and not js(d, "return !!document.querySelector(arguments[0])", FIGURE + " script.vw-detail"),
               "zooming into the overview does not bring in the full drawing")
        expect(count(d, "g.step.vw-selected") > 0, "the highlight is lost when the full drawing comes in")
    d.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)

    # Keyboard: a focused step opens with Enter.
    first = d.find_element(By.CSS_SELECTOR, f"{FIGURE} g.step")
    js(d, "arguments[0].focus()", first)
    first.send_keys(Keys.ENTER)
    title = js(d, "const h = document.querySelector('#vw-step h3'); return h ? h.textContent : ''")
    expect(title == next(s["title"] for s in bp["steps"] if "step-" + s["token"] == first.get_attribute("id")),
           f"Enter on a focused step opened '{title}'")
    d.find_element(By.ID, "vw-tab-findings").click()

    # Filters dim exactly the steps outside them, and reset.
    lane = d.find_elements(By.CSS_SELECTOR, "#vw-filter-lanes input")[0]
    lane_id = lane.get_attribute("value")
    lane.click()
    expect(count(d, "g.step.vw-dim") == sum(1 for s in bp["steps"] if s["lane"] == lane_id),
           f"unticking lane {lane_id} dims {count(d, 'g.step.vw-dim')} steps")
    lane.click()
    expect(count(d, "g.step.vw-dim") == 0, "steps stay dimmed after the lane is ticked again")
    journeys = Select(d.find_element(By.ID, "vw-filter-journey"))
    if len(journeys.options) > 1:
        journeys.select_by_index(1)
        members = set(next(j for j in bp["journeys"] if j["id"] == journeys.first_selected_option.get_attribute("value"))["steps"])
        expected = sum(1 for s in bp["steps"] if s["id"] not in members)
        expect(count(d, "g.step.vw-dim") == expected, f"the journey filter dims {count(d, 'g.step.vw-dim')} steps, expected {expected}")
        journeys.select_by_index(0)
        expect(count(d, "g.step.vw-dim") == 0, "steps stay dimmed after 'All journeys'")
    rules = Select(d.find_element(By.ID, "vw-filter-rule"))
    if len(rules.options) > 1:
        rules.select_by_index(1)
        rule = rules.first_selected_option.get_attribute("value")
        listed = {b.find_element(By.TAG_NAME, "code").text for b in d.find_elements(By.CSS_SELECTOR, "#vw-findings .vw-finding")}
        expect(listed == {rule}, f"the rule filter {rule} lists {sorted(listed)[:4]}")
        rules.select_by_index(0)

    # Overlays switch off and on.
    box = d.find_element(By.CSS_SELECTOR, "#vw-overlays input[value=findings]")
    box.click()
    hidden = js(d, "return getComputedStyle(document.querySelector(arguments[0])).display", FIGURE + " .vw-layer-findings") == "none"
    box.click()
    shown = js(d, "return getComputedStyle(document.querySelector(arguments[0])).display", FIGURE + " .vw-layer-findings") != "none"
    expect(hidden and shown, "the findings overlay does not switch off and on")

    # The journey map opens under the diagram, drawn from its text on first opening.
    summaries = d.find_elements(By.CSS_SELECTOR, "section:not([hidden]) details.vw-journey-map summary")
    expect(len(summaries) == 1, f"{len(summaries)} journey maps under the diagram")
    if summaries:
        js(d, "arguments[0].scrollIntoView({block: 'center'})", summaries[0])
        summaries[0].click()
        # The toggle event that draws it is a task of its own: wait for it (a loaded machine is slow).
        drawn_map = lambda: js(d, "const b = document.querySelector('section:not([hidden]) .vw-journey-map-body'); return b ? b.querySelectorAll('svg g.journey-map, svg .journey-map').length : -1")
        try:
            WebDriverWait(d, 5).until(lambda _: drawn_map() >= 1)
        except WebDriverException:
            pass
        drawn_map = drawn_map()
        expect(drawn_map >= 1, "opening the journey map draws nothing")
        if name.startswith("after-sales-repair"):
            d.save_screenshot(os.path.join(out, name + "-journey-map.png"))
        summaries[0].click()
        js(d, "window.scrollTo(0, 0)")

    # Zoom: buttons, keys (+, arrows, 0 fits again).
    level = lambda: d.find_element(By.CSS_SELECTOR, FIGURE + " .vw-zoom-level").text
    transform = lambda: js(d, "return document.querySelector(arguments[0]).style.transform", FIGURE + " svg")
    d.find_element(By.CSS_SELECTOR, FIGURE + " .vw-zoom-fit").click()
    before = level()
    d.find_element(By.CSS_SELECTOR, FIGURE + " .vw-zoom-in").click()
    expect(level() != before, "the zoom-in button does nothing")
    viewport = d.find_element(By.CSS_SELECTOR, FIGURE + " .vw-viewport")
    js(d, "arguments[0].focus()", viewport)
    moved = transform()
    viewport.send_keys(Keys.ARROW_RIGHT)
    expect(transform() != moved, "the arrow keys do not pan")
    viewport.send_keys("0")
    expect(level() == before, f"0 does not fit the width again ({level()} after, {before} before)")
    d.find_element(By.CSS_SELECTOR, FIGURE + " .vw-zoom-in").click()
    d.find_element(By.CSS_SELECTOR, FIGURE + " .vw-zoom-in").click()
    d.save_screenshot(os.path.join(out, name + "-zoomed.png"))

    # A page with several blueprints: the picker shows each in turn, fitted, with its own steps.
    pickers = d.find_elements(By.ID, "vw-blueprint")
    if pickers:
        picker = Select(pickers[0])
        for index in range(len(picker.options)):
            picker.select_by_index(index)
            shown = shown_blueprint(d)
            expect(count(d, "g.step") == len(shown["steps"]), f"blueprint {index} of the picker shows {count(d, 'g.step')} steps")
        picker.select_by_index(0)

    errors = [entry["message"] for entry in d.get_log("browser") if entry["level"] == "SEVERE"]
    expect(not errors, f"console errors: {errors[:3]}")
    summary = f"{steps} steps, interactive after {ready_ms} ms (viewer script {script_ms} ms), {len(bp['findings'])} findings"
    if steps >= LARGE:
        # A large page is timed over several loads (the first pays for cold caches): the median counts.
        runs = []
        for _ in range(TIMING_RUNS):
            d.get("file://" + os.path.realpath(path))
            WebDriverWait(d, 30).until(lambda d: js(d, "return document.documentElement.dataset.viewerReady === 'true'"))
            runs.append(js(d, "return Number(document.documentElement.dataset.viewerReadyMs)"))
        ready_ms = sorted(runs)[len(runs) // 2]
        summary += f"; over {len(runs)} more loads: median {ready_ms} ms, best {min(runs)} ms"
    return name, problems, summary, ready_ms


def main():
    if len(sys.argv) < 3:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    out, pages = sys.argv[1], sys.argv[2:]
    os.makedirs(out, exist_ok=True)
    failures = 0
    timings = {}
    d = driver()
    try:
        for page in pages:
            try:
                name, problems, summary, ready_ms = check_page(d, page, out)
            except Exception as error:  # a check that cannot even run is a failure of that page
                name, problems, summary, ready_ms = os.path.basename(page), [f"{type(error).__name__}: {str(error).strip().splitlines()[0]}"], "", None
            timings[name] = ready_ms
            if problems:
                failures += 1
                print(f"viewer test: FAIL {name}: " + "; ".join(problems))
            else:
                print(f"viewer test: ok   {name}: {summary}")
    finally:
        d.quit()
    with open(os.path.join(out, "timings.json"), "w") as f:
        json.dump(timings, f, indent=2, sort_keys=True)
    print(f"viewer test: screenshots in {out}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
