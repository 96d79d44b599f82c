import fc from 'fast-check';

/**
 * fast-check arbitraries for xAPI 2.0.0 statements an LRS must accept, written in the form it
 * keeps byte for byte (`format=exact`): timestamps already UTC with milliseconds and context
 * activities already arrays, the two things the LRS may reformat.
 */
type Json = Record<string, unknown>;

const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 16 });
const hostLabel = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}[a-z0-9]$/);
const host = fc
  .tuple(hostLabel, fc.constantFrom('gov.uk', 'example.com', 'org', 'co.uk'))
  .map(([label, suffix]) => `${label}.${suffix}`);
const segment = fc.stringMatching(/^[A-Za-z0-9._~-]{1,10}$/);
const unicodeSegment = fc.constantFrom('café', '日本語', 'ünïcode', 'дом', 'naïve');

export const iri: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('http', 'https'),
      host,
      fc.array(fc.oneof(segment, unicodeSegment), { maxLength: 4 }),
      fc.option(segment, { nil: undefined }),
    )
    .map(([scheme, h, path, fragment]) =>
      [`${scheme}://${h}/${path.join('/')}`, fragment ? `#${fragment}` : ''].join(''),
    ),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc
    .tuple(fc.stringMatching(/^[a-z][a-z0-9-]{1,8}$/), segment)
    .map(([nid, nss]) => `urn:${nid}:${nss}`),
);

export const languageTag = fc.constantFrom(
  'en',
  'en-GB',
  'en-US',
  'cy-GB',
  'fr',
  'fr-CA',
  'de-DE',
  'zh-Hans-CN',
  'es-419',
  'und',
);

export const languageMap = fc.dictionary(languageTag, text, { maxKeys: 2 });

const mbox = fc
  .tuple(fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,10}$/), host)
  .map(([local, h]) => `mailto:${local}@${h}`);

/** Exactly one inverse functional identifier. */
const ifi: fc.Arbitrary<Json> = fc.oneof(
  mbox.map((value) => ({ mbox: value })),
  fc.stringMatching(/^[0-9a-f]{40}$/).map((value) => ({ mbox_sha1sum: value })),
  iri.map((value) => ({ openid: value })),
  fc.record({ homePage: iri, name: text }).map((account) => ({ account })),
);

const named = fc.record({ name: text }, { requiredKeys: [] });

export const agent: fc.Arbitrary<Json> = fc
  .tuple(ifi, named, fc.boolean())
  .map(([id, name, typed]) => ({ ...(typed ? { objectType: 'Agent' } : {}), ...name, ...id }));

const typedAgent = agent.map((a) => ({ ...a, objectType: 'Agent' }));

export const group: fc.Arbitrary<Json> = fc.oneof(
  fc
    .tuple(ifi, named, fc.option(fc.array(agent, { maxLength: 3 }), { nil: undefined }))
    .map(([id, name, member]) => ({
      objectType: 'Group',
      ...name,
      ...id,
      ...(member ? { member } : {}),
    })),
  fc
    .tuple(named, fc.array(agent, { minLength: 1, maxLength: 3 }))
    .map(([name, member]) => ({ objectType: 'Group', ...name, member })),
);

const uuid = fc.uuid();

/** Plain JSON for extension values: no -0 (JSON has none), no keys JSON parsers refuse. */
const extensionValue: fc.Arbitrary<unknown> = fc
  .jsonValue({ maxDepth: 2, stringUnit: 'grapheme' })
  .map(plainJson);

export const extensions = fc.dictionary(iri, extensionValue, { maxKeys: 2 });

