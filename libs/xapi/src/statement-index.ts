import { isJsonObject } from './validation/json-value.guard';
/**
 * The fields GET /statements filters on, derived once when a statement is stored so that every
 * filter is an indexed equality match (xAPI 2.0 §4.1.6.1 / 1.0.3 §2.1.3 query parameters).
 * They are lists because a statement targeting another (StatementRef) also matches whatever its
 * target matches (1.0.3 §2.1.3 "Filter Conditions for StatementRefs"): the store adds the
 * target's values once both are known.
 */
export interface StatementIndexFields {
  /** Actor, and object when it is an Agent or Group: the `agent` filter. */
  readonly agents: string[];
  /** Also authority, instructor, team, context agents/groups, in sub-statements too: `related_agents`. */
  readonly relatedAgents: string[];
  readonly verbs: string[];
  /** The object when it is an Activity: the `activity` filter. */
  readonly activities: string[];
  /** Also every context activity, in sub-statements too: `related_activities`. */
  readonly relatedActivities: string[];
  readonly registrations: string[];
  /** Id of the statement this one targets with a StatementRef (voiding included). */
  readonly refId: string | null;
  /** Id of the statement this one voids, when its verb is voided. */
  readonly voidsId: string | null;
  /** Who recorded it: `statements/read/mine` credentials see only their own. */
  readonly authority: string | null;
}

export const VOIDED_VERB = 'http://adlnet.gov/expapi/verbs/voided';

type Json = Record<string, unknown>;

export function indexFieldsOf(statement: Json): StatementIndexFields {
  const object = objectOrNull(statement.object);
  const objectType = object?.objectType ?? 'Activity';
  const refId =
    objectType === 'StatementRef' && typeof object?.id === 'string'
      ? object.id.toLowerCase()
      : null;
  const verbId = objectOrNull(statement.verb)?.id;
  const verb = typeof verbId === 'string' ? verbId : '';
  const context = objectOrNull(statement.context);
  const objectIsAgent = objectType === 'Agent' || objectType === 'Group';
  // A Group's members are matched by the agent filter too.
  const agents = unique([
    agentKey(statement.actor),
    ...membersOf(statement.actor),
    objectIsAgent ? agentKey(object) : null,
    ...(objectIsAgent ? membersOf(object) : []),
  ]);
  const activities = objectType === 'Activity' && typeof object?.id === 'string' ? [object.id] : [];
  return {
    agents,
    relatedAgents: unique(relatedAgentsOf(statement, true)),
    verbs: [verb],
    activities,
    relatedActivities: unique(relatedActivitiesOf(statement)),
    registrations:
      typeof context?.registration === 'string' ? [context.registration.toLowerCase()] : [],
    refId,
    voidsId: verb === VOIDED_VERB ? refId : null,
    authority: agentKey(statement.authority),
  };
}

/**
 * Agents and identified Groups are equal when objectType and inverse functional identifier are
 * (xAPI Data §2.4.2.1); mbox domains are case-insensitive.
 */
export function agentKey(value: unknown): string | null {
  const agent = objectOrNull(value);
  if (!agent) return null;
  const type = agent.objectType === 'Group' ? 'Group' : 'Agent';
  const id = identifierOf(agent);
  return id ? `${type}|${id}` : null;
}

/** The inverse functional identifiers of an Agent or identified Group, in precedence order. */
export const AGENT_IFIS = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;

function identifierOf(agent: Json): string | null {
  if (typeof agent.mbox === 'string') return `mbox:${agent.mbox.toLowerCase()}`;
  if (typeof agent.mbox_sha1sum === 'string') return `sha1:${agent.mbox_sha1sum.toLowerCase()}`;
  if (typeof agent.openid === 'string') return `openid:${agent.openid}`;
  const account = objectOrNull(agent.account);
  if (account && typeof account.homePage === 'string' && typeof account.name === 'string') {
    return `account:${account.homePage}|${account.name}`;
  }
  return null;
}

function relatedAgentsOf(statement: Json, top: boolean): (string | null)[] {
  const object = objectOrNull(statement.object);
  const context = objectOrNull(statement.context);
  const keys: (string | null)[] = [agentKey(statement.actor), ...membersOf(statement.actor)];
  if (object?.objectType === 'Agent' || object?.objectType === 'Group')
    keys.push(agentKey(object), ...membersOf(object));
  if (object?.objectType === 'SubStatement' && top) keys.push(...relatedAgentsOf(object, false));
  if (top) keys.push(agentKey(statement.authority), ...membersOf(statement.authority));
  if (context) {
    keys.push(
      agentKey(context.instructor),
      ...membersOf(context.instructor),
      agentKey(context.team),
      ...membersOf(context.team),
    );
    for (const entry of asArray(context.contextAgents))
      keys.push(agentKey(objectOrNull(entry)?.agent));
    for (const entry of asArray(context.contextGroups)) {
      const group = objectOrNull(entry)?.group;
      keys.push(agentKey(group), ...membersOf(group));
    }
  }
  return keys;
}

function membersOf(value: unknown): (string | null)[] {
  return asArray(objectOrNull(value)?.member).map(agentKey);
}

function relatedActivitiesOf(statement: Json): string[] {
  const ids: string[] = [];
  const collect = (s: Json) => {
    const object = objectOrNull(s.object);
    const type = object?.objectType ?? 'Activity';
    if (type === 'Activity' && typeof object?.id === 'string') ids.push(object.id);
    const contextActivities = objectOrNull(objectOrNull(s.context)?.contextActivities);
    for (const list of Object.values(contextActivities ?? {})) {
      for (const activity of Array.isArray(list) ? list : [list]) {
        const id = objectOrNull(activity)?.id;
        if (typeof id === 'string') ids.push(id);
      }
    }
    if (type === 'SubStatement' && object) collect(object);
  };
  collect(statement);
  return ids;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function unique(keys: (string | null)[]): string[] {
  return [...new Set(keys.filter((k): k is string => k !== null))];
}

/** The list fields a targeting statement inherits from the statement it targets. */
export const INHERITED_MATCH_FIELDS = [
  'agents',
  'relatedAgents',
  'verbs',
  'activities',
  'relatedActivities',
  'registrations',
] as const satisfies readonly (keyof StatementIndexFields)[];

function objectOrNull(value: unknown): Json | null {
  return isJsonObject(value) ? value : null;
}
