import { randomUUID } from 'node:crypto';
import { loadCatalogue } from '@lr/catalogue';
import { LearnerJourney } from '@lr/learning';
import { waitFor } from '@lr/testing';
import { agentParam, ReportingClient, TokenClaims } from './reporting-client';
import { RunningSystem, startSystem } from './system';
import { readableValues, readTopic } from './topic-reader';

const catalogue = loadCatalogue();
const QUALIFICATION = 'ODP-L2-CS';
const MANAGER = 'manager@hmpo.example.gov.uk';
const ada = {
  email: 'ada@hmpo.example.gov.uk',
  name: 'Ada',
  department: 'HMPO',
  grade: 'EO',
  lineManager: MANAGER,
};
const bob = {
  email: 'bob@hmpo.example.gov.uk',
  name: 'Bob',
  department: 'HMPO',
  grade: 'AO',
  lineManager: MANAGER,
};
const cy = { email: 'cy@dvla.example.gov.uk', name: 'Cy', department: 'DVLA', grade: 'EO' };

const admin: TokenClaims = { role: 'profession-admin' };
const hmpoAdmin: TokenClaims = { role: 'department-admin', department: 'HMPO' };
const manager: TokenClaims = { role: 'line-manager', learner: { mbox: `mailto:${MANAGER}` } };
const learnerAda: TokenClaims = { role: 'learner', learner: { mbox: `mailto:${ada.email}` } };

interface Progress {
  skills: { skill: string; level: string; units: string[] }[];
  qualifications: {
    code: string;
    status: string;
    percentComplete: number;
    units: { code: string; status: string; attempts: number; firstAttemptPassed: boolean | null }[];
    assessment: { attempts: number; passedFirstTime: boolean; passedAllAttempted: boolean };
    achievedAt: string | null;
  }[];
}

interface Summary {
  registrations: number;
  onProgramme: number;
  completions: number;
  assessed: number;
  passRate: number | null;
  firstTimePassRate: number | null;
}

