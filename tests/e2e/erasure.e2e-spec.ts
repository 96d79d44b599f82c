import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { loadCatalogue } from '@lr/catalogue';
import { LearnerJourney } from '@lr/learning';
import { AppProcess, freePort, waitFor } from '@lr/testing';
import { REPO_ROOT } from '../setup/infrastructure';
import { adminCli, clientWith } from './credentials-cli';
import { agentParam, ReportingClient, TokenClaims } from './reporting-client';
import { RunningSystem, startSystem } from './system';
import { readableValues, readTopic } from './topic-reader';

const run = promisify(execFile);
const catalogue = loadCatalogue();
const QUALIFICATION = 'ODP-L2-CS';
const OPERATOR = 'e2e-operator-token-0123456789';
const SECRETS = { CITY_AND_GUILDS_SECRET: 'e2e-cg-secret-0123', CMI_SECRET: 'e2e-cmi-secret-0123' };
const ANN_EMAIL = 'ann.erased@hmpo.example.gov.uk';
const ANN_MBOX = { mbox: `mailto:${ANN_EMAIL}` };
const ANN_ACCOUNT = { account: { homePage: 'https://hr.example.gov.uk', name: 'E-ANN-77' } };
/** Anything that would betray Ann, as it would appear in stored or logged bytes. */
const ANN_TRACES = [/ann\.erased/i, /E-ANN-77/];
const bob = {
  email: 'bob.kept@hmpo.example.gov.uk',
  name: 'Bob',
  department: 'HMPO',
  grade: 'AO',
  lineManager: ANN_EMAIL,
};
const ann = { email: ANN_EMAIL, name: 'Ann', department: 'HMPO', grade: 'EO' };
const admin: TokenClaims = { role: 'profession-admin' };
const annAsManager: TokenClaims = { role: 'line-manager', learner: ANN_MBOX };
const STATE = `/xapi/activities/state?activityId=${encodeURIComponent('https://odp.example.gov.uk/a/1')}&stateId=bookmark`;

const mentionsAnn = (text: string) => ANN_TRACES.some((trace) => trace.test(text));

/**
 * Two learners, one of them (Ann) known by two linked identifiers and line manager of the other
 * (Bob). Ann is erased by the identifier she used least; afterwards no query reaches her, before
 * or after a rebuild of the read models, and the log holds nothing readable of hers, while Bob's
 * record stays whole.
 */
