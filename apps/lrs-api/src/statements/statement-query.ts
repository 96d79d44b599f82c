import { isUuid, XapiVersion } from '@lr/xapi';
import { BadRequestError } from '../common/domain-errors';
import { agentParam, iriParam, timestampParam, uuidParam } from '../common/xapi-params';

export type StatementFormat = 'exact' | 'ids' | 'canonical';

export interface StatementFilter {
  readonly agent?: string;
  readonly relatedAgents: boolean;
  readonly verb?: string;
  readonly activity?: string;
  readonly relatedActivities: boolean;
  readonly registration?: string;
  /** Exclusive lower bound on stored, ISO UTC. */
  readonly since?: string;
  /** Inclusive upper bound on stored, ISO UTC. */
  readonly until?: string;
  readonly ascending: boolean;
}

export interface PageCursor {
  readonly stored: string;
  readonly id: string;
}

export type StatementQuery =
  | {
      readonly kind: 'single';
      readonly statementId: string;
      readonly voided: boolean;
      readonly format: StatementFormat;
      readonly attachments: boolean;
    }
  | {
      readonly kind: 'list';
      readonly filter: StatementFilter;
      readonly limit: number;
      readonly format: StatementFormat;
      readonly attachments: boolean;
      readonly after?: PageCursor;
    };

const KNOWN = new Set([
  'statementId',
  'voidedStatementId',
  'agent',
  'verb',
  'activity',
  'registration',
  'related_activities',
  'related_agents',
  'since',
  'until',
  'limit',
  'format',
  'attachments',
  'ascending',
]);

const SINGLE_COMPATIBLE = new Set(['statementId', 'voidedStatementId', 'format', 'attachments']);

export type QueryParams = Record<string, string | undefined>;

/** Turns GET /statements parameters into a query, or a 400 naming the bad parameter. Pure. */
export function parseStatementQuery(
  params: QueryParams,
  version: XapiVersion,
  maxPage: number,
): StatementQuery {
  const given = Object.keys(params).filter((k) => params[k] !== undefined);
  const unknown = given.find((k) => !KNOWN.has(k));
  if (unknown) throw new BadRequestError(`unknown query parameter ${unknown}`);
  const format = parseFormat(params.format);
  const attachments = parseBoolean('attachments', params.attachments);
  const singleId = params.statementId ?? params.voidedStatementId;
  if (singleId !== undefined) {
    if (params.statementId !== undefined && params.voidedStatementId !== undefined) {
      throw new BadRequestError('statementId and voidedStatementId cannot be used together');
    }
    const extra = given.find((k) => !SINGLE_COMPATIBLE.has(k));
    if (extra)
      throw new BadRequestError(
        `${extra} cannot be combined with statementId or voidedStatementId`,
      );
    if (!isUuid(singleId))
      throw new BadRequestError('statementId/voidedStatementId must be a UUID');
    return {
      kind: 'single',
      statementId: singleId.toLowerCase(),
      voided: params.voidedStatementId !== undefined,
      format,
      attachments,
    };
  }
  return {
    kind: 'list',
    filter: parseFilter(params, version),
    limit: parseLimit(params.limit, maxPage),
    format,
    attachments,
  };
}

function parseFilter(params: QueryParams, version: XapiVersion): StatementFilter {
  return {
    agent: params.agent === undefined ? undefined : agentParam('agent', params.agent, version),
    relatedAgents: parseBoolean('related_agents', params.related_agents),
    verb: params.verb === undefined ? undefined : iriParam('verb', params.verb),
    activity: params.activity === undefined ? undefined : iriParam('activity', params.activity),
    relatedActivities: parseBoolean('related_activities', params.related_activities),
    registration:
      params.registration === undefined
        ? undefined
        : uuidParam('registration', params.registration),
    since: params.since === undefined ? undefined : timestampParam('since', params.since),
    until: params.until === undefined ? undefined : timestampParam('until', params.until),
    ascending: parseBoolean('ascending', params.ascending),
  };
}

function parseLimit(raw: string | undefined, maxPage: number): number {
  if (raw === undefined) return maxPage;
  if (!/^\d+$/.test(raw))
    throw new BadRequestError('limit parameter must be a non-negative integer');
  const limit = Number(raw);
  return limit === 0 ? maxPage : Math.min(limit, maxPage);
}

function parseFormat(raw: string | undefined): StatementFormat {
  if (raw === undefined) return 'exact';
  if (raw === 'exact' || raw === 'ids' || raw === 'canonical') return raw;
  throw new BadRequestError('format parameter must be ids, exact or canonical');
}

function parseBoolean(name: string, raw: string | undefined): boolean {
  if (raw === undefined) return false;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new BadRequestError(`${name} parameter must be true or false`);
}
