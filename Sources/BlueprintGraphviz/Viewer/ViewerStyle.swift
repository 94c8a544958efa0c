/// The viewer's styles, inlined into every page. Colours meet WCAG AA contrast on white; focus is
/// always visible, so the page works with the keyboard alone.
enum ViewerStyle {
    static let source = #"""
:root{--ink:#1f2328;--muted:#57606a;--line:#d0d7de;--accent:#0b5cad;--error:#b3261e;--warning:#8a4b00;--note:#1d4f91;--bg:#f6f8fa}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 -apple-system,"Segoe UI",Helvetica,Arial,"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;color:var(--ink);background:#fff}
.vw-bar{position:sticky;top:0;z-index:5;background:#fff;border-bottom:1px solid var(--line);padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;align-items:center}
.vw-bar h1{font-size:1.1rem;margin:0 1rem 0 0}
.vw-controls{display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center}
.vw-controls fieldset{border:0;margin:0;padding:0;display:flex;gap:.5rem;align-items:center}
.vw-controls legend{float:left;font-weight:600;margin-right:.3rem;color:var(--muted)}
select,button{font:inherit}
button{cursor:pointer}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.vw-main{display:grid;grid-template-columns:minmax(0,1fr) 24rem;gap:0}
.vw-diagrams{padding:0 1rem 2rem;min-width:0}
.vw-diagrams h2{font-size:1.25rem;margin:1rem 0 .25rem}
.vw-summary,.vw-source{margin:.2rem 0;color:var(--muted)}
.vw-figure{position:relative;margin:.5rem 0;border:1px solid var(--line);border-radius:6px;background:#fff}
.vw-viewport{overflow:hidden;position:relative;height:70vh;cursor:grab;touch-action:none}
.vw-viewport.vw-dragging{cursor:grabbing}
.vw-viewport svg{position:absolute;left:0;top:0;max-width:none}
.vw-lane-label{position:absolute;left:0;z-index:1;transform:translateY(-50%);writing-mode:vertical-rl;rotate:180deg;background:rgba(255,255,255,.9);border:1px solid var(--line);border-radius:0 4px 4px 0;padding:.4rem .15rem;font-size:12px;font-weight:600;color:var(--muted);pointer-events:none;white-space:nowrap;overflow:hidden}
.vw-zoom{position:absolute;z-index:2;top:.4rem;right:.4rem;display:flex;gap:.25rem;align-items:center;background:rgba(255,255,255,.92);border:1px solid var(--line);border-radius:4px;padding:.15rem .3rem}
.vw-zoom button{min-width:2rem;border:1px solid var(--line);background:#fff;border-radius:3px}
.vw-zoom-level{min-width:3.2rem;text-align:center;color:var(--muted)}
.vw-minimap{position:absolute;z-index:2;right:.4rem;bottom:.4rem;width:min(240px,30%);border:1px solid var(--line);background:#fff;box-shadow:0 1px 4px rgba(0,0,0,.15);cursor:pointer;overflow:hidden}
.vw-minimap canvas{display:block}
.vw-far g.step text,.vw-far g.node text,.vw-far g.edge text{display:none}
.vw-minimap-frame{position:absolute;border:2px solid var(--accent);background:rgba(11,92,173,.08);pointer-events:none}
.vw-journey-map{margin:.5rem 0}.vw-journey-map summary{font-weight:600;cursor:pointer;padding:.3rem 0}
.vw-journey-map-body{overflow:auto;border:1px solid var(--line);border-radius:6px;max-height:80vh}.vw-journey-map-body svg{display:block;max-width:none;height:auto}
.vw-metrics{border-collapse:collapse;margin:.5rem 0}
.vw-metrics th,.vw-metrics td{border:1px solid var(--line);padding:.25rem .6rem;text-align:left;vertical-align:top}
.vw-metrics th{font-weight:600;color:var(--muted);white-space:nowrap}
.vw-side{border-left:1px solid var(--line);background:var(--bg);position:sticky;top:var(--vw-bar,3.2rem);height:calc(100vh - var(--vw-bar,3.2rem));overflow:auto;padding:.5rem .75rem}
.vw-tabs{display:flex;gap:.25rem;margin:-.5rem -.75rem .5rem;padding:.5rem .75rem 0;position:sticky;top:-.5rem;z-index:1;background:var(--bg);border-bottom:1px solid var(--line)}
.vw-tabs button{border:1px solid var(--line);background:#fff;border-radius:4px 4px 0 0;padding:.25rem .75rem}
.vw-tabs button[aria-selected=true]{background:var(--accent);color:#fff;border-color:var(--accent)}
.vw-counts{color:var(--muted);margin:.2rem 0 .5rem}
.vw-panel details{margin:.4rem 0}
.vw-panel summary{font-weight:600;cursor:pointer}
.vw-finding{display:block;width:100%;text-align:left;margin:.3rem 0;padding:.35rem .5rem;border:1px solid var(--line);border-left:4px solid var(--muted);border-radius:4px;background:#fff;color:var(--ink)}
.vw-finding.vw-error{border-left-color:var(--error)}.vw-finding.vw-warning{border-left-color:var(--warning)}.vw-finding.vw-note{border-left-color:var(--note)}
.vw-finding.vw-active{background:#fff8c5}
.vw-sev{font-weight:700;text-transform:uppercase;font-size:.75em}
.vw-error .vw-sev{color:var(--error)}.vw-warning .vw-sev{color:var(--warning)}.vw-note .vw-sev{color:var(--note)}
.vw-where,.vw-fix{display:block;color:var(--muted);font-size:.92em;margin-top:.15rem}
.vw-panel dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .6rem;margin:.3rem 0}
.vw-panel dt{font-weight:600;color:var(--muted)}
.vw-panel dd{margin:0;overflow-wrap:anywhere}
.vw-panel dd dl{grid-column:1/-1}
.vw-panel h3{margin:.3rem 0}.vw-meta,.vw-hint{color:var(--muted)}
code{background:#eff1f3;padding:0 .2rem;border-radius:3px}
g.step{cursor:pointer}
g.step:focus{outline:none}
g.step:focus-visible>polygon,g.step:focus-visible>path{stroke:var(--accent);stroke-width:3}
.vw-dim{opacity:.15}
.vw-heat{opacity:.28}
.vw-critical{fill:none;stroke:#d35400;stroke-width:3;stroke-dasharray:6 3}
g.edge.vw-critical-edge>path{stroke:#d35400;stroke-width:3}
svg.vw-no-critical g.edge.vw-critical-edge>path{stroke:revert-layer;stroke-width:revert-layer}
.vw-badge{stroke:#fff;stroke-width:1.5}.vw-badge.vw-error{fill:var(--error)}.vw-badge.vw-warning{fill:var(--warning)}.vw-badge.vw-note{fill:var(--note)}
.vw-badge-text{fill:#fff;font:bold 11px Helvetica,Arial,sans-serif;text-anchor:middle}
.vw-highlight{fill:rgba(255,214,0,.25);stroke:#f2b600;stroke-width:4}
.vw-no-diagram{padding:1rem}.vw-note{margin:0;color:var(--warning)}
.vw-problems{margin:1rem 0;padding:.5rem 1rem;border:1px solid var(--error);border-left:6px solid var(--error);border-radius:4px;background:#fdf2f1}
.vw-problems h2{font-size:1rem;margin:.2rem 0;color:var(--error)}.vw-problems pre{margin:.3rem 0;white-space:pre-wrap;font-size:13px}
@media (max-width:900px){.vw-main{grid-template-columns:1fr}.vw-side{position:static;height:auto;border-left:0;border-top:1px solid var(--line)}}
@media print{.vw-bar,.vw-side,.vw-zoom,.vw-minimap{display:none}.vw-main{display:block}.vw-viewport{height:auto;overflow:visible}}
"""#
}