describe('learner erasure (e2e)', () => {
  let system: RunningSystem;
  let reporting: ReportingClient;
  let bodies: AppProcess;
  let gateway: AppProcess;
  let bobStatements: number;

  beforeAll(async () => {
    system = await startSystem({ reporting: true });
    reporting = new ReportingClient(system.reporting!.baseUrl);
    const gatewayPort = await freePort();
    const simulatorPort = await freePort();
    bodies = await AppProcess.start(
      'awarding-body-simulator',
      {
        ...SECRETS,
        SIM_CALLBACK_URL: `http://127.0.0.1:${gatewayPort}/callbacks`,
        LOG_LEVEL: 'warn',
      },
      {},
      simulatorPort,
    );
    gateway = await AppProcess.start(
      'accreditation-gateway',
      {
        ...system.env,
        ...SECRETS,
        CITY_AND_GUILDS_URL: `http://127.0.0.1:${simulatorPort}/city-and-guilds`,
        CMI_URL: `http://127.0.0.1:${simulatorPort}/cmi`,
        GATEWAY_OPERATOR_TOKEN: OPERATOR,
      },
      {},
      gatewayPort,
    );
  });

  afterAll(async () => {
    await gateway?.stop();
    await bodies?.stop();
    await system?.stop();
  });

  const lrs = (path: string, init: RequestInit = {}) => system.client.request(path, init);
  const lrsJson = async <T>(path: string): Promise<T> => {
    const response = await lrs(path);
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };
  const statementsFor = async (query: string) =>
    (await lrsJson<{ statements: Record<string, unknown>[] }>(`/xapi/statements?${query}`))
      .statements;
  const claims = async () => {
    const response = await fetch(`${gateway.baseUrl}/claims?limit=1000`, {
      headers: { authorization: `Bearer ${OPERATOR}` },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { learnerKey: string; status: string }[];
  };
  const reportingText = async (path: string, claims: TokenClaims) => {
    const response = await reporting.get(path, claims);
    return { status: response.status, text: await response.text() };
  };
  const agent = (value: object) => encodeURIComponent(JSON.stringify(value));

  it('erases a learner from every query, the read models, a rebuild and the log', async () => {
    await adminCli(
      system,
      'people',
      'link',
      '--store',
      'default',
      JSON.stringify(ANN_MBOX),
      JSON.stringify(ANN_ACCOUNT),
    );
    const annJourney = LearnerJourney.of(catalogue, QUALIFICATION, ann).registered().completedAll();
    const bobJourney = LearnerJourney.of(catalogue, QUALIFICATION, bob).registered().completedAll();
    const annByAccount = {
      actor: { objectType: 'Agent', ...ANN_ACCOUNT },
      verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
      object: { objectType: 'Activity', id: 'https://odp.example.gov.uk/a/handbook' },
    };
    // Bob's workshop, with Ann as its instructor: Bob's record, naming Ann.
    const taughtByAnn = {
      actor: { objectType: 'Agent', mbox: `mailto:${bob.email}` },
      verb: { id: 'http://adlnet.gov/expapi/verbs/attended' },
      object: { objectType: 'Activity', id: 'https://odp.example.gov.uk/a/workshop' },
      context: { instructor: { objectType: 'Agent', ...ANN_MBOX } },
    };
    const bobAll = [...bobJourney.build(), taughtByAnn];
    bobStatements = bobAll.length;
    for (const batch of [annJourney.build(), [annByAccount], bobAll]) {
      expect((await system.client.postStatements(batch)).status).toBe(200);
    }
    const putDocument = (path: string) =>
      lrs(path, { method: 'POST', body: JSON.stringify({ page: 3 }) });
    expect((await putDocument(`${STATE}&agent=${agent(ANN_MBOX)}`)).status).toBe(204);
    const annProfile = `/xapi/agents/profile?agent=${agent(ANN_ACCOUNT)}&profileId=prefs`;
    expect((await putDocument(annProfile)).status).toBe(204);

    // Before: Ann is everywhere, and the gateway has claimed her certificate.
    await waitFor(
      async () => {
        const all = await claims();
        const acknowledged = all.filter((c) => c.status === 'acknowledged');
        return acknowledged.length === 4 ? all : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 500, what: 'both learners’ claims to be acknowledged' },
    );
    expect(
      (await reporting.get(`/v1/learners/progress?agent=${agentParam(ANN_EMAIL)}`, admin)).status,
    ).toBe(200);
    expect(mentionsAnn((await reportingText('/v1/teams/mine', annAsManager)).text)).toBe(false);
    expect((await reportingText('/v1/teams/mine', annAsManager)).text).toContain('bob.kept');
    expect(await statementsFor(`agent=${agent(ANN_MBOX)}`)).not.toHaveLength(0);

    // Refused: a credential without scope all, and an agent that is not one.
    const writer = await clientWith(system, 'default', 'statements/write,statements/read');
    const refused = await writer.request('/admin/erasures', {
      method: 'POST',
      body: JSON.stringify({ agent: ANN_ACCOUNT }),
    });
    expect(refused.status).toBe(403);
    const bad = await lrs('/admin/erasures', {
      method: 'POST',
      body: JSON.stringify({ agent: { name: 'x' } }),
    });
    expect(bad.status).toBe(400);

    const erased = await lrs('/admin/erasures', {
      method: 'POST',
      body: JSON.stringify({ agent: ANN_ACCOUNT }),
    });
    expect(erased.status).toBe(200);
    const report = (await erased.json()) as Record<string, unknown>;
    expect(report).toMatchObject({
      identifiers: 2,
      keysDestroyed: 2,
      statementsDeleted: annJourney.build().length + 1,
      statementsRedacted: 2, // the workshop (instructor) and Bob's registration (line manager)
      documentsDeleted: 2,
      personLinksDeleted: 2,
      accreditationClaimsDeleted: 2,
      consumersCaughtUp: true,
    });
    expect(report.learnerDocumentsDeleted).toBeGreaterThanOrEqual(1);

    await expectAnnUnreachable();
    // Again, from the console: nothing more to find, nothing broken.
    const again = await run(
      process.execPath,
      [
        'dist/apps/lrs-api/src/cli/erase.js',
        '--store',
        'default',
        '--agent',
        JSON.stringify(ANN_MBOX),
      ],
      { cwd: REPO_ROOT, env: { ...process.env, ...system.env }, timeout: 120_000 },
    );
    expect(JSON.parse(again.stdout.trim().split('\n').at(-1)!)).toMatchObject({
      identifiers: 1,
      keysDestroyed: 0,
      statementsDeleted: 0,
      consumersCaughtUp: true,
    });

    const { stdout } = await run(process.execPath, ['dist/apps/projector/src/cli/rebuild.js'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...system.env },
      timeout: 180_000,
    });
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toMatchObject({
      built: 2,
      switched: true,
    });
    await expectAnnUnreachable();

    // The log: nothing of Ann's in clear, and none of her records readable with a key that
    // still exists. (Bob's records that name her stay readable with Bob's key: docs/erasure.md.)
    for (const topic of ['xapi.statements.v1', 'learning.events.v1', 'accreditation.events.v1']) {
      const records = await readTopic(system.env, `${system.env.KAFKA_TOPIC_PREFIX}.${topic}`);
      expect(records.length).toBeGreaterThan(0);
      for (const record of records) {
        const clear = [record.key, ...Object.values(record.headers)].map(String);
        if (record.headers['lr-enc'] === undefined) clear.push(String(record.value));
        expect(clear.filter(mentionsAnn)).toEqual([]);
      }
      const { readable, unreadable } = await readableValues(system.env, records);
      const owners = readable.map((value) => ownerOf(JSON.parse(value) as Record<string, unknown>));
      expect(owners.filter(mentionsAnn)).toEqual([]);
      expect(owners.some((owner) => owner.includes('bob.kept'))).toBe(true);
      if (topic === 'xapi.statements.v1') expect(unreadable).toBe(annJourney.build().length + 1);
    }
  });

  async function expectAnnUnreachable(): Promise<void> {
    for (const who of [ANN_MBOX, ANN_ACCOUNT]) {
      expect(await statementsFor(`agent=${agent(who)}`)).toEqual([]);
      expect(await statementsFor(`agent=${agent(who)}&related_agents=true`)).toEqual([]);
      const person = await lrsJson<Record<string, unknown>>(`/xapi/agents?agent=${agent(who)}`);
      expect(Object.keys(person).sort()).toEqual(['objectType', Object.keys(who)[0]!].sort());
    }
    const everything = await statementsFor('limit=1000');
    expect(everything.filter((s) => mentionsAnn(JSON.stringify(s)))).toEqual([]);
    expect(everything).toHaveLength(bobStatements);
    expect((await lrs(`${STATE}&agent=${agent(ANN_MBOX)}`)).status).toBe(404);
    expect(
      (await lrs(`/xapi/agents/profile?agent=${agent(ANN_ACCOUNT)}&profileId=prefs`)).status,
    ).toBe(404);

    expect(
      (await reporting.get(`/v1/learners/progress?agent=${agentParam(ANN_EMAIL)}`, admin)).status,
    ).toBe(404);
    const team = await reportingText('/v1/teams/mine', annAsManager);
    expect(JSON.parse(team.text)).toEqual([]);
    const department = await reportingText('/v1/departments/HMPO/learners', admin);
    expect(mentionsAnn(department.text)).toBe(false);
    expect(department.text).toContain('bob.kept');
    const bobProgress = await reportingText(
      `/v1/learners/progress?agent=${agentParam(bob.email)}`,
      admin,
    );
    expect(bobProgress.status).toBe(200);
    expect(bobProgress.text).toContain('"achieved"');
    expect(mentionsAnn(bobProgress.text)).toBe(false);

    const remaining = await claims();
    expect(remaining.filter((claim) => mentionsAnn(claim.learnerKey))).toEqual([]);
    expect(remaining.filter((claim) => claim.learnerKey.includes('bob.kept'))).toHaveLength(2);
  }
});

/** Whose record this is: a statement's actor, an event's learner. */
function ownerOf(value: Record<string, unknown>): string {
  const statement = value.statement as { actor?: unknown } | undefined;
  return JSON.stringify(statement?.actor ?? value.learnerKey ?? value.learner ?? null);
}