describe('a learner walks through a level 2 qualification (e2e)', () => {
  let system: RunningSystem;
  let reporting: ReportingClient;

  beforeAll(async () => {
    system = await startSystem({ reporting: true });
    reporting = new ReportingClient(system.reporting!.baseUrl);
  });

  afterAll(async () => {
    await system?.stop();
  });

  const summaryOf = () =>
    reporting.json<Summary>(`/v1/analytics/summary?qualification=${QUALIFICATION}`, admin);

  async function post(statements: Record<string, unknown>[]): Promise<void> {
    for (const statement of statements) {
      const response = await system.client.postStatements(statement);
      expect(response.status).toBe(200);
    }
  }

  it('shows progress, pass and first-time pass figures, and announces the achievement once', async () => {
    const [u1, u2, u3] = catalogue.qualification(QUALIFICATION)!.units.map((unit) => unit.code);
    const workshop = catalogue
      .qualification(QUALIFICATION)!
      .units[1]!.activities.findIndex((activity) => activity.type === 'workshop');
    const adaJourney = LearnerJourney.of(catalogue, QUALIFICATION, ada)
      .registered()
      .launched(u1!, 0)
      .learned(u1!, 0)
      .learned(u2!, workshop)
      .assessed(u1!, false)
      .assessed(u1!, true)
      .assessed(u2!, true)
      .assessed(u3!, true);
    const bobJourney = LearnerJourney.of(catalogue, QUALIFICATION, bob).registered().completedAll();
    const cyJourney = LearnerJourney.of(catalogue, QUALIFICATION, cy).registered().learned(u1!, 0);
    await post([...adaJourney.build(), ...bobJourney.build(), ...cyJourney.build()]);

    const progress = await waitFor(
      async () => {
        const p = await reporting.json<Progress>(
          `/v1/learners/progress?agent=${agentParam(ada.email)}`,
          admin,
        );
        return p.qualifications[0]?.status === 'achieved' ? p : undefined;
      },
      { timeoutMs: 30_000, what: "Ada's achievement in the reporting API" },
    );
    const qualification = progress.qualifications[0]!;
    expect(qualification).toMatchObject({ code: QUALIFICATION, percentComplete: 100 });
    expect(qualification.units.map((unit) => unit.status)).toEqual([
      'completed',
      'completed',
      'completed',
    ]);
    expect(qualification.units[0]).toMatchObject({ attempts: 2, firstAttemptPassed: false });
    expect(progress.skills.length).toBeGreaterThan(0);
    expect(progress.skills.flatMap((entry) => entry.units)).toContain(u1);
    expect(qualification.assessment).toEqual({
      attempts: 4,
      firstAttemptAt: expect.any(String) as string,
      passedFirstTime: false,
      passedAllAttempted: true,
    });

    const summary = await waitFor(async () => {
      const s = await summaryOf();
      return s.completions === 2 && s.registrations === 3 ? s : undefined;
    });
    expect(summary).toMatchObject({
      registrations: 3,
      onProgramme: 1,
      completions: 2,
      assessed: 2,
      passRate: 1,
      firstTimePassRate: 0.5,
    });
    const registrations = await reporting.json<{ month: string; count: number }[]>(
      `/v1/analytics/monthly?metric=registrations&level=2`,
      admin,
    );
    expect(registrations).toEqual([{ month: '2026-01', count: 3 }]);
    const byDepartment = await reporting.json<{ key: string; registrations: number }[]>(
      `/v1/analytics/breakdown?by=department&qualification=${QUALIFICATION}`,
      admin,
    );
    expect(
      byDepartment.filter((row) => row.registrations > 0).map((r) => [r.key, r.registrations]),
    ).toEqual([
      ['HMPO', 2],
      ['DVLA', 1],
    ]);

    const achieved = await achievedEventsFor(system, `${ada.email}`);
    expect(achieved).toHaveLength(1);
    expect(achieved[0]).toMatchObject({
      type: 'qualification-achieved/v1',
      qualification: { code: QUALIFICATION, awardingBody: 'city-and-guilds' },
      units: expect.any(Array) as unknown[],
    });
  });

  it('retracts a voided pass from progress and from the figures', async () => {
    const bobProgress = await reporting.json<Progress>(
      `/v1/learners/progress?agent=${agentParam(bob.email)}`,
      admin,
    );
    expect(bobProgress.qualifications[0]!.status).toBe('achieved');
    const bobStatements = LearnerJourney.of(catalogue, QUALIFICATION, bob)
      .registered()
      .completedAll()
      .build();
    // Find Bob's stored passing statement for the last unit through the LRS itself.
    const lastUnit = catalogue.qualification(QUALIFICATION)!.units.at(-1)!;
    const found = await system.client.request(
      `/xapi/statements?agent=${agentParam(bob.email)}&activity=${encodeURIComponent(lastUnit.assessment.iri)}`,
    );
    const { statements } = (await found.json()) as { statements: { id: string }[] };
    expect(statements).toHaveLength(1);
    expect(bobStatements.length).toBeGreaterThan(0);
    const voiding = {
      id: randomUUID(),
      actor: { mbox: 'mailto:registry@odp.example.gov.uk', name: 'Registry' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { 'en-GB': 'voided' } },
      object: { objectType: 'StatementRef', id: statements[0]!.id },
    };
    expect((await system.client.postStatements(voiding)).status).toBe(200);
    const summary = await waitFor(
      async () => {
        const s = await summaryOf();
        return s.completions === 1 ? s : undefined;
      },
      { timeoutMs: 30_000, what: 'the voided completion to leave the figures' },
    );
    expect(summary).toMatchObject({ registrations: 3, onProgramme: 2, completions: 1 });
    const after = await reporting.json<Progress>(
      `/v1/learners/progress?agent=${agentParam(bob.email)}`,
      admin,
    );
    expect(after.qualifications[0]!.status).toBe('in-progress');
  });

  describe('scopes', () => {
    const adaPath = `/v1/learners/progress?agent=${agentParam(ada.email)}`;
    const cyPath = `/v1/learners/progress?agent=${agentParam(cy.email)}`;
    const bobPath = `/v1/learners/progress?agent=${agentParam(bob.email)}`;
    const status = async (path: string, claims: TokenClaims | null) =>
      (await reporting.get(path, claims)).status;

    it('lets a learner see only themself', async () => {
      expect(await status('/v1/learners/me/progress', learnerAda)).toBe(200);
      expect(await status(adaPath, learnerAda)).toBe(200);
      expect(await status(bobPath, learnerAda)).toBe(403);
      expect(await status('/v1/analytics/summary', learnerAda)).toBe(403);
      expect(await status('/v1/departments/HMPO/learners', learnerAda)).toBe(403);
      expect(await status('/v1/teams/mine', learnerAda)).toBe(403);
    });

    it('lets a line manager see their reports and no one else', async () => {
      const team = await reporting.json<{ learnerKey: string }[]>('/v1/teams/mine', manager);
      expect(team.map((member) => member.learnerKey).sort()).toEqual(
        [ada.email, bob.email].map((email) => `default|Agent|mbox:mailto:${email}`).sort(),
      );
      expect(await status(adaPath, manager)).toBe(200);
      expect(await status(cyPath, manager)).toBe(403);
      expect(await status('/v1/analytics/summary', manager)).toBe(403);
      expect(await status('/v1/departments/HMPO/learners', manager)).toBe(403);
    });

    it('lets a department admin see their department only', async () => {
      expect(await status(adaPath, hmpoAdmin)).toBe(200);
      expect(await status(cyPath, hmpoAdmin)).toBe(403);
      const page = await reporting.json<{ items: { learnerKey: string }[] }>(
        '/v1/departments/HMPO/learners?limit=1',
        hmpoAdmin,
      );
      expect(page.items).toHaveLength(1);
      expect(await status('/v1/departments/DVLA/learners', hmpoAdmin)).toBe(403);
      const own = await reporting.json<Summary>('/v1/analytics/summary', hmpoAdmin);
      expect(own.registrations).toBe(2);
      expect(await status('/v1/analytics/summary?department=DVLA', hmpoAdmin)).toBe(403);
    });

    it('lets a profession admin see everything, and refuses bad tokens and filters', async () => {
      expect(await status(cyPath, admin)).toBe(200);
      expect(await status('/v1/departments/DVLA/learners', admin)).toBe(200);
      expect(await status('/v1/analytics/summary?department=DVLA', admin)).toBe(200);
      expect(await status('/v1/analytics/summary', null)).toBe(401);
      expect((await reporting.get('/v1/analytics/summary', admin, 'x'.repeat(40))).status).toBe(
        401,
      );
      expect(await status('/v1/analytics/summary?qualification=NOPE', admin)).toBe(400);
      expect(await status('/v1/analytics/summary?colour=red', admin)).toBe(400);
      expect(await status('/v1/learners/progress?agent=%7B%7D', admin)).toBe(400);
      expect((await fetch(`${system.reporting!.baseUrl}/docs/openapi.json`)).status).toBe(200);
    });
  });
});

/** Reads the whole events topic as a read_committed consumer would, opening sealed events. */
async function achievedEventsFor(
  system: RunningSystem,
  email: string,
): Promise<Record<string, unknown>[]> {
  const records = await readTopic(
    system.env,
    `${system.env.KAFKA_TOPIC_PREFIX}.learning.events.v1`,
  );
  const { readable } = await readableValues(system.env, records);
  return readable
    .map((value) => JSON.parse(value) as Record<string, unknown>)
    .filter(
      (event) =>
        event.type === 'qualification-achieved/v1' &&
        (event.learner as { mbox?: string }).mbox === `mailto:${email}`,
    );
}
