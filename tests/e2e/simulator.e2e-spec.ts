import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { waitFor } from '@lr/testing';
import { ReportingClient, TokenClaims } from './reporting-client';
import { RunningSystem, startSystem } from './system';

const ROOT = resolve(__dirname, '../..');
const admin: TokenClaims = { role: 'profession-admin' };

interface Expected {
  registrations: number;
  completions: number;
  onProgramme: number;
  assessed: number;
  passedFirstTime: number;
  passedAllAttempted: number;
  passRate: number | null;
  firstTimePassRate: number | null;
  registrationsPerMonth: Record<string, number>;
  completionsPerMonth: Record<string, number>;
}

type Summary = Omit<Expected, 'registrationsPerMonth' | 'completionsPerMonth'>;

/** The simulator posts a small programme; the reporting API must show exactly its figures. */
describe('programme simulator against the whole system (e2e)', () => {
  let system: RunningSystem;
  let reporting: ReportingClient;

  beforeAll(async () => {
    system = await startSystem({ reporting: true });
    reporting = new ReportingClient(system.reporting!.baseUrl);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('shows registrations per month, completions, pass and first-time pass rates and on-programme exactly', async () => {
    const expectedFile = resolve(ROOT, `.local/simulator-expected-${process.pid}.json`);
    const { stderr } = await promisify(execFile)(
      process.execPath,
      [
        'dist/apps/simulator/src/main.js',
        ...['--seed', '11', '--start', '2025-01', '--months', '4', '--per-month', '40'],
        ...['--lrs', `${system.lrs.baseUrl}/xapi`, '--batch', '25', '--concurrency', '4'],
        ...['--expected', expectedFile],
      ],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          LRS_DEV_KEY: system.env.LRS_DEV_KEY,
          LRS_DEV_SECRET: system.env.LRS_DEV_SECRET,
        },
        timeout: 120_000,
      },
    );
    expect(stderr).toContain('statements');
    const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as Expected;
    expect(expected.registrations).toBe(160);
    const { registrationsPerMonth, completionsPerMonth, ...figures } = expected;
    const wanted: Summary = {
      registrations: figures.registrations,
      onProgramme: figures.onProgramme,
      completions: figures.completions,
      assessed: figures.assessed,
      passedFirstTime: figures.passedFirstTime,
      passedAllAttempted: figures.passedAllAttempted,
      passRate: figures.passRate,
      firstTimePassRate: figures.firstTimePassRate,
    };
    const summary = await waitFor(
      async () => {
        const s = await reporting.json<Summary>('/v1/analytics/summary', admin);
        return JSON.stringify(s) === JSON.stringify(wanted) ? s : undefined;
      },
      {
        timeoutMs: 90_000,
        intervalMs: 500,
        what: 'the reporting API to show the simulated figures',
      },
    ).catch(async (error: unknown) => {
      const last = await reporting.json<Summary>('/v1/analytics/summary', admin);
      expect(last).toEqual(wanted);
      throw error;
    });
    expect(summary).toEqual(wanted);
    const series = async (metric: string) =>
      Object.fromEntries(
        (
          await reporting.json<{ month: string; count: number }[]>(
            `/v1/analytics/monthly?metric=${metric}`,
            admin,
          )
        )
          .filter((point) => point.count > 0)
          .map((point) => [point.month, point.count]),
      );
    expect(await series('registrations')).toEqual(registrationsPerMonth);
    expect(await series('completions')).toEqual(completionsPerMonth);
  });
});
