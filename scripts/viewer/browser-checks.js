// Injected into a viewer page by scripts/viewer-browser-test.sh: drives the page as a user would
// and writes what it saw into <pre id="vw-test-results"> for the script to read from the DOM dump.
window.addEventListener("load", () => setTimeout(() => {
  const results = { errors: [] };
  const check = (name, fn) => { try { results[name] = fn(); } catch (e) { results.errors.push(name + ": " + e); } };
  const visibleFigure = () => document.querySelector("section:not([hidden]) .vw-figure");
  check("ready", () => document.documentElement.dataset.viewerReady === "true");
  check("readyMs", () => Number(document.documentElement.dataset.viewerReadyMs));
  check("scriptMs", () => Number(document.documentElement.dataset.viewerScriptMs));
  check("steps", () => visibleFigure().querySelectorAll("g.step").length);
  check("fitsWidth", () => {
    const viewport = visibleFigure().querySelector(".vw-viewport").getBoundingClientRect();
    const svg = visibleFigure().querySelector("svg").getBoundingClientRect();
    return svg.left >= viewport.left - 1 && svg.right <= viewport.right + 1 && svg.width > viewport.width * 0.5;
  });
  check("findingButtons", () => document.querySelectorAll("#vw-findings .vw-finding").length);
  check("highlightedByFinding", () => {
    const button = Array.from(document.querySelectorAll("#vw-findings .vw-finding")).find(b => !b.querySelector(".vw-where") || !b.querySelector(".vw-where").textContent.startsWith("journey"));
    if (!button) return -1;
    button.click();
    return document.querySelectorAll("g.step.vw-selected").length;
  });
  check("dimmedByLaneFilter", () => {
    const box = document.querySelector("#vw-filter-lanes input");
    box.click();
    const dimmed = document.querySelectorAll("g.step.vw-dim").length;
    box.click();
    return dimmed;
  });
  check("dimmedAfterReset", () => document.querySelectorAll("g.step.vw-dim").length);
  check("dimmedByJourneyFilter", () => {
    const select = document.querySelector("#vw-filter-journey");
    if (select.options.length < 2) return -1;
    select.value = select.options[1].value;
    select.dispatchEvent(new Event("change"));
    const dimmed = document.querySelectorAll("g.step.vw-dim").length;
    // The journey's own steps stay lit; every other step is dimmed.
    const data = JSON.parse(document.getElementById("vw-data").textContent);
    const shown = data.blueprints[Number((document.querySelector("#vw-blueprint") || { value: "0" }).value)];
    const inJourney = new Set(shown.journeys.find(j => j.id === select.value).steps);
    const expected = shown.steps.filter(s => !inJourney.has(s.id)).length;
    select.value = "";
    select.dispatchEvent(new Event("change"));
    return dimmed === expected;
  });
  check("overlayToggle", () => {
    const box = document.querySelector("#vw-overlays input[value=findings]");
    const layer = visibleFigure().querySelector(".vw-layer-findings");
    box.click();
    const hidden = getComputedStyle(layer).display === "none";
    box.click();
    return hidden && getComputedStyle(layer).display !== "none";
  });
  check("stepPanel", () => {
    visibleFigure().querySelector("g.step").dispatchEvent(new MouseEvent("click", { bubbles: true }));
    return document.querySelector("#vw-step h3") ? document.querySelector("#vw-step h3").textContent : "";
  });
  check("zoomIn", () => {
    const before = visibleFigure().querySelector(".vw-zoom-level").textContent;
    visibleFigure().querySelector(".vw-zoom-in").click();
    const after = visibleFigure().querySelector(".vw-zoom-level").textContent;
    visibleFigure().querySelector(".vw-zoom-fit").click();
    return before !== after;
  });
  const pre = document.createElement("pre");
  pre.id = "vw-test-results";
  pre.textContent = JSON.stringify(results);
  document.body.append(pre);
}, 0));