export const activity: fc.Arbitrary<Json> = fc.record(
  {
    objectType: fc.constant('Activity'),
    id: iri,
    definition: fc.record(
      {
        name: languageMap,
        description: languageMap,
        type: iri,
        moreInfo: iri,
        extensions,
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['id'] },
);

const isoSeconds = fc.integer({ min: 0, max: 59 });
export const duration: fc.Arbitrary<string> = fc.oneof(
  fc.nat({ max: 100_000 }).map((s) => `PT${s}S`),
  fc
    .tuple(fc.nat({ max: 99 }), fc.nat({ max: 59 }), isoSeconds, fc.nat({ max: 99 }))
    .map(([h, m, s, cs]) => `PT${h}H${m}M${s}.${String(cs).padStart(2, '0')}S`),
  fc
    .tuple(fc.integer({ min: 1, max: 9 }), fc.nat({ max: 11 }), fc.nat({ max: 30 }))
    .map(([y, mo, d]) => `P${y}Y${mo}M${d}D`),
  fc.integer({ min: 1, max: 52 }).map((w) => `P${w}W`),
);

export const timestamp = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z') })
  .filter((date) => !Number.isNaN(date.getTime()))
  .map((date) => date.toISOString());

const SCORE_KEYS = ['scaled', 'raw', 'min', 'max'] as const;

/** Consistent values (raw within [min, max]), any subset of them present. */
const score: fc.Arbitrary<Json> = fc
  .tuple(
    fc.double({ min: -1, max: 1, noNaN: true }).map((n) => (Object.is(n, -0) ? 0 : n)),
    fc.integer({ min: -1000, max: 1000 }),
    fc.integer({ min: 1, max: 1000 }),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.subarray([...SCORE_KEYS]),
  )
  .map(([scaled, min, span, at, keys]) => {
    const values = { scaled, raw: min + Math.round(span * at), min, max: min + span };
    return Object.fromEntries(keys.map((key) => [key, values[key]]));
  });

export const result: fc.Arbitrary<Json> = fc.record(
  {
    score,
    success: fc.boolean(),
    completion: fc.boolean(),
    response: fc.string({ unit: 'grapheme', maxLength: 30 }),
    duration,
    extensions,
  },
  { requiredKeys: [] },
);

const statementRef = uuid.map((id) => ({ objectType: 'StatementRef', id }));

/** revision and platform are dropped by `core` when the object is not an Activity. */
const context: fc.Arbitrary<Json> = contextOf();

function contextOf(): fc.Arbitrary<Json> {
  const activities = fc.array(activity, { minLength: 1, maxLength: 1 });
  return fc.record(
    {
      registration: uuid,
      instructor: agent,
      team: group,
      contextActivities: fc.record(
        { parent: activities, grouping: activities, category: activities, other: activities },
        { requiredKeys: [] },
      ),
      revision: text,
      platform: text,
      language: languageTag,
      statement: statementRef,
      extensions,
      contextAgents: fc.array(
        fc.record(
          {
            objectType: fc.constant('contextAgent'),
            agent,
            relevantTypes: fc.array(iri, { minLength: 1, maxLength: 2 }),
          },
          { requiredKeys: ['objectType', 'agent'] },
        ),
        { maxLength: 2 },
      ),
      contextGroups: fc.array(
        fc.record(
          {
            objectType: fc.constant('contextGroup'),
            group,
            relevantTypes: fc.array(iri, { minLength: 1, maxLength: 2 }),
          },
          { requiredKeys: ['objectType', 'group'] },
        ),
        { maxLength: 2 },
      ),
    },
    { requiredKeys: [] },
  );
}

const attachment = fc.record(
  {
    usageType: iri,
    display: languageMap,
    description: languageMap,
    contentType: fc.constantFrom('application/pdf', 'text/plain', 'image/png'),
    length: fc.nat({ max: 10_000_000 }),
    sha2: fc.stringMatching(/^[0-9a-f]{64}$/),
    fileUrl: iri,
  },
  { requiredKeys: ['usageType', 'display', 'contentType', 'length', 'sha2', 'fileUrl'] },
);

const verb = fc.record({ id: iri, display: languageMap }, { requiredKeys: ['id'] });

/** Actor, verb, object and the optional parts statements and sub-statements share. */
function core(object: fc.Arbitrary<Json>): fc.Arbitrary<Json> {
  return fc
    .record(
      {
        actor: fc.oneof(agent, group),
        verb,
        object,
        result,
        context,
        timestamp,
        attachments: fc.array(attachment, { minLength: 1, maxLength: 1 }),
      },
      { requiredKeys: ['actor', 'verb', 'object'] },
    )
    .map((statement) => {
      const type = statement.object.objectType;
      if (!statement.context || type === undefined || type === 'Activity') return statement;
      const { revision: _r, platform: _p, ...rest } = statement.context;
      return { ...statement, context: rest };
    });
}

const simpleObject = fc.oneof(
  { arbitrary: activity, weight: 4 },
  { arbitrary: typedAgent, weight: 1 },
  { arbitrary: group, weight: 1 },
  { arbitrary: statementRef, weight: 1 },
);

const subStatement = core(simpleObject).map((s) => ({ objectType: 'SubStatement', ...s }));

/** A statement with a client-chosen id, as content and test engines send them. */
export const validStatement: fc.Arbitrary<Json> = fc
  .tuple(
    uuid,
    core(fc.oneof({ arbitrary: simpleObject, weight: 5 }, { arbitrary: subStatement, weight: 1 })),
    fc.option(fc.constantFrom('2.0.0', '1.0.3'), { nil: undefined }),
  )
  .map(([id, statement, version]) => ({ id, ...statement, ...(version ? { version } : {}) }));

/**
 * The essentials only (id, actor, verb, object, sometimes a timestamp): about a fifth of the
 * cost of `validStatement`, for runs that need many statements and break the rest themselves.
 */
export const leanStatement: fc.Arbitrary<Json> = fc.record(
  { id: uuid, actor: fc.oneof(agent, group), verb, object: simpleObject, timestamp },
  { requiredKeys: ['id', 'actor', 'verb', 'object'] },
);

function plainJson(value: unknown): unknown {
  if (typeof value === 'number') return Object.is(value, -0) ? 0 : value;
  if (Array.isArray(value)) return value.map(plainJson);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== '__proto__' && key !== 'constructor')
        .map(([key, inner]) => [key, plainJson(inner)]),
    );
  }
  return value;
}
