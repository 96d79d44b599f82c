import { AGENT_IFIS } from '@lr/xapi';
import { StatementFormat } from './statement-query';

type Json = Record<string, unknown>;

/**
 * The three response formats of GET /statements (xAPI 1.0.3 §2.1.3, 2.0 §4.1.6.1): `exact` as
 * stored; `ids` keeps only identifiers of agents, groups, activities and verbs; `canonical`
 * keeps one language per language map, the best for the request's Accept-Language. Pure.
 */
export function formatStatement(
  statement: Json,
  format: StatementFormat,
  languages: readonly string[],
): Json {
  if (format === 'exact') return statement;
  if (format === 'ids') return idsOf(statement, true);
  return canonicalOf(statement, languages) as Json;
}

function idsOf(statement: Json, top: boolean): Json {
  const out: Json = { ...statement };
  out.actor = agentIds(statement.actor);
  out.verb = { id: (statement.verb as Json | undefined)?.id };
  out.object = objectIds(statement.object);
  if (top && statement.authority) out.authority = agentIds(statement.authority);
  if (statement.context) out.context = contextIds(statement.context as Json);
  return out;
}

function objectIds(value: unknown): unknown {
  const object = value as Json;
  const type = object.objectType ?? 'Activity';
  if (type === 'Activity') return { id: object.id };
  if (type === 'Agent' || type === 'Group') return agentIds(object);
  if (type === 'SubStatement') return idsOf(object, false);
  return object;
}

/** An identified Agent or Group by its identifier alone; an anonymous Group by its members'. */
function agentIds(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  const agent = value as Json;
  const out: Json = {};
  if (agent.objectType !== undefined) out.objectType = agent.objectType;
  for (const key of AGENT_IFIS) if (agent[key] !== undefined) out[key] = agent[key];
  const identified = AGENT_IFIS.some((key) => agent[key] !== undefined);
  if (!identified && Array.isArray(agent.member)) out.member = agent.member.map(agentIds);
  return out;
}

function contextIds(context: Json): Json {
  const out: Json = { ...context };
  if (context.instructor) out.instructor = agentIds(context.instructor);
  if (context.team) out.team = agentIds(context.team);
  const lists = context.contextActivities as Json | undefined;
  if (lists) {
    out.contextActivities = Object.fromEntries(
      Object.entries(lists).map(([k, v]) => [
        k,
        (Array.isArray(v) ? v : [v]).map((a) => ({ id: (a as Json).id })),
      ]),
    );
  }
  if (Array.isArray(context.contextAgents)) {
    out.contextAgents = context.contextAgents.map((c) => ({
      ...(c as Json),
      agent: agentIds((c as Json).agent),
    }));
  }
  if (Array.isArray(context.contextGroups)) {
    out.contextGroups = context.contextGroups.map((c) => ({
      ...(c as Json),
      group: agentIds((c as Json).group),
    }));
  }
  return out;
}

const LANGUAGE_MAPS = new Set(['display', 'name', 'description']);

function canonicalOf(value: unknown, languages: readonly string[], key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => canonicalOf(v, languages));
  if (!value || typeof value !== 'object') return value;
  const object = value as Json;
  if (LANGUAGE_MAPS.has(key) && isLanguageMap(object)) return pickLanguage(object, languages);
  if (key === 'extensions') return object;
  return Object.fromEntries(
    Object.entries(object).map(([k, v]) => [k, canonicalOf(v, languages, k)]),
  );
}

function isLanguageMap(object: Json): boolean {
  return Object.values(object).every((v) => typeof v === 'string');
}

function pickLanguage(map: Json, languages: readonly string[]): Json {
  const tags = Object.keys(map);
  if (tags.length <= 1) return map;
  for (const wanted of languages) {
    const exact = tags.find((t) => t.toLowerCase() === wanted.toLowerCase());
    const prefix =
      exact ??
      tags.find((t) => t.toLowerCase().split('-')[0] === wanted.toLowerCase().split('-')[0]);
    if (prefix) return { [prefix]: map[prefix] };
  }
  const first = tags[0]!;
  return { [first]: map[first] };
}

/** Accept-Language as an ordered list of tags, by quality. */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { tag: tag!.trim(), q: q ? Number(q) : 1 };
    })
    .filter((l) => l.tag && l.tag !== '*' && l.q > 0)
    .sort((a, b) => b.q - a.q)
    .map((l) => l.tag);
}
