import { randomUUID } from 'node:crypto';
import { StatementBuilder } from '@lr/testing';
import { VOIDED_VERB } from '@lr/xapi';
import { RunningSystem, startSystem } from './system';

type Statement = Record<string, unknown> & { id: string };
type Page = { statements: Statement[]; more: string };

/** The xAPI Statement resource over HTTP against the real apps, Kafka and MongoDB-wire server. */
describe('statement resource', () => {
  let system: RunningSystem;
  const learner = (name: string) => `${name}-${randomUUID().slice(0, 8)}@example.gov.uk`;
  const json = async <T>(response: Response) => (await response.json()) as T;

  beforeAll(async () => {
    system = await startSystem();
  });

  afterAll(async () => {
    await system?.stop();
  });

  describe('writes', () => {
    it('answers a POST only once the statements are readable (read-your-writes)', async () => {
      const batch = [1, 2, 3].map(() =>
        StatementBuilder.aStatement().byLearner(learner('ryw')).build(),
      );
      const ids = await json<string[]>(await system.client.postStatements(batch));
      for (const id of ids) expect((await system.client.getStatement(id)).status).toBe(200);
    });

    it('stores a PUT under its statementId and answers 204', async () => {
      const id = randomUUID();
      const put = await system.client.request(`/xapi/statements?statementId=${id}`, {
        method: 'PUT',
        body: JSON.stringify(StatementBuilder.aStatement().build()),
      });
      expect(put.status).toBe(204);
      expect(await json<Statement>(await system.client.getStatement(id))).toMatchObject({ id });
    });

    it('treats the same content again as a no-op and different content as a 409 that changes nothing', async () => {
      const first = StatementBuilder.aStatement().withId().withVerb('attempted').build();
      expect((await system.client.postStatements(first)).status).toBe(200);
      expect((await system.client.postStatements(first)).status).toBe(200);
      const changed = { ...first, verb: { id: 'http://adlnet.gov/expapi/verbs/passed' } };
      const conflict = await system.client.postStatements(changed);
      expect(conflict.status).toBe(409);
      const stored = await json<Statement>(await system.client.getStatement(first.id as string));
      expect(stored.verb).toEqual(first.verb);
    });

    it('lets exactly one of many concurrent writes of one id win; the same content is no conflict', async () => {
      const id = randomUUID();
      const verbs = Array.from({ length: 8 }, (_, i) => `http://example.org/verbs/v${i}`);
      const rivals = await Promise.all(
        verbs.map((verb) =>
          system.client.postStatements(
            StatementBuilder.aStatement()
              .withId(id)
              .with({ verb: { id: verb } })
              .build(),
          ),
        ),
      );
      expect(rivals.map((r) => r.status).sort()).toEqual([200, ...Array<number>(7).fill(409)]);
      const winner = verbs[rivals.findIndex((r) => r.status === 200)];
      const stored = await json<Statement>(await system.client.getStatement(id));
      expect(stored.verb).toEqual({ id: winner });

      const twin = StatementBuilder.aStatement().withId().build();
      const twins = await Promise.all(verbs.map(() => system.client.postStatements(twin)));
      expect(twins.map((r) => r.status)).toEqual(Array<number>(8).fill(200));
      expect(
        await json<Statement>(await system.client.getStatement(twin.id as string)),
      ).toMatchObject({ id: twin.id, verb: twin.verb });
    });

    it('refuses a whole batch when one statement conflicts: none of it is stored', async () => {
      const existing = StatementBuilder.aStatement().withId().build();
      await system.client.postStatements(existing);
      const fresh = StatementBuilder.aStatement().withId().build();
      const response = await system.client.postStatements([
        fresh,
        { ...existing, verb: { id: 'http://example/other' } },
      ]);
      expect(response.status).toBe(409);
      expect((await system.client.getStatement(fresh.id as string)).status).toBe(404);
      // The refused batch released its claims: the fresh id can still be written.
      expect((await system.client.postStatements(fresh)).status).toBe(200);
    });

    it('refuses a batch with an invalid statement, naming the path, and stores none of it', async () => {
      const good = StatementBuilder.aStatement().withId().build();
      const bad = StatementBuilder.aStatement()
        .with({ result: { score: { scaled: 2 } } })
        .build();
      const response = await system.client.postStatements([good, bad]);
      expect(response.status).toBe(400);
      expect((await json<{ message: string }>(response)).message).toMatch(
        /^statements\[1\]\.result\.score\.scaled/,
      );
      expect((await system.client.getStatement(good.id as string)).status).toBe(404);
    });

    it('answers 413 for a batch over the configured size', async () => {
      const many = Array.from({ length: 1001 }, () => StatementBuilder.aStatement().build());
      expect((await system.client.postStatements(many)).status).toBe(413);
    });
  });

  describe('voiding', () => {
    it('hides a voided statement from queries, serves it by voidedStatementId, and refuses voiding a voiding', async () => {
      const email = learner('void');
      const target = StatementBuilder.aStatement().withId().byLearner(email).build();
      await system.client.postStatements(target);
      const voiding = StatementBuilder.aStatement()
        .withId()
        .byLearner(email)
        .with({ verb: { id: VOIDED_VERB }, object: { objectType: 'StatementRef', id: target.id } })
        .build();
      expect((await system.client.postStatements(voiding)).status).toBe(200);

      expect((await system.client.getStatement(target.id as string)).status).toBe(404);
      const byVoided = await system.client.request(
        `/xapi/statements?voidedStatementId=${target.id as string}`,
      );
      expect(byVoided.status).toBe(200);
      expect((await json<Statement>(byVoided)).id).toBe(target.id);

      const agent = encodeURIComponent(JSON.stringify({ mbox: `mailto:${email}` }));
      const page = await json<Page>(await system.client.request(`/xapi/statements?agent=${agent}`));
      expect(page.statements.map((s) => s.id)).toEqual([voiding.id]);

      const voidTheVoider = StatementBuilder.aStatement()
        .with({ verb: { id: VOIDED_VERB }, object: { objectType: 'StatementRef', id: voiding.id } })
        .build();
      expect((await system.client.postStatements(voidTheVoider)).status).toBe(400);
    });
  });

  describe('queries', () => {
    const email = learner('query');
    const registration = randomUUID();
    const unit = `https://odp.example.gov.uk/units/${randomUUID()}`;
    let written: Statement[];

    beforeAll(async () => {
      const verbs = ['registered', 'launched', 'progressed', 'completed', 'passed'];
      written = [];
      for (const verb of verbs) {
        const statement = StatementBuilder.aStatement()
          .withId()
          .byLearner(email)
          .withVerb(verb)
          .onActivity(verb === 'registered' ? 'https://odp.example.gov.uk/qualifications/q1' : unit)
          .with({
            context: {
              registration,
              contextActivities: {
                parent: [{ id: 'https://odp.example.gov.uk/qualifications/q1' }],
              },
            },
          })
          .build() as Statement;
        await system.client.postStatements(statement);
        written.push(statement);
      }
    });

    const query = async (params: string) => {
      const response = await system.client.request(`/xapi/statements?${params}`);
      expect(response.status).toBe(200);
      return { page: await json<Page>(response), response };
    };
    const agentParam = () =>
      `agent=${encodeURIComponent(JSON.stringify({ mbox: `mailto:${email}` }))}`;

    it('filters by agent, verb, activity and registration, newest first', async () => {
      expect((await query(agentParam())).page.statements.map((s) => s.id)).toEqual(
        written.map((s) => s.id).reverse(),
      );
      const byVerb = await query(
        `${agentParam()}&verb=${encodeURIComponent('http://adlnet.gov/expapi/verbs/passed')}`,
      );
      expect(byVerb.page.statements.map((s) => s.id)).toEqual([written[4]!.id]);
      expect((await query(`activity=${encodeURIComponent(unit)}`)).page.statements).toHaveLength(4);
      expect((await query(`registration=${registration}`)).page.statements).toHaveLength(5);
    });

    it('widens the activity filter with related_activities', async () => {
      const q1 = encodeURIComponent('https://odp.example.gov.uk/qualifications/q1');
      expect((await query(`activity=${q1}&${agentParam()}`)).page.statements).toHaveLength(1);
      expect(
        (await query(`activity=${q1}&related_activities=true&${agentParam()}`)).page.statements,
      ).toHaveLength(5);
    });

    it('pages with limit and a more link that walks everything exactly once, in either order', async () => {
      for (const ascending of [false, true]) {
        const seen: string[] = [];
        let next = `/xapi/statements?${agentParam()}&limit=2&ascending=${ascending}`;
        while (next) {
          const page = await json<Page>(await system.client.request(next));
          seen.push(...page.statements.map((s) => s.id));
          next = page.more;
        }
        const expected = written.map((s) => s.id);
        expect(seen).toEqual(ascending ? expected : [...expected].reverse());
      }
    });

    it('bounds by since (exclusive) and until (inclusive) on stored', async () => {
      const all = (await query(`${agentParam()}&ascending=true`)).page.statements;
      const since = all[1]!.stored as string;
      const until = all[3]!.stored as string;
      const window = (
        await query(
          `${agentParam()}&since=${encodeURIComponent(since)}&until=${encodeURIComponent(until)}`,
        )
      ).page;
      for (const s of window.statements) {
        expect((s.stored as string) > since && (s.stored as string) <= until).toBe(true);
      }
    });

    it('formats ids and canonical, and tells Consistent-Through and Last-Modified', async () => {
      const { page, response } = await query(`${agentParam()}&format=ids&limit=1`);
      expect(page.statements[0]!.verb).toEqual({ id: 'http://adlnet.gov/expapi/verbs/passed' });
      const consistentThrough = Date.parse(
        response.headers.get('x-experience-api-consistent-through')!,
      );
      // Every write so far has been answered, so the store is consistent up to about now.
      expect(Date.now() - consistentThrough).toBeLessThan(5_000);
      expect(response.headers.get('last-modified')).toBeTruthy();
    });

    it('rejects unknown parameters and statementId combined with filters', async () => {
      expect((await system.client.request('/xapi/statements?colour=blue')).status).toBe(400);
      expect(
        (
          await system.client.request(
            `/xapi/statements?statementId=${written[0]!.id}&${agentParam()}`,
          )
        ).status,
      ).toBe(400);
      expect(
        (await system.client.request('/xapi/statements?agent=%7B%22name%22%3A%22x%22%7D')).status,
      ).toBe(400);
    });
  });
});
