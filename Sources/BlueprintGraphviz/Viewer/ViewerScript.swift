/// The viewer's behaviour, inlined into every page (no network, no library).
///
/// Reads the page's `application/json` data blocks, fits each diagram to the width of the window,
/// and adds zoom and pan, a minimap, the findings panel, the step panel, filters and overlays. The
/// overlays are drawn by the script over the plain diagram (one SVG layer each), so switching one
/// off never re-renders anything.
enum ViewerScript {
    static let source = #"""
"use strict";
(function () {
  const scriptStart = performance.now();
  const SVGNS = "http://www.w3.org/2000/svg";
  const data = JSON.parse(document.getElementById("vw-data").textContent);
  // The page's texts: English here, another language's from the page's data (filled in by Swift).
  const L = Object.assign({ hint: "Select a step (click, or Tab and Enter) to see everything the blueprint says about it.",
    allJourneys: "All journeys", allRules: "All rules", noFindings: "No findings.", fix: "Fix: %{fix}", findings: "Findings (%{count})" }, data.labels);
  // Each blueprint's full model is read when a step of it is first opened, not at start-up.
  const modelScripts = Array.from(document.querySelectorAll("script.vw-model"));
  const models = [];
  const model = index => {
    if (!(index in models)) { try { models[index] = JSON.parse(modelScripts[index].textContent); } catch (e) { models[index] = null; } }
    return models[index];
  };
  const $ = (sel, root) => (root || document).querySelector(sel);
  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v; else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  };
  const severityRank = { error: 0, warning: 1, note: 2 };
  const severityOrder = ["error", "warning", "note"];
  // The size of a card title in drawing units (StepCard's title font).
  const TEXT_SIZE = 11;

  let current = null; // the blueprint on screen

  function Diagram(index) {
    const bp = data.blueprints[index];
    const figure = document.getElementById("vw-diagram-" + index);
    const viewport = figure.querySelector(".vw-viewport");
    const noop = () => {};
    // A blueprint whose diagram could not be drawn keeps its findings and metrics, without a picture.
    if (!viewport) return { fit: noop, refit: noop, highlight: noop, filter: noop, setLayer: noop, bp, nodes: new Map(), figure };
    let svg = viewport.querySelector("svg");
    let graph = svg.querySelector("g.graph") || svg;
    const box = svg.viewBox.baseVal;
    const width = box && box.width ? box.width : svg.getBBox().width;
    const height = box && box.height ? box.height : svg.getBBox().height;
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
    svg.style.transformOrigin = "0 0";
    const steps = new Map(bp.steps.map(s => [s.id, s]));
    const nodes = new Map();
    for (const s of bp.steps) {
      const g = svg.getElementById ? svg.getElementById("step-" + s.token) : null;
      const node = g || viewport.querySelector("#step-" + CSS.escape(s.token));
      if (node) nodes.set(s.id, node);
    }
    let edges = Array.from(svg.querySelectorAll("g.edge.flow"));
    const state = { scale: 1, x: 0, y: 0 };
    const layers = {};
    for (const name of ["heat", "critical", "findings", "highlight"]) {
      const layer = document.createElementNS(SVGNS, "g");
      layer.setAttribute("class", "vw-layer vw-layer-" + name);
      layer.setAttribute("pointer-events", "none");
      graph.appendChild(layer);
      layers[name] = layer;
    }
    // Boxes come from the card's outline as Graphviz wrote it (its path or polygon coordinates), not
    // from getBBox: that would make the browser lay out the whole drawing before the page is ready
    // (most of the start-up time of a 1 000-step blueprint). getBBox only when there is no outline.
    const boxes = new Map();
    const outlineBox = n => {
      const shape = n.querySelector("path, polygon");
      const text = shape && (shape.getAttribute("d") || shape.getAttribute("points"));
      const numbers = text ? text.match(/-?\d+(?:\.\d+)?/g) : null;
      if (!numbers || numbers.length < 4) { const b = n.getBBox(); return { x: b.x, y: b.y, width: b.width, height: b.height }; }
      let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      for (let i = 0; i + 1 < numbers.length; i += 2) {
        const x = +numbers[i], y = +numbers[i + 1];
        if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y;
      }
      return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
    };
    for (const [id, n] of nodes) boxes.set(id, outlineBox(n));
    const bbox = id => boxes.get(id) || null;
    // Steps are reachable with Tab and open with Enter (set after the boxes are read: one layout).
    for (const s of bp.steps) {
      const node = nodes.get(s.id); if (!node) continue;
      node.setAttribute("tabindex", "0");
      node.setAttribute("role", "button");
      node.setAttribute("aria-label", s.title);
    }
    // A very wide blueprint opens as its overview (cards as outlines, flows without arrowheads, no
    // text: what fit-to-width can show). The full drawing is text in the page until the reader zooms
    // in far enough to read it; it then takes the overview's place with the same state: layers,
    // highlighted and dimmed steps and flows, keyboard attributes and focus.
    const detailSource = figure.querySelector("script.vw-detail");
    let detailed = !detailSource;
    function showDetail() {
      if (detailed) return;
      detailed = true;
      const template = document.createElement("template");
      template.innerHTML = detailSource.textContent;
      const next = template.content.querySelector("svg");
      if (!next) return;
      next.setAttribute("width", width); next.setAttribute("height", height);
      next.style.transformOrigin = "0 0"; next.style.transform = svg.style.transform;
      for (const name of svg.classList) next.classList.add(name);
      const nextGraph = next.querySelector("g.graph") || next;
      for (const name of Object.keys(layers)) nextGraph.appendChild(layers[name]);
      const carry = (from, to) => {
        for (const name of from.classList) if (name.startsWith("vw-")) to.classList.add(name);
        for (const name of ["tabindex", "role", "aria-label"]) if (from.hasAttribute(name)) to.setAttribute(name, from.getAttribute(name));
      };
      const focused = document.activeElement;
      const byId = new Map(Array.from(next.querySelectorAll("g.step, g.edge.flow"), g => [g.id, g]));
      for (const [id, old] of nodes) {
        const g = byId.get(old.id); if (!g) { nodes.delete(id); continue; }
        carry(old, g); nodes.set(id, g);
      }
      for (const old of edges) { const g = byId.get(old.id); if (g) carry(old, g); }
      edges = Array.from(next.querySelectorAll("g.edge.flow"));
      svg.replaceWith(next);
      svg = next; graph = nextGraph;
      detailSource.remove();
      if (focused && focused.closest && focused.closest("g.step")) { const g = byId.get(focused.id); if (g) g.focus(); }
    }
    const rect = (layer, b, cls, pad) => {
      const r = document.createElementNS(SVGNS, "rect");
      r.setAttribute("x", b.x - pad); r.setAttribute("y", b.y - pad);
      r.setAttribute("width", b.width + 2 * pad); r.setAttribute("height", b.height + 2 * pad);
      r.setAttribute("rx", 6); r.setAttribute("class", cls);
      layer.appendChild(r);
      return r;
    };

    // Overlays, drawn once, after the page is interactive: the first layout of a large drawing is
    // then the plain diagram's, and each layer goes in as one fragment.
    function drawOverlays() {
      const heat = document.createDocumentFragment();
      for (const h of bp.heat) {
        const b = bbox(h.step); if (!b) continue;
        const r = rect(heat, b, "vw-heat", 2);
        const v = Math.max(0, Math.min(1, h.value));
        r.setAttribute("fill", "hsl(" + Math.round(120 - 120 * v) + ",85%,50%)");
        const t = document.createElementNS(SVGNS, "title"); t.textContent = h.label; r.appendChild(t);
      }
      layers.heat.appendChild(heat);
      const critical = document.createDocumentFragment();
      for (const id of bp.critical) { const b = bbox(id); if (b) rect(critical, b, "vw-critical", 4); }
      layers.critical.appendChild(critical);
      // Flow ids read `flow-<from>--<to>--<kind>[-n]`: one lookup per flow.
      const criticalPairs = new Set();
      for (let i = 0; i + 1 < bp.critical.length; i++) {
        const a = steps.get(bp.critical[i]), b = steps.get(bp.critical[i + 1]);
        if (a && b) criticalPairs.add("flow-" + a.token + "--" + b.token + "--");
      }
      for (const e of edges) {
        const m = /^(flow-.*?--.*?--)[a-z]+(?:-\d+)?$/.exec(e.id);
        if (m && criticalPairs.has(m[1])) e.classList.add("vw-critical-edge");
      }
      const perStep = new Map();
      bp.findings.forEach((f, i) => {
        if (f.journey || f.steps.length > 3) return; // journey-wide: shown on the journey, not as badges
        for (const s of f.steps) { if (!perStep.has(s)) perStep.set(s, []); perStep.get(s).push(i); }
      });
      const badges = document.createDocumentFragment();
      for (const [id, list] of perStep) {
        const b = bbox(id); if (!b) continue;
        const worst = list.map(i => bp.findings[i].severity).sort((a, b) => severityRank[a] - severityRank[b])[0];
        const c = document.createElementNS(SVGNS, "circle");
        c.setAttribute("cx", b.x + b.width - 2); c.setAttribute("cy", b.y + 2); c.setAttribute("r", 9);
        c.setAttribute("class", "vw-badge vw-" + worst);
        const t = document.createElementNS(SVGNS, "text");
        t.setAttribute("x", b.x + b.width - 2); t.setAttribute("y", b.y + 6); t.setAttribute("class", "vw-badge-text");
        t.textContent = String(list.length);
        badges.append(c, t);
      }
      layers.findings.appendChild(badges);
    }
    setTimeout(drawOverlays, 0);

    // The graph group is translated inside the SVG: boxes map to SVG coordinates through it.
    const graphMatrix = graph.transform && graph.transform.baseVal.consolidate();
    const tx = graphMatrix ? graphMatrix.matrix.e : 0, ty = graphMatrix ? graphMatrix.matrix.f : 0;

    // Lane names stay at the left edge while zoomed in, so a card far from the diagram's own labels
    // still says which lane it is in (placed at the middle of the lane's steps).
    const laneSpans = new Map();
    for (const s of bp.steps) {
      const b = boxes.get(s.id); if (!b) continue;
      const span = laneSpans.get(s.laneTitle) || { top: Infinity, bottom: -Infinity };
      span.top = Math.min(span.top, b.y); span.bottom = Math.max(span.bottom, b.y + b.height);
      laneSpans.set(s.laneTitle, span);
    }
    const laneLabels = Array.from(laneSpans, ([title, span]) => {
      const label = el("div", { class: "vw-lane-label", "aria-hidden": "true" }, title);
      viewport.appendChild(label);
      return { label, top: span.top, bottom: span.bottom };
    });

    let fitScale = 1, fittedHeight = 240;
    function apply() {
      // Level of detail: text smaller than a pixel is not drawn, so a wide blueprint at fit-to-width
      // is laid out without thousands of unreadable text runs (most of its start-up time).
      viewport.classList.toggle("vw-far", state.scale * TEXT_SIZE < 1);
      // The full drawing comes in a little before its text becomes readable, and only once the
      // reader zooms in: a fitted drawing never pays for it.
      if (state.scale > fitScale * 1.05 && state.scale * TEXT_SIZE >= 0.5) showDetail();
      // Zoomed in past the width, the diagram gets a tall window to move around in.
      const tall = Math.max(fittedHeight, window.innerHeight * 0.7);
      viewport.style.height = (state.scale > fitScale * 1.05 ? tall : fittedHeight) + "px";
      svg.style.transform = "translate(" + state.x + "px," + state.y + "px) scale(" + state.scale + ")";
      // One decimal under 10 %: a 1 000-step blueprint fits at about 1 %, and each step shows.
      const percent = state.scale * 100;
      figure.querySelector(".vw-zoom-level").textContent = (percent < 10 ? percent.toFixed(1) : Math.round(percent)) + " %";
      const zoomedIn = state.scale > fitScale * 1.05;
      const viewHeight = parseFloat(viewport.style.height) || viewport.clientHeight;
      for (const { label, top, bottom } of laneLabels) {
        // Centred on the part of the lane's steps that is on screen; hidden when too little is.
        const visibleTop = Math.max(0, state.y + (top + ty) * state.scale);
        const visibleBottom = Math.min(viewHeight, state.y + (bottom + ty) * state.scale);
        label.hidden = !zoomedIn || visibleBottom - visibleTop < label.textContent.length * 7.5 + 16;
        label.style.top = (visibleTop + visibleBottom) / 2 + "px";
        label.style.maxHeight = Math.max(0, visibleBottom - visibleTop) + "px";
      }
      updateMinimap();
    }
    function fit() {
      const w = viewport.clientWidth || 1;
      fitScale = Math.min(w / width, 2);
      state.scale = fitScale;
      state.x = 0; state.y = 0;
      fittedHeight = Math.max(240, Math.min(height * fitScale + 8, window.innerHeight * 0.8));
      apply();
    }
    function zoom(factor, cx, cy) {
      // Never smaller than 5 % or the fitted width, whichever is smaller: a 1 000-step blueprint fits
      // at about 1 %, and the first "+" must not jump to 5 %.
      const s = Math.max(Math.min(0.05, fitScale), Math.min(8, state.scale * factor));
      // Buttons and keys zoom around the middle of the window, kept on the drawing: a wide, flat
      // blueprint fitted to the width fills only the top of its window.
      if (cx === undefined) {
        cx = viewport.clientWidth / 2;
        const top = state.y, bottom = state.y + height * state.scale;
        cy = bottom - top < viewport.clientHeight ? (top + bottom) / 2 : Math.max(top, Math.min(viewport.clientHeight / 2, bottom));
      }
      state.x = cx - (cx - state.x) * (s / state.scale);
      state.y = cy - (cy - state.y) * (s / state.scale);
      state.scale = s;
      apply();
    }
    function pan(dx, dy) { state.x += dx; state.y += dy; apply(); }
    function centerOn(boxes) {
      if (!boxes.length) return;
      const x0 = Math.min(...boxes.map(b => b.x)), y0 = Math.min(...boxes.map(b => b.y));
      const x1 = Math.max(...boxes.map(b => b.x + b.width)), y1 = Math.max(...boxes.map(b => b.y + b.height));
      // The graph group is translated inside the SVG: map through its transform.
      const cx = (x0 + x1) / 2 + tx, cy = (y0 + y1) / 2 + ty;
      // As large as the steps fit, at most 100 %, never smaller than the whole width.
      const w = viewport.clientWidth, h = Math.max(fittedHeight, window.innerHeight * 0.7);
      const boxScale = Math.min(w / (x1 - x0 + 80), h / (y1 - y0 + 80));
      state.scale = Math.max(fitScale, Math.min(1, boxScale));
      const viewHeight = state.scale > fitScale * 1.05 ? h : fittedHeight;
      state.x = w / 2 - cx * state.scale;
      state.y = viewHeight / 2 - cy * state.scale;
      apply();
      figure.scrollIntoView({ block: "nearest" });
    }

    // Minimap: every card as a small block in its lane's colour, drawn on a canvas from the boxes
    // already read (serialising a large drawing into an image would cost more than the page itself).
    const minimap = figure.querySelector(".vw-minimap");
    const miniFrame = minimap.querySelector(".vw-minimap-frame");
    const miniCanvas = document.createElement("canvas");
    minimap.prepend(miniCanvas);
    const miniScale = () => minimap.clientWidth / width;
    let miniDrawnWidth = 0;
    function drawMinimap(k) {
      const ratio = window.devicePixelRatio || 1;
      miniCanvas.width = Math.round(width * k * ratio); miniCanvas.height = Math.round(height * k * ratio);
      miniCanvas.style.width = width * k + "px"; miniCanvas.style.height = height * k + "px";
      const g = miniCanvas.getContext("2d");
      if (!g) return;
      g.scale(ratio * k, ratio * k);
      g.translate(tx, ty);
      for (const [id, b] of boxes) {
        const node = nodes.get(id), shape = node && node.querySelector("path, polygon");
        g.fillStyle = (shape && shape.getAttribute("stroke")) || "#8c959f";
        g.fillRect(b.x, b.y, Math.max(b.width, 2 / k), Math.max(b.height, 2 / k));
      }
      miniDrawnWidth = minimap.clientWidth;
    }
    function updateMinimap() {
      minimap.hidden = state.scale * width <= viewport.clientWidth + 1;
      if (minimap.hidden) return;
      const k = miniScale();
      if (miniDrawnWidth !== minimap.clientWidth) drawMinimap(k);
      minimap.style.height = height * k + "px";
      miniFrame.style.left = (-state.x / state.scale) * k + "px";
      miniFrame.style.top = (-state.y / state.scale) * k + "px";
      miniFrame.style.width = (viewport.clientWidth / state.scale) * k + "px";
      miniFrame.style.height = (viewport.clientHeight / state.scale) * k + "px";
    }
    minimap.addEventListener("click", ev => {
      const k = miniScale(), r = minimap.getBoundingClientRect();
      state.x = viewport.clientWidth / 2 - ((ev.clientX - r.left) / k) * state.scale;
      state.y = viewport.clientHeight / 2 - ((ev.clientY - r.top) / k) * state.scale;
      apply();
    });

    // Wheel, drag and keyboard.
    viewport.addEventListener("wheel", ev => {
      ev.preventDefault();
      const r = viewport.getBoundingClientRect();
      // The wheel zooms around the pointer; Shift+wheel and sideways scrolling (trackpads) pan.
      if (ev.ctrlKey || ev.metaKey || (!ev.shiftKey && ev.deltaX === 0)) {
        zoom(Math.exp(-ev.deltaY / 400), ev.clientX - r.left, ev.clientY - r.top);
      } else pan(-(ev.deltaX || ev.deltaY), ev.shiftKey ? 0 : -ev.deltaY);
    }, { passive: false });
    let drag = null;
    viewport.addEventListener("pointerdown", ev => { drag = { x: ev.clientX, y: ev.clientY, moved: false }; });
    window.addEventListener("pointermove", ev => {
      if (!drag) return;
      const dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
      if (drag.moved) { pan(dx, dy); drag.x = ev.clientX; drag.y = ev.clientY; viewport.classList.add("vw-dragging"); }
    });
    window.addEventListener("pointerup", () => { setTimeout(() => { drag = null; }, 0); viewport.classList.remove("vw-dragging"); });
    viewport.addEventListener("keydown", ev => {
      const step = 60;
      const keys = { "+": () => zoom(1.25), "=": () => zoom(1.25), "-": () => zoom(0.8), "0": fit,
        ArrowLeft: () => pan(step, 0), ArrowRight: () => pan(-step, 0), ArrowUp: () => pan(0, step), ArrowDown: () => pan(0, -step) };
      if (ev.target.closest && ev.target.closest("g.step") && ev.key === "Enter") { openStep(ev.target.closest("g.step")); ev.preventDefault(); return; }
      if (keys[ev.key]) { keys[ev.key](); ev.preventDefault(); }
    });
    viewport.addEventListener("click", ev => {
      if (drag && drag.moved) return;
      const g = ev.target.closest && ev.target.closest("g.step");
      if (g) openStep(g);
    });
    figure.querySelector(".vw-zoom-in").addEventListener("click", () => zoom(1.25));
    figure.querySelector(".vw-zoom-out").addEventListener("click", () => zoom(0.8));
    figure.querySelector(".vw-zoom-fit").addEventListener("click", fit);

    function openStep(g) {
      const s = bp.steps.find(x => nodes.get(x.id) === g);
      if (s) showStep(index, s.id);
    }
    function highlight(ids) {
      layers.highlight.replaceChildren();
      const picked = [];
      for (const id of ids) { const b = bbox(id); if (b) { picked.push(b); rect(layers.highlight, b, "vw-highlight", 6); } }
      for (const n of nodes.values()) n.classList.remove("vw-selected");
      for (const id of ids) { const n = nodes.get(id); if (n) n.classList.add("vw-selected"); }
      centerOn(picked);
    }
    function filter(visible) {
      for (const [id, n] of nodes) n.classList.toggle("vw-dim", visible !== null && !visible.has(id));
      const tokens = visible === null ? null : new Set(Array.from(visible).map(id => steps.get(id).token));
      for (const e of edges) {
        if (tokens === null) { e.classList.remove("vw-dim"); continue; }
        const m = /^flow-(.*?)--(.*?)--[a-z]+$/.exec(e.id);
        e.classList.toggle("vw-dim", !(m && tokens.has(m[1]) && tokens.has(m[2])));
      }
    }
    function setLayer(name, on) { layers[name].style.display = on ? "" : "none"; svg.classList.toggle("vw-no-" + name, !on); }
    // A new window size keeps what the reader zoomed into; a fitted diagram is fitted again.
    function refit() { if (Math.abs(state.scale - fitScale) < 1e-6 && state.x === 0 && state.y === 0) fit(); }
    return { fit, refit, highlight, filter, setLayer, bp, nodes, figure };
  }

  // The journey map is text until its section is first opened.
  for (const section of document.querySelectorAll("details.vw-journey-map")) {
    section.addEventListener("toggle", () => {
      const body = section.querySelector(".vw-journey-map-body"), source = section.querySelector(".vw-journey-map-svg");
      if (section.open && body && source && !body.firstChild) body.innerHTML = source.textContent;
    });
  }

  // ---- Panels ---------------------------------------------------------------------------------
  const diagrams = data.blueprints.map((_, i) => Diagram(i));
  const findingsPanel = $("#vw-findings");
  const stepPanel = $("#vw-step");
  const filters = { journey: "", lanes: new Set(), rule: "", severities: new Set(severityOrder) };

  function show(index) {
    current = index;
    diagrams.forEach((d, i) => { d.figure.closest("section").hidden = i !== index; });
    const picker = $("#vw-blueprint"); if (picker) picker.value = String(index);
    buildFilters(); renderFindings(); applyFilters();
    diagrams[index].fit();
    stepPanel.replaceChildren(el("p", { class: "vw-hint" }, L.hint));
  }

  function buildFilters() {
    const bp = data.blueprints[current];
    const journey = $("#vw-filter-journey");
    journey.replaceChildren(el("option", { value: "" }, L.allJourneys), ...bp.journeys.map(j => el("option", { value: j.id }, j.title)));
    const rule = $("#vw-filter-rule");
    const rules = Array.from(new Set(bp.findings.map(f => f.rule))).sort();
    rule.replaceChildren(el("option", { value: "" }, L.allRules), ...rules.map(r => el("option", { value: r }, r)));
    const lanes = $("#vw-filter-lanes");
    lanes.replaceChildren(...bp.lanes.map(l => el("label", {}, el("input", { type: "checkbox", value: l.id, checked: "", onchange: ev => {
      if (ev.target.checked) filters.lanes.delete(l.id); else filters.lanes.add(l.id); applyFilters();
    } }), " " + l.title)));
    filters.journey = ""; filters.rule = ""; filters.lanes.clear();
  }

  function visibleSteps() {
    const bp = data.blueprints[current];
    if (!filters.journey && !filters.rule && filters.lanes.size === 0) return null;
    let ids = bp.steps.filter(s => !filters.lanes.has(s.lane)).map(s => s.id);
    if (filters.journey) { const j = new Set((bp.journeys.find(x => x.id === filters.journey) || { steps: [] }).steps); ids = ids.filter(id => j.has(id)); }
    if (filters.rule) { const r = new Set(bp.findings.filter(f => f.rule === filters.rule).flatMap(f => f.steps)); ids = ids.filter(id => r.has(id)); }
    return new Set(ids);
  }
  function applyFilters() { diagrams[current].filter(visibleSteps()); renderFindings(); }

  function renderFindings() {
    const bp = data.blueprints[current];
    const shown = bp.findings.map((f, i) => [f, i]).filter(([f]) =>
      filters.severities.has(f.severity) && (!filters.rule || f.rule === filters.rule) &&
      (!filters.journey || f.journey === filters.journey || f.steps.some(s => (bp.journeys.find(x => x.id === filters.journey) || { steps: [] }).steps.includes(s))));
    const plural = (n, word) => n + " " + word + (n === 1 ? "" : "s");
    const counts = severityOrder.map(s => plural(bp.findings.filter(f => f.severity === s).length, s));
    const out = [el("p", { class: "vw-counts" }, bp.counts || (plural(bp.findings.length, "finding") + ": " + counts.join(", ")))];
    if (!bp.findings.length) out.push(el("p", {}, L.noFindings));
    const families = Array.from(new Set(bp.findings.slice().sort((a, b) => a.familyRank - b.familyRank).map(f => f.familyTitle)));
    for (const family of families) {
      const inFamily = shown.filter(([f]) => f.familyTitle === family);
      if (!inFamily.length) continue;
      const group = el("details", { open: "" }, el("summary", {}, family + " (" + inFamily.length + ")"));
      for (const sev of severityOrder) {
        for (const [f, i] of inFamily.filter(([f]) => f.severity === sev)) {
          const where = f.journey ? "journey: " + ((bp.journeys.find(j => j.id === f.journey) || {}).title || f.journey)
            : f.steps.map(s => (bp.steps.find(x => x.id === s) || { title: s }).title).join(", ");
          group.append(el("button", { class: "vw-finding vw-" + f.severity, type: "button", "data-index": String(i), onclick: () => selectFinding(i) },
            el("span", { class: "vw-sev" }, f.severityLabel || f.severity), " ", el("code", {}, f.rule), " ", f.message,
            where ? el("span", { class: "vw-where" }, where) : null,
            f.fix ? el("span", { class: "vw-fix" }, L.fix.replace("%{fix}", () => f.fix)) : null));
        }
      }
      out.push(group);
    }
    findingsPanel.replaceChildren(...out);
  }

  function selectFinding(i) {
    const bp = data.blueprints[current];
    const f = bp.findings[i];
    for (const b of findingsPanel.querySelectorAll(".vw-finding")) b.classList.toggle("vw-active", b.dataset.index === String(i));
    let ids = f.steps;
    if (f.journey) { const j = bp.journeys.find(x => x.id === f.journey); if (j) ids = j.steps; }
    diagrams[current].highlight(ids);
  }

  function describe(value) {
    if (value === null || value === undefined) return "";
    if (Array.isArray(value)) {
      if (value.every(v => typeof v !== "object" || v === null)) return value.join(", ");
      const list = el("ul");
      for (const v of value) list.append(el("li", {}, describe(v)));
      return list;
    }
    if (typeof value === "object") {
      const dl = el("dl");
      for (const [k, v] of Object.entries(value)) dl.append(el("dt", {}, k), el("dd", {}, describe(v)));
      return dl;
    }
    return String(value);
  }

  function showStep(index, id) {
    const bp = data.blueprints[index];
    const full = (m => m && Array.isArray(m.steps) ? m.steps.find(x => x && x.id === id) : null)(model(index));
    const s = bp.steps.find(x => x.id === id);
    const related = bp.findings.map((f, i) => [f, i]).filter(([f]) => f.steps.includes(id));
    const children = [el("h3", {}, s.title), el("p", { class: "vw-meta" }, s.laneTitle + " · " + s.stage + (s.actor ? " · " + s.actor : ""))];
    if (full) children.push(describe(full));
    children.push(el("h4", {}, L.findings.replace("%{count}", String(related.length))));
    for (const [f, i] of related) children.push(el("button", { class: "vw-finding vw-" + f.severity, type: "button", onclick: () => selectFinding(i) },
      el("span", { class: "vw-sev" }, f.severityLabel || f.severity), " ", el("code", {}, f.rule), " ", f.message));
    stepPanel.replaceChildren(...children);
    $("#vw-tab-step").click();
    diagrams[index].highlight([id]);
  }

  // ---- Controls --------------------------------------------------------------------------------
  const picker = $("#vw-blueprint");
  if (picker) picker.addEventListener("change", () => show(Number(picker.value)));
  $("#vw-filter-journey").addEventListener("change", ev => { filters.journey = ev.target.value; applyFilters(); });
  $("#vw-filter-rule").addEventListener("change", ev => { filters.rule = ev.target.value; applyFilters(); });
  for (const box of document.querySelectorAll("#vw-filter-severity input")) box.addEventListener("change", ev => {
    if (ev.target.checked) filters.severities.add(ev.target.value); else filters.severities.delete(ev.target.value); renderFindings();
  });
  for (const box of document.querySelectorAll("#vw-overlays input")) box.addEventListener("change", ev => {
    for (const d of diagrams) d.setLayer(ev.target.value, ev.target.checked);
  });
  for (const tab of document.querySelectorAll(".vw-tabs button")) tab.addEventListener("click", () => {
    for (const t of document.querySelectorAll(".vw-tabs button")) t.setAttribute("aria-selected", String(t === tab));
    for (const p of document.querySelectorAll(".vw-panel")) p.hidden = p.id !== tab.dataset.panel;
  });
  document.addEventListener("keydown", ev => {
    if (ev.key === "Escape") { diagrams[current].highlight([]); diagrams[current].fit(); }
  });
  // The side panel sticks below the bar, whose height depends on how its controls wrap.
  const bar = $(".vw-bar");
  const placeSide = () => { if (bar) document.documentElement.style.setProperty("--vw-bar", bar.offsetHeight + "px"); };
  if (bar && window.ResizeObserver) new ResizeObserver(placeSide).observe(bar);
  window.addEventListener("resize", () => diagrams[current].refit());
  if (data.blueprints.length) show(0);
  placeSide();
  // Interactive once the first frame with the fitted diagram has been laid out and painted: the
  // timer after the animation frame runs when that frame is done and the page takes input again.
  // Milliseconds from navigation (read by the browser test).
  const scriptMs = performance.now() - scriptStart;
  requestAnimationFrame(() => setTimeout(() => {
    document.documentElement.dataset.viewerReadyMs = String(Math.round(performance.now()));
    document.documentElement.dataset.viewerScriptMs = String(Math.round(scriptMs));
    document.documentElement.dataset.viewerReady = "true";
  }, 0));
})();
"""#
}
