/** The dashboard's styles: GOV.UK-like colours with at least 4.5:1 contrast, and a visible focus. */
export const DASHBOARD_STYLES = `
:root { --text: #0b0c0c; --muted: #505a5f; --blue: #1d70b8; --red: #d4351c; --green: #00703c;
  --border: #b1b4b6; --panel: #f3f2f1; --focus: #ffdd00; font-family: Arial, Helvetica, sans-serif; color: var(--text); }
* { box-sizing: border-box; }
/* Layout rules below must not bring back what the page hides. */
[hidden] { display: none !important; }
body { margin: 0 auto; max-width: 1280px; padding: 0 1.5rem 2rem; line-height: 1.4; background: #fff; }
h1 { font-size: 1.6rem; margin: 1rem 0 .5rem; }
h2 { font-size: 1.25rem; margin: 1.5rem 0 .5rem; }
h3 { font-size: 1.1rem; }
h4 { font-size: 1rem; margin: 1rem 0 .5rem; }
a { color: var(--blue); }
.skip-link { position: absolute; left: -999px; }
.skip-link:focus { left: 1rem; top: .5rem; background: var(--focus); color: var(--text); padding: .5rem; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 0; box-shadow: 0 0 0 6px var(--text); }
/* Focus moved to a heading or the main region for screen readers: not a control, so no ring. */
[tabindex="-1"]:focus { outline: none; box-shadow: none; }
select { max-width: 100%; }
#qualification { max-width: 36rem; }
.masthead { border-bottom: 8px solid var(--blue); padding-bottom: .5rem; }
.token-form, .filters { display: flex; flex-wrap: wrap; gap: .75rem 1rem; align-items: flex-end; }
.token-form label { flex-basis: 100%; font-weight: bold; }
.token-form input { flex: 1 1 24rem; }
.field { display: flex; flex-direction: column; gap: .25rem; }
label { font-weight: bold; }
input, select, button { font: inherit; padding: .4rem .5rem; border: 2px solid var(--text); border-radius: 0; background: #fff; color: var(--text); }
button { background: var(--green); color: #fff; border-color: var(--green); font-weight: bold; cursor: pointer; box-shadow: 0 2px 0 #002d18; }
.hint { color: var(--muted); margin: .25rem 0; flex-basis: 100%; }
.status { min-height: 1.5rem; margin: .75rem 0; font-weight: bold; }
.status.error, .error { color: var(--red); font-weight: bold; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: 1rem; margin: 0; }
.figures div { background: var(--panel); border-left: 6px solid var(--blue); padding: .75rem 1rem; }
.figures dt { color: var(--muted); font-weight: bold; }
.figures dd { margin: .25rem 0 0; font-size: 2rem; font-weight: bold; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(30rem, 1fr)); gap: 0 2rem; }
figure { margin: 0; }
.chart { width: 100%; height: auto; display: block; }
.chart .bar { fill: var(--blue); }
.chart .tick line { stroke: #dcdcdc; }
.chart text { fill: var(--text); font-size: 13px; }
.chart .reference { stroke: var(--red); stroke-width: 2; stroke-dasharray: 8 5; }
.chart .reference-label { fill: var(--red); font-weight: bold; }
details { margin: .5rem 0; }
summary { color: var(--blue); cursor: pointer; text-decoration: underline; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
caption { text-align: left; font-weight: bold; padding: .25rem 0; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--border); }
td { font-variant-numeric: tabular-nums; }
thead th { border-bottom: 2px solid var(--text); }
.qualification { border-left: 4px solid var(--border); padding-left: 1rem; margin: 1rem 0; }
.steps { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: .5rem; }
.step { border: 2px solid var(--border); padding: .5rem; display: flex; flex-direction: column; }
.step-name { font-weight: bold; }
.step-state { font-weight: bold; }
.step.done { border-color: var(--green); }
.step.done .step-state { color: var(--green); }
.step.started { border-color: var(--blue); }
.step.started .step-state { color: var(--blue); }
.step.stopped { border-color: var(--red); }
.step.stopped .step-state { color: var(--red); }
.step.waiting .step-state { color: var(--muted); }
.footer { margin-top: 2rem; border-top: 1px solid var(--border); color: var(--muted); }
`;
