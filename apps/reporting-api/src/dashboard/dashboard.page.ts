/**
 * The dashboard's one page. It holds no data: its script reads the reporting API with the
 * viewer's token, so the page itself can be public and cached.
 */
export const DASHBOARD_PAGE = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ODP learning dashboard</title>
<link rel="icon" href="/dashboard/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/dashboard/assets/dashboard.css">
<script type="module" src="/dashboard/assets/dashboard.js"></script>
</head>
<body>
<a class="skip-link" href="#main">Skip to the figures</a>
<header class="masthead">
  <h1>Operational Delivery Profession: learning dashboard</h1>
  <form id="token-form" class="token-form">
    <label for="token">Reporting API token</label>
    <input id="token" name="token" type="password" autocomplete="off" spellcheck="false" aria-describedby="token-hint">
    <button type="submit">Show figures</button>
    <p id="token-hint" class="hint">Get one with <code>npm run token -- --role profession-admin</code>. It is kept in this browser tab only.</p>
  </form>
  <p id="viewer" class="hint"></p>
</header>
<p id="status" class="status" role="status" aria-live="polite"></p>
<main id="main" tabindex="-1" hidden>
  <section aria-labelledby="filters-heading" data-admin>
    <h2 id="filters-heading">Filters</h2>
    <form id="filters" class="filters">
      <div class="field">
        <label for="qualification">Qualification</label>
        <select id="qualification" name="qualification"><option value="">All qualifications</option></select>
      </div>
      <div class="field">
        <label for="from">From month</label>
        <input id="from" name="from" type="month" aria-describedby="month-hint">
      </div>
      <div class="field">
        <label for="to">To month</label>
        <input id="to" name="to" type="month" aria-describedby="month-hint">
      </div>
      <button type="submit">Apply filters</button>
      <p id="month-hint" class="hint">Months as YYYY-MM; leave empty for all time.</p>
    </form>
  </section>
  <section aria-labelledby="summary-heading" data-admin>
    <h2 id="summary-heading">The programme at a glance</h2>
    <dl class="figures">
      <div><dt>Registrations</dt><dd data-figure="registrations">–</dd></div>
      <div><dt>Learners on programme</dt><dd data-figure="onProgramme">–</dd></div>
      <div><dt>Completions</dt><dd data-figure="completions">–</dd></div>
      <div><dt>Pass rate</dt><dd data-figure="passRate">–</dd></div>
      <div><dt>First-time pass rate</dt><dd data-figure="firstTimePassRate">–</dd></div>
    </dl>
    <p class="hint">Pass rates are of learners assessed: passed every unit attempted, and passed every unit at the first attempt.</p>
  </section>
  <div class="charts">
    <section aria-labelledby="registrations-heading" data-admin>
      <h2 id="registrations-heading">Registrations per month</h2>
      <p class="hint">The dashed line is the programme's target of 500 new registrations a month.</p>
      <div id="registrations"></div>
    </section>
    <section aria-labelledby="completions-heading" data-admin>
      <h2 id="completions-heading">Completions per month</h2>
      <p class="hint">Qualifications achieved each month.</p>
      <div id="completions"></div>
    </section>
  </div>
  <section aria-labelledby="by-qualification-heading" data-admin>
    <h2 id="by-qualification-heading">By qualification</h2>
    <div id="by-qualification" class="table-wrap"></div>
  </section>
  <section aria-labelledby="claims-heading" data-admin>
    <h2 id="claims-heading">Accreditation claims</h2>
    <p class="hint">Registrations and certificate claims sent to City &amp; Guilds and the CMI, by where they stand.</p>
    <div id="claims" class="table-wrap"></div>
  </section>
  <section aria-labelledby="journey-heading">
    <h2 id="journey-heading">A learner's journey</h2>
    <form id="journey-form" class="filters">
      <div class="field">
        <label for="department">Department</label>
        <select id="department" name="department"><option value="">Choose a department</option></select>
      </div>
      <div class="field">
        <label for="learner">Learner</label>
        <select id="learner" name="learner"><option value="">Choose a department first</option></select>
      </div>
      <div class="field">
        <label for="learner-email">Or their email address</label>
        <input id="learner-email" name="email" type="email" autocomplete="off">
      </div>
      <button type="submit">Show journey</button>
    </form>
    <div id="journey" aria-live="polite"></div>
  </section>
</main>
<footer class="footer"><p>Figures from the reporting API (<a href="/docs">API description</a>), read with your token.</p></footer>
</body>
</html>
`;
