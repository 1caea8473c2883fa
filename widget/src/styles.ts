/**
 * Styles live inside the shadow root: the host's CSS cannot reach in, and these cannot leak out. These are
 * the shell's and the coaching card's, in widget.js; the other views' come with their script
 * (styles-views.ts), so the agent's first view parses only what it shows.
 */
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
:focus-visible { outline: 2px solid var(--qa-accent); outline-offset: 2px; }
.muted, .meta { color: var(--qa-muted); }
.error { color: var(--qa-bad); border: 1px solid var(--qa-bad); border-radius: 4px; padding: 8px; }
.field-error { color: var(--qa-bad); font-size: 12px; }
[hidden] { display: none !important; }
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
.occurrence + .occurrence { border-top: 1px dashed var(--qa-line); margin-top: 6px; padding-top: 6px; }
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
`;
