import { XapiVersion } from '@lr/xapi';
import { BadRequestError } from '../common/domain-errors';
import { agentParam, iriParam, timestampParam, uuidParam } from '../common/xapi-params';

export type DocumentKind = 'state' | 'activity-profile' | 'agent-profile';

/** Where a document lives; `docId` absent means "all documents there" (list, delete all). */
export interface DocumentAddress {
  readonly storeId: string;
  readonly kind: DocumentKind;
  readonly activityId: string | null;
  readonly agent: string | null;
  readonly registration: string | null;
  readonly docId: string | null;
  readonly since: string | null;
}

const PARAMS: Record<
  DocumentKind,
  { readonly required: string[]; readonly optional: string[]; readonly id: string }
> = {
  state: {
    required: ['activityId', 'agent'],
    optional: ['registration', 'stateId', 'since'],
    id: 'stateId',
  },
  'activity-profile': {
    required: ['activityId'],
    optional: ['profileId', 'since'],
    id: 'profileId',
  },
  'agent-profile': { required: ['agent'], optional: ['profileId', 'since'], id: 'profileId' },
};

/**
 * Reads and checks the parameters of a document resource request (xAPI 1.0.3 §2.3, 2.0
 * §4.1.6.2-6): required ones present, none unknown, each well formed. Pure.
 */
export function documentAddress(
  kind: DocumentKind,
  storeId: string,
  params: Record<string, string | undefined>,
  version: XapiVersion,
  needsId: boolean,
): DocumentAddress {
  const spec = PARAMS[kind];
  const unknown = Object.keys(params).find(
    (k) => params[k] !== undefined && ![...spec.required, ...spec.optional].includes(k),
  );
  if (unknown) throw new BadRequestError(`unknown query parameter ${unknown}`);
  const missing = spec.required.find((k) => params[k] === undefined);
  if (missing) throw new BadRequestError(`the ${missing} parameter is required`);
  const docId = params[spec.id] ?? null;
  if (needsId && docId === null) throw new BadRequestError(`the ${spec.id} parameter is required`);
  return {
    storeId,
    kind,
    activityId: params.activityId === undefined ? null : iriParam('activityId', params.activityId),
    agent: params.agent === undefined ? null : agentParam('agent', params.agent, version),
    registration:
      params.registration === undefined ? null : uuidParam('registration', params.registration),
    docId,
    since: params.since === undefined ? null : timestampParam('since', params.since),
  };
}

/** One document's storage key: every part of its address, so stores and agents never mix. */
export function documentKey(address: DocumentAddress): string {
  return JSON.stringify([
    address.storeId,
    address.kind,
    address.activityId,
    address.agent,
    address.registration,
    address.docId,
  ]);
}
