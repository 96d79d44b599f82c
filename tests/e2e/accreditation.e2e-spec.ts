import { loadCatalogue } from '@lr/catalogue';
import { LearnerJourney, signWebhook } from '@lr/learning';
import { AppProcess, freePort, waitFor } from '@lr/testing';
import { agentParam, ReportingClient } from './reporting-client';
import { RunningSystem, startSystem } from './system';

const catalogue = loadCatalogue();
const LEARNERS = Number(process.env.E2E_ACCREDITATION_LEARNERS ?? 1000);
const OPERATOR = 'e2e-operator-token-0123456789';
const SECRETS = {
  CITY_AND_GUILDS_SECRET: 'e2e-city-and-guilds-secret',
  CMI_SECRET: 'e2e-cmi-secret-0123456',
};
const QUALIFICATIONS = ['ODP-L2-CS', 'ODP-L5-LM-MM'];

interface Received {
  requests: number;
  keys: number;
  effects: number;
  registrations: number;
  certificates: number;
  badSignatures: number;
  certificateNumbers: Record<string, string>;
}

/**
 * Achievements travel LRS → projector → learning events → gateway → awarding bodies that fail or
 * time out 30% of the time and sometimes answer late on the callback; the gateway is killed
 * twice on the way. Every claim must take effect exactly once and end acknowledged.
 */
