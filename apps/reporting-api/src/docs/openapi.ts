/** The reporting API's contract, served at /docs/openapi.json. */
const filterParameters = ['qualification', 'level', 'department', 'grade', 'from', 'to'].map(
  (name) => ({
    name,
    in: 'query',
    required: false,
    schema: { type: 'string' },
    description: {
      qualification: 'Qualification code from the catalogue, e.g. ODP-L2-CS',
      level: 'RQF level, 2 to 7',
      department: 'Department code (department admins: their own, or omitted)',
      grade: 'Grade code, e.g. EO',
      from: 'First month, YYYY-MM (inclusive)',
      to: 'Last month, YYYY-MM (inclusive)',
    }[name],
  }),
);

const errors = {
  '400': { description: 'Bad parameter; the message names it' },
  '401': { description: 'Missing, malformed, expired or badly signed token' },
  '403': { description: 'Outside the caller’s reporting scope' },
};

const summarySchema = {
  type: 'object',
  properties: Object.fromEntries(
    [
      'registrations',
      'onProgramme',
      'completions',
      'assessed',
      'passedFirstTime',
      'passedAllAttempted',
    ].map((name) => [name, { type: 'integer' }]),
  ),
};

export const OPENAPI = {
  openapi: '3.0.3',
  info: {
    title: 'ODP learning reporting API',
    version: '1.0.0',
    description:
      'Progress and analytics of the Operational Delivery Profession programme, from precomputed read models. Bearer JWT with claims role (learner, line-manager, department-admin, profession-admin), store, learner (an xAPI Agent) and department.',
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    schemas: {
      Summary: {
        ...summarySchema,
        properties: {
          ...summarySchema.properties,
          passRate: { type: 'number', nullable: true },
          firstTimePassRate: { type: 'number', nullable: true },
        },
      },
    },
  },
  security: [{ bearer: [] }],
  paths: {
    '/v1/learners/me/progress': {
      get: {
        summary: 'The caller’s own progress',
        responses: {
          '200': { description: 'Progress per qualification' },
          '404': { description: 'Nothing recorded yet' },
          ...errors,
        },
      },
    },
    '/v1/learners/progress': {
      get: {
        summary: 'A learner’s progress per qualification and unit',
        parameters: [
          {
            name: 'agent',
            in: 'query',
            required: true,
            schema: { type: 'string' },
            description: 'xAPI Agent as JSON',
          },
        ],
        responses: {
          '200': { description: 'Progress' },
          '404': { description: 'Unknown learner (admins only)' },
          ...errors,
        },
      },
    },
    '/v1/teams/mine': {
      get: {
        summary: 'A line manager’s reports',
        responses: { '200': { description: 'Learner summaries' }, ...errors },
      },
    },
    '/v1/teams': {
      get: {
        summary: 'A manager’s reports (admins, within their scope)',
        parameters: [{ name: 'manager', in: 'query', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'Learner summaries' }, ...errors },
      },
    },
    '/v1/departments/{code}/learners': {
      get: {
        summary: 'A department’s learners, a page at a time',
        parameters: [
          { name: 'code', in: 'path', required: true, schema: { type: 'string' } },
          {
            name: 'after',
            in: 'query',
            schema: { type: 'string' },
            description: 'next from the previous page',
          },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200 } },
        ],
        responses: { '200': { description: '{ items, next }' }, ...errors },
      },
    },
    '/v1/analytics/summary': {
      get: {
        summary: 'Registrations, on programme, completions, pass and first-time pass rates',
        parameters: filterParameters,
        responses: {
          '200': {
            description: 'Figures',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Summary' } } },
          },
          ...errors,
        },
      },
    },
    '/v1/analytics/monthly': {
      get: {
        summary: 'One metric month by month (e.g. registrations per month)',
        parameters: [
          {
            name: 'metric',
            in: 'query',
            required: true,
            schema: { type: 'string', enum: Object.keys(summarySchema.properties) },
          },
          ...filterParameters,
        ],
        responses: { '200': { description: '[{ month, count }]' }, ...errors },
      },
    },
    '/v1/analytics/breakdown': {
      get: {
        summary: 'The summary split by qualification, level, department or grade',
        parameters: [
          {
            name: 'by',
            in: 'query',
            required: true,
            schema: { type: 'string', enum: ['qualification', 'level', 'department', 'grade'] },
          },
          ...filterParameters,
        ],
        responses: { '200': { description: '[{ key, name, ...Summary }]' }, ...errors },
      },
    },
    '/v1/accreditation/claims/summary': {
      get: {
        summary: 'Accreditation claims with the awarding bodies by status and kind',
        parameters: [filterParameters.find((p) => p.name === 'department')!],
        responses: {
          '200': {
            description:
              '{ total, byStatus: [{ status, registration, certificate, total }] }, statuses pending, sent, acknowledged, rejected, dead',
          },
          ...errors,
        },
      },
    },
  },
};
