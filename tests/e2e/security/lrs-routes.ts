import { randomUUID } from 'node:crypto';
import { StatementBuilder } from '@lr/testing';
import type { Scope } from '../../../apps/lrs-api/src/credentials/credential';

// The scope names are the credentials' own; which scopes each route allows is this file's claim.
export { SCOPES } from '../../../apps/lrs-api/src/credentials/credential';
export type { Scope } from '../../../apps/lrs-api/src/credentials/credential';

/**
 * Every route of the LRS with a request that is valid apart from its credentials, and the
 * scopes that may call it. `public` routes need no credentials at all.
 */
export interface RouteCase {
  readonly name: string;
  readonly method: string;
  readonly path: () => string;
  readonly body?: () => string;
  readonly contentType?: string;
  /** Scopes allowed; 'public' for routes that need no credentials. */
  readonly allowed: readonly Scope[] | 'public';
  /** The 1.0.3 alternate syntax carries its credentials in the form, not the header. */
  readonly credentialsInForm?: boolean;
}

const AGENT = encodeURIComponent(
  JSON.stringify({ objectType: 'Agent', mbox: 'mailto:matrix@example.gov.uk' }),
);
const ACTIVITY = encodeURIComponent('https://odp.example.gov.uk/activities/matrix');
const WRITE_STATEMENTS: Scope[] = ['all', 'statements/write'];
const READ_STATEMENTS: Scope[] = ['all', 'all/read', 'statements/read', 'statements/read/mine'];
const statement = () => JSON.stringify(StatementBuilder.aStatement().build());
const document = () => JSON.stringify({ bookmark: randomUUID() });

function documentRoutes(name: string, address: () => string, scope: Scope): RouteCase[] {
  return [
    { name: `GET ${name}`, method: 'GET', path: address, allowed: ['all', 'all/read', scope] },
    { name: `PUT ${name}`, method: 'PUT', path: address, body: document, allowed: ['all', scope] },
    {
      name: `POST ${name}`,
      method: 'POST',
      path: address,
      body: document,
      allowed: ['all', scope],
    },
    { name: `DELETE ${name}`, method: 'DELETE', path: address, allowed: ['all', scope] },
  ];
}

export const LRS_ROUTES: readonly RouteCase[] = [
  { name: 'GET /xapi/about', method: 'GET', path: () => '/xapi/about', allowed: 'public' },
  { name: 'GET /health/live', method: 'GET', path: () => '/health/live', allowed: 'public' },
  { name: 'GET /health/ready', method: 'GET', path: () => '/health/ready', allowed: 'public' },
  {
    name: 'POST /xapi/statements',
    method: 'POST',
    path: () => '/xapi/statements',
    body: statement,
    allowed: WRITE_STATEMENTS,
  },
  {
    name: 'PUT /xapi/statements',
    method: 'PUT',
    path: () => `/xapi/statements?statementId=${randomUUID()}`,
    body: statement,
    allowed: WRITE_STATEMENTS,
  },
  {
    name: 'GET /xapi/statements',
    method: 'GET',
    path: () => '/xapi/statements?limit=1',
    allowed: READ_STATEMENTS,
  },
  {
    name: 'HEAD /xapi/statements',
    method: 'HEAD',
    path: () => '/xapi/statements?limit=1',
    allowed: READ_STATEMENTS,
  },
  {
    name: 'POST /xapi/statements?method=GET (1.0.3 alternate syntax)',
    method: 'POST',
    path: () => '/xapi/statements?method=GET',
    contentType: 'application/x-www-form-urlencoded',
    allowed: READ_STATEMENTS,
    credentialsInForm: true,
  },
  ...documentRoutes(
    '/xapi/activities/state',
    () => `/xapi/activities/state?activityId=${ACTIVITY}&agent=${AGENT}&stateId=${randomUUID()}`,
    'state',
  ),
  ...documentRoutes(
    '/xapi/activities/profile',
    () => `/xapi/activities/profile?activityId=${ACTIVITY}&profileId=${randomUUID()}`,
    'profile',
  ),
  ...documentRoutes(
    '/xapi/agents/profile',
    () => `/xapi/agents/profile?agent=${AGENT}&profileId=${randomUUID()}`,
    'profile',
  ),
  {
    name: 'GET /xapi/agents',
    method: 'GET',
    path: () => `/xapi/agents?agent=${AGENT}`,
    allowed: ['all', 'all/read', 'profile', 'state'],
  },
  {
    name: 'POST /admin/erasures',
    method: 'POST',
    path: () => '/admin/erasures',
    body: () => JSON.stringify({ agent: { mbox: `mailto:erase-${randomUUID()}@example.gov.uk` } }),
    allowed: ['all'],
  },
  {
    name: 'GET /xapi/activities',
    method: 'GET',
    path: () => `/xapi/activities?activityId=${ACTIVITY}`,
    allowed: ['all', 'all/read', 'profile', 'state'],
  },
];

/** Sends a route's request with the given Authorization header (or none). */
export async function callRoute(
  baseUrl: string,
  route: RouteCase,
  authorization: string | undefined,
): Promise<Response> {
  const headers: Record<string, string> = { 'x-experience-api-version': '2.0.0' };
  let body = route.body?.();
  if (route.credentialsInForm) {
    const form = new URLSearchParams({ 'X-Experience-API-Version': '1.0.3' });
    if (authorization) form.set('Authorization', authorization);
    body = form.toString();
    delete headers['x-experience-api-version'];
  } else if (authorization) {
    headers.authorization = authorization;
  }
  if (body !== undefined) headers['content-type'] = route.contentType ?? 'application/json';
  return fetch(`${baseUrl}${route.path()}`, { method: route.method, headers, body });
}

export function basic(key: string, secret: string): string {
  return `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
}
