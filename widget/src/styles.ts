/** Styles live inside the shadow root: the host's CSS cannot reach in, and these cannot leak out. */
export const STYLES = `
:host { all: initial !important; display: block !important; font-size: 14px !important; color: #1f2329 !important; --qa-fg: #1f2329; --qa-muted: #646a73; --qa-accent: #1664ff; --qa-bad: #d83931; --qa-good: #2ea121;
  --qa-bg: #fff; --qa-line: #dee0e3; --qa-mark: #fff3c4; font: 14px/1.5 -apple-system, "PingFang SC", "Microsoft YaHei", "Segoe UI", sans-serif; color: var(--qa-fg); }
.shopqa { font: 14px/1.5 -apple-system, "PingFang SC", "Microsoft YaHei", "Segoe UI", sans-serif; color: var(--qa-fg); background: var(--qa-bg); border: 1px solid var(--qa-line); border-radius: 8px; padding: 12px; max-width: 100%; box-sizing: border-box; overflow-wrap: anywhere; }
* { box-sizing: border-box; }
h2 { font-size: 16px; margin: 0 0 8px; }
[role=tablist] { display: flex; flex-wrap: wrap; gap: 4px; border-bottom: 1px solid var(--qa-line); margin-bottom: 12px; }
[role=tab] { font: inherit; border: 0; background: none; padding: 6px 10px; cursor: pointer; color: var(--qa-muted); border-bottom: 2px solid transparent; }
[role=tab][aria-selected=true] { color: var(--qa-accent); border-bottom-color: var(--qa-accent); }
button { font: inherit; cursor: pointer; border: 1px solid var(--qa-line); border-radius: 4px; background: #f5f6f7; padding: 4px 10px; color: var(--qa-fg); }
button.primary { background: var(--qa-accent); color: #fff; border-color: var(--qa-accent); }
button.link { border: 0; background: none; color: var(--qa-accent); padding: 0; text-align: left; }
:focus-visible { outline: 2px solid var(--qa-accent); outline-offset: 2px; }
.muted, .meta { color: var(--qa-muted); }
.error { color: var(--qa-bad); border: 1px solid var(--qa-bad); border-radius: 4px; padding: 8px; }
table.list { width: 100%; border-collapse: collapse; }
table.list th, table.list td { text-align: left; padding: 6px 4px; border-bottom: 1px solid var(--qa-line); }
.bad { color: var(--qa-bad); font-weight: 600; }
.transcript { list-style: none; padding: 0; margin: 0 0 12px; display: flex; flex-direction: column; gap: 6px; }
.bubble { max-width: 85%; padding: 6px 10px; border-radius: 8px; background: #f2f3f5; }
.bubble.agent { align-self: flex-end; background: #e8f3ff; }
.bubble.bot, .bubble.system { align-self: center; background: none; color: var(--qa-muted); font-size: 12px; }
.bubble.internal { border: 1px dashed var(--qa-muted); }
.bubble.flagged { box-shadow: inset 3px 0 0 var(--qa-bad); }
.who { font-size: 12px; color: var(--qa-muted); }
mark.hit { background: var(--qa-mark); border-radius: 2px; }
mark.hit.fail { background: #ffd8d6; }
.hits li.fail { color: var(--qa-bad); }
.factors { list-style: none; padding: 0; }
.factors .points { display: inline-block; min-width: 3em; font-variant-numeric: tabular-nums; }
.factors li.up .points { color: var(--qa-bad); }
.chips { display: flex; flex-wrap: wrap; gap: 4px; }
.chip { font-size: 12px; border-radius: 10px; padding: 0 8px; background: #f2f3f5; }
.chip.must { background: #ffd8d6; }
fieldset { border: 1px solid var(--qa-line); border-radius: 6px; margin: 0 0 8px; padding: 8px; }
legend { font-weight: 600; }
.item { display: grid; gap: 4px; padding: 6px 0; border-bottom: 1px solid var(--qa-line); }
.item .choices { display: flex; gap: 10px; flex-wrap: wrap; }
.item textarea, .item input[type=number] { font: inherit; width: 100%; }
.field-error { color: var(--qa-bad); font-size: 12px; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(110px, 1fr)); gap: 8px; margin-bottom: 12px; }
.figure { border: 1px solid var(--qa-line); border-radius: 6px; padding: 8px; }
.figure strong { display: block; font-size: 20px; }
[hidden] { display: none !important; }
.range { display: flex; flex-wrap: wrap; gap: 8px; }
.overrides { margin: 4px 0; padding-left: 16px; font-size: 12px; }
h4 .chips { display: inline-flex; vertical-align: middle; }
.item input[type=number] { max-width: 8em; }
h3 { font-size: 15px; margin: 4px 0 8px; }
h4 { font-size: 14px; margin: 12px 0 4px; }
h5 { font-size: 14px; margin: 0 0 4px; }
h3:focus, h3[tabindex]:focus-visible { outline: none; }
textarea, select, input { font: inherit; max-width: 100%; }
textarea { width: 100%; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-top: 8px; }
.praise { border-left: 3px solid var(--qa-good); padding-left: 10px; }
.improvements { padding-left: 20px; }
.improvement { padding: 8px 0; border-bottom: 1px solid var(--qa-line); }
.improvement .label, .legend { color: var(--qa-muted); font-weight: 400; }
.legend { margin: 4px 0; }
.quote { margin: 4px 0; }
.quote blockquote, .outcome blockquote { margin: 2px 0; padding: 4px 10px; background: #f2f3f5; border-radius: 6px; }
.quote mark { background: #ffd8d6; }
.repeat { color: var(--qa-bad); margin: 0; }
.outcome { border-left: 3px solid var(--qa-muted); padding-left: 8px; }
.outcome.accepted { border-color: var(--qa-good); }
.outcome.rejected { border-color: var(--qa-bad); }
.close { font-weight: 600; }
.acked { color: #1b7a2e; }
.chart { width: 100%; max-width: 520px; height: auto; display: block; }
.chart .grid line { stroke: var(--qa-line); }
.chart text { font-size: 9px; fill: var(--qa-muted); }
.chart polyline, .spark polyline { fill: none; stroke-width: 2; }
.chart polyline.own, .spark polyline { stroke: var(--qa-accent); }
.chart polyline.team { stroke: var(--qa-muted); stroke-dasharray: 5 4; }
.chart circle.own, .spark circle { fill: var(--qa-accent); }
.key { display: inline-block; width: 20px; border-top: 2px solid var(--qa-accent); vertical-align: middle; }
.key.team { border-top: 2px dashed var(--qa-muted); margin-left: 8px; }
.rows { list-style: none; padding: 0; margin: 0; }
.rows > li { border-bottom: 1px solid var(--qa-line); padding: 6px 0 10px; }
.agent.unstable { box-shadow: inset 3px 0 0 var(--qa-bad); padding-left: 8px; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 4px 12px; margin: 4px 0; }
.facts dt { color: var(--qa-muted); font-size: 12px; }
.facts dd { margin: 0; }
.warn { color: #b25e00; }
.flag-unstable { background: #ffd8d6; }
.flag-excellent { background: #d9f5d6; }
.flag-newHire { background: #e8f3ff; }
.msg-rules { list-style: none; padding: 0; margin: 2px 0 0; font-size: 12px; }
.msg-rules .fail { color: var(--qa-bad); }
.progress { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 16px; }
progress { vertical-align: middle; margin-left: 4px; }
.scroll { overflow-x: auto; max-width: 100%; }
caption { text-align: left; font-weight: 600; padding: 8px 0 4px; }
svg.bar { display: block; width: 100%; max-width: 240px; height: 6px; background: #f2f3f5; }
svg.bar rect { fill: var(--qa-bad); }
table.heat td { text-align: center; min-width: 2.5em; }
.test-box .matches { margin: 2px 0; padding-left: 18px; }
`;
