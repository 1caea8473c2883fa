/**
 * The styles of the views loaded later (widget-views.js, widget-manager.js), put into the shadow root with
 * them, after the shell's (styles.ts). Both scripts carry this text: Blink parses an identical sheet once.
 */
// .msg-rules .fail is darker than --qa-bad: 12px text on the bubbles' tint needs 4.5:1 (#d83931 on #e8f3ff is 4.1).
export const VIEW_STYLES = `
button.link { border: 0; background: none; color: var(--qa-accent); padding: 0; text-align: left; }
table.list { width: 100%; border-collapse: collapse; }
table.list th, table.list td { text-align: left; padding: 6px 4px; border-bottom: 1px solid var(--qa-line); }
/* A figure or a word is not broken across lines in a table ("63./6%"): a table too wide scrolls in its .scroll box. */
.scroll > table.list th, .scroll > table.list td { overflow-wrap: normal; word-break: keep-all; }
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
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(110px, 1fr)); gap: 8px; margin-bottom: 12px; }
.figure { border: 1px solid var(--qa-line); border-radius: 6px; padding: 8px; }
.figure strong { display: block; font-size: 20px; }
.range { display: flex; flex-wrap: wrap; gap: 8px; }
.overrides { margin: 4px 0; padding-left: 16px; font-size: 12px; }
h4 .chips { display: inline-flex; vertical-align: middle; }
.item input[type=number] { max-width: 8em; }
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
.msg-rules .fail { color: #b42318; }
.progress { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 16px; }
progress { vertical-align: middle; margin-left: 4px; }
.scroll { overflow-x: auto; max-width: 100%; }
caption { text-align: left; font-weight: 600; padding: 8px 0 4px; }
svg.bar { display: block; width: 100%; max-width: 240px; height: 6px; background: #f2f3f5; }
svg.bar rect { fill: var(--qa-bad); }
table.heat td { text-align: center; min-width: 2.5em; }
.test-box .matches { margin: 2px 0; padding-left: 18px; }
`;
