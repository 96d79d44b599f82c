import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { loadCatalogue } from '@lr/catalogue';
import { AppProcess, freePort, waitFor } from '@lr/testing';
import { expectedAggregates } from '../../apps/simulator/src/expected-aggregates';
import { postStatements } from '../../apps/simulator/src/lrs-poster';
import { simulateProgramme } from '../../apps/simulator/src/programme-model';
import { DEFAULT_OPTIONS } from '../../apps/simulator/src/simulation-options';
import { asPercent, DashboardPage, launchChromium, shownCount } from './dashboard-page';
import { agentParam, ReportingClient, TokenClaims } from './reporting-client';
import { RunningSystem, startSystem } from './system';

const OUTPUT = resolve(__dirname, '../output');
const admin: TokenClaims = { role: 'profession-admin' };
const programme = simulateProgramme(loadCatalogue(), {
  ...DEFAULT_OPTIONS,
  seed: 29,
  startMonth: '2025-01',
  months: 8,
  registrationsPerMonth: 20,
  daysPerUnit: 6,
});
const expected = expectedAggregates(programme);

interface Summary {
  registrations: number;
  onProgramme: number;
  completions: number;
  passRate: number | null;
  firstTimePassRate: number | null;
}
type Row = Summary & { key: string; name: string };
type Point = { month: string; count: number };
interface Claims {
  total: number;
  byStatus: { status: string; registration: number; certificate: number; total: number }[];
}
interface Progress {
  qualifications: {
    code: string;
    units: { status: string }[];
    percentComplete: number;
    achievedAt: string | null;
    certification: { status: string; certificateNumber: string | null };
    accreditationClaims: { registration: string | null; certificate: string | null };
  }[];
}

/**
 * A simulated programme goes in through the LRS, and its claims through the gateway to the
 * awarding bodies; the dashboard, in Debian's Chromium, must show exactly what the API answers.
 */
