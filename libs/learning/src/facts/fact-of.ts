import { ActivityPlace, Catalogue } from '@lr/catalogue';
import { agentKey, isJsonObject, JsonObject } from '@lr/xapi';
import { LearnerProfile, LearningFact } from './learning-fact';
import {
  ASSESSMENT_VERBS,
  FINISHED_VERBS,
  LEARNER_PROFILE_EXTENSION,
  STARTED_VERBS,
  VERBS,
} from './vocabulary';

/**
 * The learning fact a statement records, or undefined when the projections have no use for it
 * (unknown verb or activity, or a pairing that means nothing here): such statements are ignored,
 * never an error.
 */
export function factOf(statement: JsonObject, catalogue: Catalogue): LearningFact | undefined {
  const verb = isJsonObject(statement.verb) ? statement.verb.id : undefined;
  const object = statement.object;
  if (typeof verb !== 'string' || !isJsonObject(object)) return undefined;
  if (object.objectType !== undefined && object.objectType !== 'Activity') return undefined;
  if (typeof object.id !== 'string' || typeof statement.id !== 'string') return undefined;
  const place = catalogue.placeOf(object.id);
  if (!place) return undefined;
  const base = {
    id: statement.id,
    at: instantOf(statement),
    qualification: place.qualification.code,
  };
  return factFor(place, verb, statement, base, catalogue);
}

type Base = { readonly id: string; readonly at: string; readonly qualification: string };

function factFor(
  place: ActivityPlace,
  verb: string,
  statement: JsonObject,
  base: Base,
  catalogue: Catalogue,
): LearningFact | undefined {
  switch (place.kind) {
    case 'qualification':
      return verb === VERBS.registered ? registeredFact(statement, base, catalogue) : undefined;
    case 'unit':
      return undefined;
    case 'learning-activity': {
      const finished = FINISHED_VERBS.has(verb);
      if (!finished && !STARTED_VERBS.has(verb)) return undefined;
      return {
        ...base,
        kind: 'activity',
        unit: place.unit.code,
        activity: place.activity.iri,
        finished,
      };
    }
    case 'assessment': {
      if (!ASSESSMENT_VERBS.has(verb)) return undefined;
      const result = isJsonObject(statement.result) ? statement.result : {};
      const scaled = scaledOf(result);
      const success = successOf(verb, result, scaled, place.unit.assessment.passMark);
      if (success === undefined) return undefined;
      return {
        ...base,
        kind: 'assessment',
        unit: place.unit.code,
        success,
        ...(scaled === undefined ? {} : { scaled }),
      };
    }
  }
}

function registeredFact(statement: JsonObject, base: Base, catalogue: Catalogue): LearningFact {
  const context = isJsonObject(statement.context) ? statement.context : {};
  const registration = typeof context.registration === 'string' ? context.registration : undefined;
  const profile = profileOf(context, catalogue);
  return {
    ...base,
    kind: 'registered',
    ...(registration ? { registration } : {}),
    ...(profile ? { profile } : {}),
  };
}

/** Codes the catalogue does not know are dropped, so a typo cannot open its own analytics group. */
function profileOf(context: JsonObject, catalogue: Catalogue): LearnerProfile | undefined {
  const extensions = isJsonObject(context.extensions) ? context.extensions : {};
  const raw = extensions[LEARNER_PROFILE_EXTENSION];
  if (!isJsonObject(raw)) return undefined;
  const code = (value: unknown, known: (code: string) => boolean) =>
    typeof value === 'string' && known(value) ? value : undefined;
  const department = code(raw.department, (c) => catalogue.isDepartment(c));
  const grade = code(raw.grade, (c) => catalogue.isGrade(c));
  const jobFamily = code(raw.jobFamily, (c) => catalogue.isJobFamily(c));
  const manager = agentKey(raw.lineManager);
  const profile: LearnerProfile = {
    ...(department ? { department } : {}),
    ...(grade ? { grade } : {}),
    ...(jobFamily ? { jobFamily } : {}),
    ...(manager ? { lineManager: manager } : {}),
  };
  return Object.keys(profile).length > 0 ? profile : undefined;
}

/** A pass or fail: the verb decides, then result.success, then the scaled score's pass mark. */
function successOf(
  verb: string,
  result: JsonObject,
  scaled: number | undefined,
  passMark: number,
): boolean | undefined {
  if (verb === VERBS.passed) return true;
  if (verb === VERBS.failed) return false;
  if (typeof result.success === 'boolean') return result.success;
  return scaled === undefined ? undefined : scaled >= passMark;
}

function scaledOf(result: JsonObject): number | undefined {
  const score = isJsonObject(result.score) ? result.score : undefined;
  return typeof score?.scaled === 'number' ? score.scaled : undefined;
}

/** The moment the experience happened, normalised to UTC so facts sort as strings. */
function instantOf(statement: JsonObject): string {
  const raw = typeof statement.timestamp === 'string' ? statement.timestamp : statement.stored;
  const millis = typeof raw === 'string' ? Date.parse(raw) : NaN;
  return Number.isNaN(millis) ? String(statement.stored) : new Date(millis).toISOString();
}