describe('accreditation gateway (e2e)', () => {
  let system: RunningSystem;
  let bodies: AppProcess;
  let gateway: AppProcess;
  let gatewayEnv: Record<string, string>;
  let gatewayPort: number;
  let reporting: ReportingClient;

  beforeAll(async () => {
    system = await startSystem({ reporting: true });
    reporting = new ReportingClient(system.reporting!.baseUrl);
    gatewayPort = await freePort();
    const simulatorPort = await freePort();
    bodies = await AppProcess.start(
      'awarding-body-simulator',
      {
        ...SECRETS,
        SIM_FAILURE_RATE: '0.15',
        SIM_TIMEOUT_RATE: '0.15',
        SIM_TIMEOUT_MS: '2000',
        SIM_LATE_ACK_RATE: '0.2',
        SIM_CALLBACK_URL: `http://127.0.0.1:${gatewayPort}/callbacks`,
        LOG_LEVEL: 'warn',
      },
      {},
      simulatorPort,
    );
    gatewayEnv = {
      ...system.env,
      ...SECRETS,
      CITY_AND_GUILDS_URL: `http://127.0.0.1:${simulatorPort}/city-and-guilds`,
      CMI_URL: `http://127.0.0.1:${simulatorPort}/cmi`,
      GATEWAY_TIMEOUT_MS: '1000',
      GATEWAY_BASE_DELAY_MS: '50',
      GATEWAY_MAX_DELAY_MS: '1000',
      GATEWAY_MAX_ATTEMPTS: '14',
      GATEWAY_CONCURRENCY: '32',
      GATEWAY_OPERATOR_TOKEN: OPERATOR,
      GATEWAY_LRS_URL: `${system.lrs.baseUrl}/xapi`,
      GATEWAY_LRS_KEY: system.env.LRS_DEV_KEY!,
      GATEWAY_LRS_SECRET: system.env.LRS_DEV_SECRET!,
    };
    gateway = await AppProcess.start('accreditation-gateway', gatewayEnv, {}, gatewayPort);
  });

  afterAll(async () => {
    await gateway?.stop();
    await bodies?.stop();
    await system?.stop();
  });

  const operator = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const response = await fetch(`http://127.0.0.1:${gatewayPort}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${OPERATOR}`,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const received = async () =>
    (await (await fetch(`${bodies.baseUrl}/_sim/received`)).json()) as Received;
  const stats = () =>
    operator<{ byStatus: Record<string, number>; claims: number }>('/claims/stats');

  async function restartGateway(): Promise<void> {
    await gateway.kill();
    gateway = await AppProcess.start('accreditation-gateway', gatewayEnv, {}, gatewayPort);
  }

  it(`delivers ${LEARNERS} achievements exactly once in effect through failures and two kill -9s`, async () => {
    const statements = Array.from({ length: LEARNERS }, (_, i) =>
      LearnerJourney.of(catalogue, QUALIFICATIONS[i % 2]!, {
        email: `graduate${i}@example.gov.uk`,
        name: `Graduate ${i}`,
      })
        .registered()
        .completedAll()
        .build(),
    ).flat();
    for (let i = 0; i < statements.length; i += 200) {
      const response = await system.client.postStatements(statements.slice(i, i + 200));
      expect(response.status).toBe(200);
    }
    const acknowledged = async (atLeast: number) =>
      waitFor(
        async () =>
          ((await stats().catch(() => undefined))?.byStatus.acknowledged ?? 0) >= atLeast ||
          undefined,
        { timeoutMs: 240_000, intervalMs: 500, what: `${atLeast} acknowledged claims` },
      );
    await acknowledged(Math.floor(LEARNERS / 3));
    await restartGateway();
    await acknowledged(Math.floor(LEARNERS));
    await restartGateway();
    await acknowledged(2 * LEARNERS);

    const final = await stats();
    expect(final.claims).toBe(2 * LEARNERS);
    expect(final.byStatus).toEqual({ acknowledged: 2 * LEARNERS });
    const seen = await received();
    expect(seen.keys).toBe(2 * LEARNERS);
    expect(seen.effects).toBe(2 * LEARNERS);
    expect(seen.certificates).toBe(LEARNERS);
    expect(new Set(Object.values(seen.certificateNumbers)).size).toBe(LEARNERS);
    expect(seen.requests).toBeGreaterThan(2 * LEARNERS);

    for (const i of [0, 1, LEARNERS - 1]) {
      const progress = await waitFor(async () => {
        const p = await reporting.json<{
          qualifications: { certification: { status: string; certificateNumber: string | null } }[];
        }>(`/v1/learners/progress?agent=${agentParam(`graduate${i}@example.gov.uk`)}`, {
          role: 'profession-admin',
        });
        return p.qualifications[0]?.certification.status === 'certificated' ? p : undefined;
      });
      const number = progress.qualifications[0]!.certification.certificateNumber;
      expect(Object.values(seen.certificateNumbers)).toContain(number);
    }
    // The certification went back into the learner's record as a statement.
    const earned = await waitFor(
      async () => {
        const response = await system.client.request(
          `/xapi/statements?agent=${agentParam('graduate0@example.gov.uk')}&verb=${encodeURIComponent('http://id.tincanapi.com/verb/earned')}`,
        );
        const body = (await response.json()) as { statements: unknown[] };
        return body.statements.length === 1 ? body.statements : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 500, what: 'the certification statement in the LRS' },
    );
    expect(earned).toHaveLength(1);
    // Its waits allow up to six minutes in all on a loaded machine; the tier default is 90 s.
  }, 480_000);

  it('replays a learner’s claim on request and it is still one claim in effect', async () => {
    const learnerKey = 'default|Agent|mbox:mailto:graduate0@example.gov.uk';
    const before = await received();
    const replayed = await operator<{ claimId: string }>('/claims/replay', {
      method: 'POST',
      body: JSON.stringify({ learnerKey, qualification: QUALIFICATIONS[0] }),
    });
    const claim = await waitFor(async () => {
      const c = await operator<{ status: string; attempts: unknown[]; certificateNumber: string }>(
        `/claims/${replayed.claimId}`,
      );
      return c.status === 'acknowledged' && c.attempts.length > 1 ? c : undefined;
    });
    const after = await received();
    expect(after.requests).toBeGreaterThan(before.requests);
    expect(after.effects).toBe(before.effects);
    expect(after.certificates).toBe(before.certificates);
    expect(Object.values(after.certificateNumbers)).toContain(claim.certificateNumber);
  });

  it('refuses a callback with a bad signature and changes nothing', async () => {
    const [claim] = await operator<{ claimId: string; status: string }[]>(
      '/claims?status=acknowledged&limit=1',
    );
    const body = JSON.stringify({ claimId: claim!.claimId, status: 'rejected', reason: 'forged' });
    const forged = await fetch(`http://127.0.0.1:${gatewayPort}/callbacks/city-and-guilds`, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'x-signature': signWebhook(body, 'not-the-secret-at-all', new Date()),
      },
    });
    expect(forged.status).toBe(401);
    const unsigned = await fetch(`http://127.0.0.1:${gatewayPort}/callbacks/city-and-guilds`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    expect(unsigned.status).toBe(401);
    const after = await operator<{ status: string }>(`/claims/${claim!.claimId}`);
    expect(after.status).toBe('acknowledged');
    expect((await fetch(`http://127.0.0.1:${gatewayPort}/claims`)).status).toBe(401);
  });

  it('dead-letters a claim the body keeps refusing, and a re-drive then delivers it', async () => {
    await fetch(`${bodies.baseUrl}/_sim/behaviour`, {
      method: 'POST',
      body: JSON.stringify({ failureRate: 1, timeoutRate: 0, lateAckRate: 0 }),
      headers: { 'content-type': 'application/json' },
    });
    const late = LearnerJourney.of(catalogue, 'ODP-L2-CS', {
      email: 'late@example.gov.uk',
      name: 'Late',
    })
      .registered()
      .completedAll()
      .build();
    expect((await system.client.postStatements(late)).status).toBe(200);
    const dead = await waitFor(
      async () => {
        const claims =
          await operator<{ claimId: string; reason: string; attempts: unknown[] }[]>(
            '/claims?status=dead',
          );
        return claims.length > 0 ? claims : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, what: 'a dead-lettered claim' },
    );
    expect(dead[0]!.reason).toMatch(/gave up after 14 attempts/);
    expect(dead[0]!.attempts).toHaveLength(14);
    await fetch(`${bodies.baseUrl}/_sim/behaviour`, {
      method: 'POST',
      body: JSON.stringify({ failureRate: 0 }),
      headers: { 'content-type': 'application/json' },
    });
    for (const claim of dead)
      await operator(`/claims/${claim.claimId}/redrive`, { method: 'POST' });
    await waitFor(
      async () => {
        const s = await stats();
        return s.byStatus.acknowledged === s.claims ? s : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, what: 'the re-driven claims to be acknowledged' },
    );
  });
});
