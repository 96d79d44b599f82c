import { isJsonObject } from './validation/json-value.guard';

type Json = Record<string, unknown>;

export interface ActivityDefinitionUpdate {
  readonly activityId: string;
  /** Mongo `$set` paths: language maps merge per language, other properties are replaced. */
  readonly set: Record<string, unknown>;
}

const LANGUAGE_MAPS = new Set(['name', 'description']);

/**
 * Where a definition's extensions are kept, as JSON text: they are keyed by IRIs, and FerretDB
 * 1.x (like MongoDB before 5.0) refuses field names with a dot or a leading `$`.
 */
export const EXTENSIONS_TEXT_PATH = 'definitionText.extensions';

/** The definition fields of an /activities document, as the statement store writes them. */
export interface StoredActivityDefinition {
  readonly definition?: Json;
  readonly definitionText?: { readonly extensions?: string };
}

/**
 * The definition an activities document holds: its extensions from their text, which wins over
 * extensions stored as an object before the text was used.
 */
export function storedActivityDefinition(doc: StoredActivityDefinition): Json | undefined {
  const text = doc.definitionText?.extensions;
  if (text === undefined) return doc.definition;
  return { ...(doc.definition ?? {}), extensions: JSON.parse(text) as unknown };
}

/**
 * What a statement says about its activities' definitions: its object, its context activities
 * and those of a sub-statement. The /activities resource serves the merge of all of them
 * (xAPI 2.0 §4.1.6.4 canonical definition). Pure.
 */
export function activityDefinitionsOf(statement: Json): ActivityDefinitionUpdate[] {
  const found: ActivityDefinitionUpdate[] = [];
  const visit = (s: Json) => {
    const object = objectOrNull(s.object);
    const type = object?.objectType ?? 'Activity';
    if (type === 'Activity' && object) add(object);
    const lists = objectOrNull(objectOrNull(s.context)?.contextActivities) ?? {};
    for (const list of Object.values(lists))
      for (const a of Array.isArray(list) ? list : [list]) add(objectOrNull(a));
    if (type === 'SubStatement' && object) visit(object);
  };
  const add = (activity: Json | null) => {
    if (!activity || typeof activity.id !== 'string') return;
    const definition = objectOrNull(activity.definition);
    found.push({ activityId: activity.id, set: definition ? setPaths(definition) : {} });
  };
  visit(statement);
  return found;
}

function setPaths(definition: Json): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(definition)) {
    const map = objectOrNull(value);
    if (LANGUAGE_MAPS.has(key) && map) {
      for (const [lang, text] of Object.entries(map))
        if (!lang.includes('.') && !lang.startsWith('$')) set[`definition.${key}.${lang}`] = text;
    } else if (key === 'extensions') {
      set[EXTENSIONS_TEXT_PATH] = JSON.stringify(value);
    } else {
      set[`definition.${key}`] = value;
    }
  }
  return set;
}

function objectOrNull(value: unknown): Json | null {
  return isJsonObject(value) ? value : null;
}