describe('dashboard in a browser (e2e)', () => {
  let system: RunningSystem;
  let bodies: AppProcess;
  let gateway: AppProcess;
  let reporting: ReportingClient;
  let browser: Browser;
  let page: Page;
  let dashboard: DashboardPage;
  const problems: string[] = [];
  const api = <T>(path: string) => reporting.json<T>(path, admin);

  beforeAll(async () => {
    system = await startSystem({ reporting: true });
    reporting = new ReportingClient(system.reporting!.baseUrl);
    const simulatorPort = await freePort();
    bodies = await AppProcess.start('awarding-body-simulator', {}, {}, simulatorPort);
    gateway = await AppProcess.start('accreditation-gateway', {
      ...system.env,
      CITY_AND_GUILDS_URL: `http://127.0.0.1:${simulatorPort}/city-and-guilds`,
      CMI_URL: `http://127.0.0.1:${simulatorPort}/cmi`,
      GATEWAY_BASE_DELAY_MS: '50',
    });
    await postStatements(
      programme.learners.flatMap((learner) => learner.statements),
      {
        url: `${system.lrs.baseUrl}/xapi`,
        key: system.env.LRS_DEV_KEY!,
        secret: system.env.LRS_DEV_SECRET!,
        batchSize: 100,
        concurrency: 4,
        onProgress: () => undefined,
      },
    );
    await waitFor(
      async () => {
        const s = await api<Summary>('/v1/analytics/summary');
        return s.registrations === expected.registrations && s.completions === expected.completions
          ? s
          : undefined;
      },
      { timeoutMs: 180_000, intervalMs: 500, what: 'the projections to show the programme' },
    );
    // Every learner's registration and every completion's certificate acknowledged by a body.
    await waitFor(
      async () => {
        const claims = await api<Claims>('/v1/accreditation/claims/summary');
        const acknowledged = claims.byStatus.find((row) => row.status === 'acknowledged');
        return acknowledged?.registration === expected.registrations &&
          acknowledged.certificate === expected.completions
          ? claims
          : undefined;
      },
      { timeoutMs: 180_000, intervalMs: 500, what: 'the claims to be acknowledged' },
    );
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    dashboard = new DashboardPage(page);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    await bodies?.stop();
    await system?.stop();
  });

  it('serves the page with a content security policy that allows no inline script', async () => {
    const response = await fetch(`${system.reporting!.baseUrl}/dashboard`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await response.text()).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect((await fetch(`${system.reporting!.baseUrl}/dashboard/assets/..%2Fmain.js`)).status).toBe(
      404,
    );
  });

  it('shows the API’s figures, charts against the 500 line, qualifications and claims', async () => {
    const token = reporting.token(admin);
    await page.goto(`${system.reporting!.baseUrl}/dashboard#token=${token}`);
    await page.waitForSelector('body[data-loaded="true"]');
    // The token is taken out of the address once read.
    expect(page.url()).not.toContain('token=');

    const summary = await api<Summary>('/v1/analytics/summary');
    const figures = await dashboard.figures();
    expect(shownCount(figures.registrations!)).toBe(summary.registrations);
    expect(shownCount(figures.onProgramme!)).toBe(summary.onProgramme);
    expect(shownCount(figures.completions!)).toBe(summary.completions);
    expect(figures.passRate).toBe(asPercent(summary.passRate));
    expect(figures.firstTimePassRate).toBe(asPercent(summary.firstTimePassRate));
    expect(summary.registrations).toBe(expected.registrations);

    for (const metric of ['registrations', 'completions']) {
      const points = await api<Point[]>(`/v1/analytics/monthly?metric=${metric}`);
      const shown = await dashboard.table(`#${metric}-chart`);
      expect(shown.map((row) => [row.key, shownCount(row.cells[1]!)])).toEqual(
        points.map((point) => [point.month, point.count]),
      );
      expect(await page.locator(`#${metric}-chart rect.bar`).count()).toBe(points.length);
    }
    // The target line sits exactly on the axis's 500 tick.
    const reference = await page.getAttribute('#registrations-chart line.reference', 'y1');
    const tick500 = await page
      .locator('#registrations-chart g.tick', { hasText: /^500$/ })
      .locator('line')
      .getAttribute('y1');
    expect(reference).toBe(tick500);

    const rows = (await api<Row[]>('/v1/analytics/breakdown?by=qualification')).filter(
      (row) => row.registrations > 0 || row.completions > 0,
    );
    expect(await dashboard.table('#by-qualification')).toEqual(
      rows.map((row) => ({
        key: row.key,
        cells: [
          `${row.name} (${row.key})`,
          String(row.registrations),
          String(row.onProgramme),
          String(row.completions),
          asPercent(row.passRate),
          asPercent(row.firstTimePassRate),
        ],
      })),
    );

    const claims = await api<Claims>('/v1/accreditation/claims/summary');
    expect(await dashboard.table('#claims')).toEqual(
      claims.byStatus.map((row) => ({
        key: row.status,
        cells: [row.status, ...[row.registration, row.certificate, row.total].map(String)],
      })),
    );
    expect(claims.total).toBe(expected.registrations + expected.completions);
  });

  it('applies the qualification and month filters as the API does', async () => {
    await page.selectOption('#qualification', 'ODP-L2-CS');
    await page.fill('#from', '2025-02');
    await page.fill('#to', '2025-06');
    await page.click('#filters button[type="submit"]');
    const filter = 'qualification=ODP-L2-CS&from=2025-02&to=2025-06';
    const summary = await api<Summary>(`/v1/analytics/summary?${filter}`);
    const points = await api<Point[]>(`/v1/analytics/monthly?metric=registrations&${filter}`);
    await page
      .locator('#registrations-chart tbody tr')
      .first()
      .and(page.locator('[data-key="2025-02"]'))
      .waitFor({ state: 'attached' }); // the table sits in a closed <details>
    expect(shownCount((await dashboard.figures()).registrations!)).toBe(summary.registrations);
    expect((await dashboard.table('#registrations-chart')).map((row) => row.key)).toEqual(
      points.map((point) => point.month),
    );
    expect(summary.registrations).toBeLessThan(expected.registrations);
    await page.selectOption('#qualification', '');
    await page.fill('#from', '');
    await page.fill('#to', '');
    await page.click('#filters button[type="submit"]');
    await page.locator('#registrations-chart [data-key="2025-01"]').waitFor({ state: 'attached' });
  });

  it('narrows a department admin to their department', async () => {
    const hmpo: TokenClaims = { role: 'department-admin', department: 'HMPO' };
    const other = await browser.newPage();
    await other.goto(`${system.reporting!.baseUrl}/dashboard#token=${reporting.token(hmpo)}`);
    await other.waitForSelector('body[data-loaded="true"]');
    const departmental = new DashboardPage(other);
    const summary = await reporting.json<Summary>('/v1/analytics/summary', hmpo);
    const claims = await reporting.json<Claims>('/v1/accreditation/claims/summary', hmpo);
    expect(shownCount((await departmental.figures()).registrations!)).toBe(summary.registrations);
    expect(summary.registrations).toBeLessThan(expected.registrations);
    const acknowledged = (await departmental.table('#claims')).find(
      (row) => row.key === 'acknowledged',
    );
    const apiAcknowledged = claims.byStatus.find((row) => row.status === 'acknowledged')!;
    // Claims carry the learner's department, so the department's own claims are counted.
    expect(apiAcknowledged.total).toBeGreaterThan(0);
    expect(acknowledged?.cells[3]).toBe(String(apiAcknowledged.total));
    expect(await other.locator('#department option').allTextContents()).toEqual([
      'Choose a department',
      'HMPO',
    ]);
    await other.close();
  });

  it('walks a learner’s journey chosen with the keyboard alone', async () => {
    await dashboard.tabTo('department');
    await page.keyboard.press('ArrowDown');
    // The page's policy forbids eval, so waits are on locators, not functions.
    await page.locator('#learner option').nth(1).waitFor({ state: 'attached' });
    await page.keyboard.press('Tab');
    expect(await dashboard.activeId()).toBe('learner');
    await page.keyboard.press('ArrowDown');
    const agent = await page.inputValue('#learner');
    await dashboard.tabTo('learner-email', 2);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.locator('#journey-learner:focus').waitFor();

    const progress = await api<Progress>(
      `/v1/learners/progress?agent=${encodeURIComponent(agent)}`,
    );
    for (const q of progress.qualifications) {
      const steps = await dashboard.steps(q.code);
      const done = q.units.filter((unit) => unit.status === 'completed').length;
      expect(steps.Units![1]).toBe(
        `${done} of ${q.units.length} complete, ${q.percentComplete}% of the work`,
      );
      expect(
        Object.entries(steps).find(([name]) => name.startsWith('Registered with'))![1][1],
      ).toBe(q.accreditationClaims.registration ?? 'no claim yet');
    }
  });

  it('shows a certificated learner’s claim, typed in by email, and saves a screenshot', async () => {
    const graduate = await firstCertificated();
    await page.focus('#learner-email');
    await page.keyboard.type(graduate.email);
    await page.keyboard.press('Enter');
    await page.locator('#journey-learner', { hasText: `Learner ${graduate.index} (` }).waitFor();
    const q = graduate.progress.qualifications[0]!;
    const steps = await dashboard.steps(q.code);
    expect(steps.Achieved![0]).toBe('Done');
    expect(steps.Certificate).toEqual([
      'Done',
      `acknowledged, number ${q.certification.certificateNumber}`,
    ]);
    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: resolve(OUTPUT, 'dashboard.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('shows a learner their own journey, and no programme figures', async () => {
    const learner = programme.learners[3]!;
    const own: TokenClaims = { role: 'learner', learner: { mbox: `mailto:${learner.email}` } };
    const other = await browser.newPage();
    await other.goto(`${system.reporting!.baseUrl}/dashboard#token=${reporting.token(own)}`);
    await other.locator('#journey-learner', { hasText: `Learner ${learner.index} (` }).waitFor();
    expect(await other.locator('#journey-form').isHidden()).toBe(true);
    expect(await other.locator('[data-figure]').first().isHidden()).toBe(true);
    expect(
      await other.locator(`[data-qualification="${learner.qualification.code}"]`).count(),
    ).toBe(1);
    await other.close();
  });

  it('says plainly when the API refuses the token', async () => {
    const other = await browser.newPage();
    await other.goto(`${system.reporting!.baseUrl}/dashboard#token=not.a.token`);
    await other.waitForSelector('#status.error');
    expect(await other.textContent('#status')).toContain('refused the token');
    await other.close();
  });

  async function firstCertificated() {
    for (const learner of programme.learners) {
      const progress = await api<Progress>(
        `/v1/learners/progress?agent=${agentParam(learner.email)}`,
      );
      if (progress.qualifications[0]?.certification.status === 'certificated') {
        return { email: learner.email, index: learner.index, progress };
      }
    }
    throw new Error('no learner of the programme has a certificate');
  }
});
