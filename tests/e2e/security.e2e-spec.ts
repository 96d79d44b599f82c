import { randomUUID } from 'node:crypto';
import { AppProcess, StatementBuilder } from '@lr/testing';
import { adminCli, credentialsCli } from './credentials-cli';
import { LrsClient } from './lrs-client';
import { ReportingClient } from './reporting-client';
import { basic, callRoute, LRS_ROUTES, RouteCase, Scope, SCOPES } from './security/lrs-routes';
import { RunningSystem, startSystem } from './system';

const BURST = 100;
const MAX_BODY_BYTES = 65_536;
const OPERATOR_TOKEN = 'security-e2e-operator-token';

/** Whatever a response may show a client: no stack frames, file paths or internal names. */
const LEAKS =
  /\bat \S+ \(|\.(ts|js):\d+|\/src\/|node_modules|Exception\b|Mongo|Kafka|TypeError|RangeError|SyntaxError|ReferenceError|undefined is not|Cannot read prop/;

/**
 * Authentication and authorisation of every route, store isolation, per-credential rate
 * limiting, body limits, error hygiene and security headers, over HTTP against the real apps.
 */
describe('security (e2e)', () => {
  const json = { 'content-type': 'application/json' };
  let system: RunningSystem;
  let gateway: AppProcess;
  const principals = new Map<Scope, string>();
  let revoked: string;

  const create = async (store: string, scopes: string) => {
    const out = await credentialsCli(
      system,
      'create',
      '--name',
      'sec',
      '--store',
      store,
      '--scopes',
      scopes,
    );
    return JSON.parse(out) as { key: string; secret: string };
  };

  beforeAll(async () => {
    system = await startSystem({
      reporting: true,
      env: {
        LRS_RATE_LIMIT_PER_SECOND: '1',
        LRS_RATE_LIMIT_BURST: String(BURST),
        LRS_MAX_BODY_BYTES: String(MAX_BODY_BYTES),
        // Erasing an unknown learner need not wait long for the consumers.
        LRS_ERASURE_WAIT_MS: '5000',
      },
    });
    const [gatewayApp, ...created] = await Promise.all([
      AppProcess.start('accreditation-gateway', {
        ...system.env,
        GATEWAY_OPERATOR_TOKEN: OPERATOR_TOKEN,
      }),
      ...SCOPES.map((scope) => create('default', scope)),
      create('default', 'all'),
    ]);
    gateway = gatewayApp;
    SCOPES.forEach((scope, i) => principals.set(scope, basic(created[i]!.key, created[i]!.secret)));
    const gone = created[SCOPES.length]!;
    await credentialsCli(system, 'revoke', gone.key);
    revoked = basic(gone.key, gone.secret);
  }, 180_000);

  afterAll(async () => {
    await gateway?.stop();
    await system?.stop();
  });

  describe('scope × route matrix', () => {
    const unauthenticated: [string, () => string | undefined][] = [
      ['no credentials', () => undefined],
      ['a wrong secret', () => basic(system.env.LRS_DEV_KEY!, 'not-the-secret')],
      ['an unknown key', () => basic(`nobody-${randomUUID()}`, 'whatever-secret')],
      ['a revoked credential', () => revoked],
      ['a bearer token', () => 'Bearer abc.def.ghi'],
      ['malformed Basic', () => 'Basic !!!not-base64'],
    ];

    const expectAllowed = async (route: RouteCase, response: Response, who: string) => {
      const outcome = `${route.name} with ${who}: ${response.status} ${await response.text()}`;
      expect({ outcome, allowed: response.status < 400 || response.status === 404 }).toEqual({
        outcome,
        allowed: true,
      });
    };
    const expectStatus = async (
      route: RouteCase,
      response: Response,
      who: string,
      status: number,
    ) => {
      const outcome = `${route.name} with ${who}: ${response.status} ${await response.text()}`;
      expect({ outcome, status: response.status }).toEqual({ outcome, status });
    };

    it.each(LRS_ROUTES.map((route) => [route.name, route] as const))(
      '%s: allowed scopes pass, other scopes get 403, bad credentials 401',
      async (_name, route) => {
        for (const [who, authorization] of unauthenticated) {
          const response = await callRoute(system.lrs.baseUrl, route, authorization());
          if (route.allowed === 'public') await expectAllowed(route, response, who);
          else await expectStatus(route, response, who, 401);
        }
        for (const scope of SCOPES) {
          const response = await callRoute(system.lrs.baseUrl, route, principals.get(scope));
          if (route.allowed === 'public' || route.allowed.includes(scope)) {
            await expectAllowed(route, response, `scope ${scope}`);
          } else {
            await expectStatus(route, response, `scope ${scope}`, 403);
          }
        }
      },
    );

    it('lets statements/read/mine read only the statements it wrote', async () => {
      const mine = await create('default', 'statements/write,statements/read/mine');
      const client = new LrsClient(system.lrs.baseUrl, mine.key, mine.secret);
      const own = StatementBuilder.aStatement().withId().build();
      const other = StatementBuilder.aStatement().withId().build();
      expect((await client.postStatements(own)).status).toBe(200);
      expect((await system.client.postStatements(other)).status).toBe(200);
      expect((await client.getStatement(own.id as string)).status).toBe(200);
      expect((await client.getStatement(other.id as string)).status).toBe(404);
      const page = (await (await client.request('/xapi/statements?limit=100')).json()) as {
        statements: { id: string }[];
      };
      expect(page.statements.map((s) => s.id)).toEqual([own.id]);
    });
  });

  describe('stores', () => {
    it('never lets one store read another store’s statements, documents, agents or activities', async () => {
      const [a, b] = await Promise.all([create('store-a', 'all'), create('store-b', 'all')]);
      const storeA = new LrsClient(system.lrs.baseUrl, a.key, a.secret);
      const storeB = new LrsClient(system.lrs.baseUrl, b.key, b.secret);
      const email = `secret-${randomUUID()}@example.gov.uk`;
      const activityId = `https://odp.example.gov.uk/activities/${randomUUID()}`;
      const agent = encodeURIComponent(JSON.stringify({ mbox: `mailto:${email}` }));
      const activity = encodeURIComponent(activityId);
      const statement = StatementBuilder.aStatement()
        .withId()
        .byLearner(email)
        .with({
          object: {
            id: activityId,
            definition: { name: { 'en-GB': 'Store A only' } },
          },
        })
        .build();
      const documents = [
        `/xapi/activities/state?activityId=${activity}&agent=${agent}&stateId=s1`,
        `/xapi/activities/profile?activityId=${activity}&profileId=p1`,
        `/xapi/agents/profile?agent=${agent}&profileId=p1`,
      ];
      expect((await storeA.postStatements(statement)).status).toBe(200);
      for (const url of documents) {
        const put = await storeA.request(url, { method: 'PUT', body: JSON.stringify({ a: 1 }) });
        expect(put.status).toBe(204);
      }
      await adminCli(
        system,
        'people',
        'link',
        '--store',
        'store-a',
        JSON.stringify({ mbox: `mailto:${email}` }),
        JSON.stringify({ account: { homePage: 'https://hr.example.gov.uk', name: email } }),
      );

      expect((await storeB.getStatement(statement.id as string)).status).toBe(404);
      const byAgent = await storeB.request(`/xapi/statements?agent=${agent}`);
      expect(((await byAgent.json()) as { statements: unknown[] }).statements).toEqual([]);
      for (const url of documents) expect((await storeB.request(url)).status).toBe(404);
      const lists = [
        `/xapi/activities/state?activityId=${activity}&agent=${agent}`,
        `/xapi/activities/profile?activityId=${activity}`,
        `/xapi/agents/profile?agent=${agent}`,
      ];
      for (const url of lists) expect(await (await storeB.request(url)).json()).toEqual([]);
      expect(
        await (await storeB.request(`/xapi/activities?activityId=${activity}`)).json(),
      ).toEqual({
        objectType: 'Activity',
        id: activityId,
      });
      const person = (await (await storeB.request(`/xapi/agents?agent=${agent}`)).json()) as {
        account?: unknown;
      };
      expect(person.account).toBeUndefined();
      // Store A sees its own: the checks above are not vacuous.
      const personA = (await (await storeA.request(`/xapi/agents?agent=${agent}`)).json()) as {
        account?: unknown[];
      };
      expect(personA.account).toHaveLength(1);
      expect((await storeA.getStatement(statement.id as string)).status).toBe(200);

      // An id taken in store A is free in store B: no 409 that would reveal it exists.
      const reused = await storeB.request(
        `/xapi/statements?statementId=${statement.id as string}`,
        {
          method: 'PUT',
          body: JSON.stringify(StatementBuilder.aStatement().withVerb('attempted').build()),
        },
      );
      expect(reused.status).toBe(204);
      const stillA = (await (await storeA.getStatement(statement.id as string)).json()) as {
        verb: unknown;
      };
      expect(stillA.verb).toEqual(statement.verb);
    });
  });

  describe('rate limiting', () => {
    it('answers 429 with Retry-After once a credential has used its burst, and only that credential', async () => {
      const [busy, quiet] = await Promise.all([create('default', 'all'), create('default', 'all')]);
      const busyClient = new LrsClient(system.lrs.baseUrl, busy.key, busy.secret);
      const quietClient = new LrsClient(system.lrs.baseUrl, quiet.key, quiet.secret);
      const started = Date.now();
      const statuses: number[] = [];
      let limited: Response | undefined;
      while (!limited && statuses.length < BURST * 2) {
        const response = await busyClient.request('/xapi/statements?limit=1');
        statuses.push(response.status);
        if (response.status === 429) limited = response;
        else await response.arrayBuffer();
      }
      const refilled = Math.ceil((Date.now() - started) / 1000);
      expect(limited).toBeDefined();
      expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(BURST);
      expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(BURST + refilled);
      expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(limited!.headers.get('x-experience-api-version')).toBe('2.0.0');
      const body = (await limited!.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ error: 'TooManyRequestsError' });
      expect(body.message).toMatch(/rate limit/);

      expect((await quietClient.request('/xapi/statements?limit=1')).status).toBe(200);
      // Bad credentials are refused as before, whatever the limiter holds.
      const wrong = new LrsClient(system.lrs.baseUrl, busy.key, 'wrong-secret');
      expect((await wrong.request('/xapi/statements?limit=1')).status).toBe(401);

      const wait = Number(limited!.headers.get('retry-after')) * 1000;
      await new Promise((resolve) => setTimeout(resolve, wait));
      expect((await busyClient.request('/xapi/statements?limit=1')).status).toBe(200);
    });
  });

  describe('secret guessing', () => {
    it('refuses guesses at a key with 429 before hashing once it has had its 20 wrong secrets', async () => {
      const target = await create('default', 'all');
      const guesser = (secret: string) => new LrsClient(system.lrs.baseUrl, target.key, secret);
      // Ten at a time, so guesses outpace the refill however slow hashing is on this machine.
      const started = Date.now();
      const statuses: number[] = [];
      let refused: Response | undefined;
      while (!refused && statuses.length < 400) {
        const batch = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            guesser(`guess-${statuses.length + i}`).request('/xapi/statements?limit=1'),
          ),
        );
        statuses.push(...batch.map((response) => response.status));
        refused = batch.find((response) => response.status === 429);
      }
      const refilled = 5 * Math.ceil((Date.now() - started) / 1000);
      expect(new Set(statuses)).toEqual(new Set([401, 429]));
      const wrong = statuses.filter((status) => status === 401).length;
      expect(wrong).toBeGreaterThanOrEqual(20);
      expect(wrong).toBeLessThanOrEqual(20 + refilled);
      const retryAfter = Number(refused!.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(await refused!.json()).toMatchObject({ error: 'TooManyRequestsError' });
      await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
      expect((await guesser(target.secret).request('/xapi/statements?limit=1')).status).toBe(200);
    });
  });

  describe('limits', () => {
    const nested = (levels: number): unknown => {
      let value: unknown = 'leaf';
      for (let i = 0; i < levels; i++) value = { deeper: value };
      return value;
    };
    const withExtension = (levels: number) =>
      StatementBuilder.aStatement()
        .withId()
        .with({ result: { extensions: { 'https://odp.example.gov.uk/ext/deep': nested(levels) } } })
        .build();

    it('accepts JSON 32 levels deep and refuses 33 with a 400 that says so', async () => {
      // statement → result → extensions → value: three levels before the extension's own.
      expect((await system.client.postStatements(withExtension(29))).status).toBe(200);
      const deep = await system.client.postStatements(withExtension(30));
      expect(deep.status).toBe(400);
      expect(((await deep.json()) as { message: string }).message).toMatch(
        /nested more than 32 levels/,
      );
      const hostile = await system.client.request('/xapi/statements', {
        method: 'POST',
        body: '['.repeat(20_000) + ']'.repeat(20_000),
      });
      expect(hostile.status).toBe(400);
    });

    it('refuses deep JSON inside multipart/mixed too', async () => {
      const boundary = 'securityboundary';
      const body = `--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(withExtension(40))}\r\n--${boundary}--`;
      const response = await system.client.request('/xapi/statements', {
        method: 'POST',
        body,
        headers: { 'content-type': `multipart/mixed; boundary=${boundary}` },
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toMatch(
        /nested more than 32 levels/,
      );
    });

    it('answers 413 for a body over LRS_MAX_BODY_BYTES, on statements and documents', async () => {
      const big = JSON.stringify({ padding: 'x'.repeat(MAX_BODY_BYTES) });
      const statements = await system.client.request('/xapi/statements', {
        method: 'POST',
        body: big,
      });
      expect(statements.status).toBe(413);
      const agent = encodeURIComponent(JSON.stringify({ mbox: 'mailto:big@example.gov.uk' }));
      const document = await system.client.request(
        `/xapi/agents/profile?agent=${agent}&profileId=big`,
        { method: 'PUT', body: big },
      );
      expect(document.status).toBe(413);
    });
  });

  describe('error hygiene', () => {
    const provocations: [string, string, RequestInit][] = [
      ['malformed JSON', '/xapi/statements', { method: 'POST', body: '{"actor":', headers: json }],
      [
        'JSON with __proto__',
        '/xapi/statements',
        { method: 'POST', body: '{"__proto__":{"x":1}}', headers: json },
      ],
      [
        'a bad content type',
        '/xapi/statements',
        { method: 'POST', body: '<xml/>', headers: { 'content-type': 'text/xml' } },
      ],
      [
        'a huge number',
        '/xapi/statements',
        {
          method: 'POST',
          body: '{"actor":{"mbox":"mailto:a@b.c"},"verb":{"id":"http://x.y/v"},"object":{"id":"http://x.y/o"},"result":{"score":{"raw":1e999}}}',
          headers: json,
        },
      ],
      ['a huge limit', '/xapi/statements?limit=1e999', {}],
      ['a bad since', '/xapi/statements?since=99999-99-99', {}],
      ['bad agent JSON', '/xapi/statements?agent=%7B%22mbox', {}],
      ['a bad page token', '/xapi/statements?more=AAAA', {}],
      [
        'bad multipart',
        '/xapi/statements',
        {
          method: 'POST',
          body: 'garbage',
          headers: { 'content-type': 'multipart/mixed; boundary=zz' },
        },
      ],
      [
        'multipart without boundary',
        '/xapi/statements',
        { method: 'POST', body: 'x', headers: { 'content-type': 'multipart/mixed' } },
      ],
      [
        'invalid UTF-8',
        '/xapi/statements',
        { method: 'POST', body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), headers: json },
      ],
      ['an unknown route', '/xapi/nothing-here', {}],
      ['an unknown method', '/xapi/statements', { method: 'PATCH', body: '{}', headers: json }],
      ['a bad statementId', '/xapi/statements?statementId=../../etc/passwd', {}],
      ['a document without its parameters', '/xapi/activities/state', {}],
      ['an object as a string parameter', '/xapi/activities?activityId[$ne]=x', {}],
    ];

    it.each(provocations)(
      'answers %s with a 4xx and a plain message',
      async (_what, path, init) => {
        const response = await system.client.request(path, init);
        const text = await response.text();
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        const body = JSON.parse(text) as Record<string, unknown>;
        expect(Object.keys(body).sort()).toEqual(['correlationId', 'error', 'message']);
        expect(typeof body.message).toBe('string');
        expect(text).not.toMatch(LEAKS);
      },
    );

    it('keeps internals out of the other apps’ errors too', async () => {
      const reporting = new ReportingClient(system.reporting!.baseUrl);
      const answers = await Promise.all([
        fetch(`${system.reporting!.baseUrl}/v1/learners/me/progress`, {
          headers: { authorization: 'Bearer not.a.jwt' },
        }),
        reporting.get('/v1/learners/progress?agent=%7Bbroken', { role: 'profession-admin' }),
        fetch(`${system.reporting!.baseUrl}/v1/nothing`),
        fetch(`${gateway.baseUrl}/claims/nope`, {
          headers: { authorization: `Bearer ${OPERATOR_TOKEN}` },
        }),
        fetch(`${gateway.baseUrl}/callbacks/cmi`, { method: 'POST', body: '{', headers: json }),
        fetch(`${system.projector.baseUrl}/nothing`),
      ]);
      for (const response of answers) {
        const text = await response.text();
        expect({ status: response.status, text }).toEqual({
          status: expect.any(Number) as number,
          text: expect.not.stringMatching(LEAKS) as string,
        });
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
      }
    });
  });

  describe('other apps', () => {
    it('needs credentials everywhere but health and docs', async () => {
      const reporting = system.reporting!.baseUrl;
      for (const path of ['/v1/learners/me/progress', '/v1/teams/mine', '/v1/analytics/summary']) {
        expect((await fetch(`${reporting}${path}`)).status).toBe(401);
      }
      for (const path of ['/health/live', '/docs', '/docs/openapi.json']) {
        expect((await fetch(`${reporting}${path}`)).status).toBe(200);
      }
      for (const [method, path] of [
        ['GET', '/claims'],
        ['GET', '/claims/stats'],
        ['GET', '/claims/some-id'],
        ['POST', '/claims/some-id/redrive'],
        ['POST', '/claims/replay'],
      ] as const) {
        const wrong = await fetch(`${gateway.baseUrl}${path}`, {
          method,
          headers: { authorization: 'Bearer wrong-token-of-some-length' },
        });
        expect(wrong.status).toBe(401);
        expect((await fetch(`${gateway.baseUrl}${path}`, { method })).status).toBe(401);
      }
      expect(
        (
          await fetch(`${gateway.baseUrl}/claims/stats`, {
            headers: { authorization: `Bearer ${OPERATOR_TOKEN}` },
          })
        ).status,
      ).toBe(200);
      const unsigned = await fetch(`${gateway.baseUrl}/callbacks/cmi`, {
        method: 'POST',
        body: JSON.stringify({ claimId: 'x', status: 'acknowledged' }),
        headers: json,
      });
      expect(unsigned.status).toBe(401);
      expect((await fetch(`${gateway.baseUrl}/health/live`)).status).toBe(200);
    });
  });

  describe('security headers', () => {
    const expected = {
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cross-origin-resource-policy': 'same-origin',
      'strict-transport-security': expect.stringMatching(/^max-age=\d+/) as string,
      'content-security-policy': expect.stringContaining("frame-ancestors 'none'") as string,
    };
    const headersOf = (response: Response) =>
      Object.fromEntries([...response.headers].filter(([name]) => name in expected));

    it('are on every response of every app, successes and errors alike, with no server banner', async () => {
      const lrs = system.lrs.baseUrl;
      const responses = await Promise.all([
        fetch(`${lrs}/xapi/about`),
        fetch(`${lrs}/health/ready`),
        fetch(`${lrs}/xapi/statements`, { headers: { 'x-experience-api-version': '2.0.0' } }),
        fetch(`${lrs}/xapi/statements`),
        fetch(`${lrs}/nothing`),
        system.client.request('/xapi/statements?limit=1'),
        system.client.request('/xapi/statements', { method: 'POST', body: '{' }),
        fetch(`${system.projector.baseUrl}/health/live`),
        fetch(`${system.reporting!.baseUrl}/docs`),
        fetch(`${system.reporting!.baseUrl}/v1/teams/mine`),
        fetch(`${gateway.baseUrl}/claims`),
        fetch(`${gateway.baseUrl}/health/live`),
      ]);
      for (const response of responses) {
        expect({ url: response.url, headers: headersOf(response) }).toEqual({
          url: response.url,
          headers: expected,
        });
        expect(response.headers.get('x-powered-by')).toBeNull();
        expect(response.headers.get('server')).toBeNull();
        await response.arrayBuffer();
      }
    });

    it('keep CORS working for browser-launched xAPI content', async () => {
      const origin = 'https://content.example.org';
      const preflight = await fetch(`${system.lrs.baseUrl}/xapi/statements`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,x-experience-api-version',
        },
      });
      expect(preflight.status).toBeLessThan(300);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
      expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
      const actual = await system.client.request('/xapi/statements?limit=1', {
        headers: { origin },
      });
      expect(actual.status).toBe(200);
      expect(actual.headers.get('access-control-allow-origin')).toBe(origin);
      expect(actual.headers.get('access-control-expose-headers')).toMatch(
        /X-Experience-API-Version/,
      );
    });
  });
});
