import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Catalogue } from './catalogue';
import type {
  AssessmentMethod,
  AwardingBody,
  CatalogueData,
  CodedName,
  LearningActivity,
  LearningActivityType,
  OptionalGroup,
  Qualification,
  SkillEvidence,
  SkillLevel,
  Unit,
  UnitAssessment,
} from './catalogue.types';

const CATALOGUE_DIR = join('data', 'catalogue');
const CATALOGUE_FILE = join(CATALOGUE_DIR, 'odp-catalogue.json');
/** The programme the seeds describe has 28; any other count is an editing slip. */
const QUALIFICATION_COUNT = 28;

export class CatalogueError extends Error {
  constructor(
    readonly problems: readonly string[],
    readonly source = 'catalogue',
  ) {
    super(`Invalid ODP catalogue (${source}):\n  - ${problems.join('\n  - ')}`);
    this.name = 'CatalogueError';
  }
}

/**
 * CATALOGUE_PATH if set; otherwise the data file found by walking up from this module, which sits
 * at a different depth in the sources (libs/catalogue/src) and the build (dist/libs/catalogue/src).
 */
export function defaultCataloguePath(
  env: NodeJS.ProcessEnv = process.env,
  from: string = __dirname,
): string {
  const override = env.CATALOGUE_PATH;
  if (override) return resolve(override);
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, CATALOGUE_DIR))) return join(dir, CATALOGUE_FILE);
    if (dirname(dir) === dir)
      throw new CatalogueError([`no ${CATALOGUE_DIR} directory above ${from}; set CATALOGUE_PATH`]);
  }
}

/** Reads and validates the catalogue at boot, so a bad edit stops the app with every problem named. */
export function loadCatalogue(path: string = defaultCataloguePath()): Catalogue {
  return parseCatalogue(readJson(path), path);
}

/** Validates already-parsed JSON; loadCatalogue without the file. */
export function parseCatalogue(raw: unknown, source = 'catalogue'): Catalogue {
  const problems = validateCatalogue(raw);
  if (problems.length > 0) throw new CatalogueError(problems, source);
  // Frozen because one instance is shared by every consumer in the process.
  return new Catalogue(deepFreeze(raw as CatalogueData));
}

/** Every problem in the document, each prefixed with its JSON path; empty when valid. */
export function validateCatalogue(raw: unknown): string[] {
  const problems: string[] = [];
  catalogueShape(raw, '', problems);
  checkRules(raw, problems);
  return problems;
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CatalogueError([`cannot read the file: ${messageOf(error)}`], path);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CatalogueError([`not valid JSON: ${messageOf(error)}`], path);
  }
}

// ---- Shape: types, required and unknown properties -------------------------------------------

/** Reports what is wrong with a value found at a JSON path. */
type Check = (value: unknown, path: string, out: string[]) => void;
/** One check per property, so the compiler catches a schema drifting from catalogue.types.ts. */
type Shape<T> = { readonly [K in keyof T]-?: Check };

function object<T>(fields: Shape<T>): Check {
  const checks: Record<string, Check> = fields;
  return (value, path, out) => {
    if (!isRecord(value)) return fail(out, path, 'must be an object');
    for (const key of Object.keys(value))
      if (!Object.hasOwn(checks, key)) fail(out, at(path, key), 'unknown property');
    for (const [key, check] of Object.entries(checks)) {
      if (Object.hasOwn(value, key)) check(value[key], at(path, key), out);
      else fail(out, at(path, key), 'is required');
    }
  };
}

function list(item: Check, min = 0): Check {
  return (value, path, out) => {
    if (!Array.isArray(value)) return fail(out, path, 'must be an array');
    if (value.length < min) fail(out, path, `must hold at least ${min} item(s)`);
    value.forEach((element, i) => item(element, `${path}[${i}]`, out));
  };
}

function text(pattern?: RegExp): Check {
  return (value, path, out) => {
    if (typeof value !== 'string' || value.trim() === '')
      return fail(out, path, 'must be a non-empty string');
    if (pattern && !pattern.test(value)) fail(out, path, `must match ${pattern.source}`);
  };
}

function integer(min: number, max: number): Check {
  return (value, path, out) => {
    if (!Number.isInteger(value) || (value as number) < min || (value as number) > max)
      fail(out, path, `must be an integer ${min}..${max}`);
  };
}

function oneOf(values: readonly (string | number)[]): Check {
  return (value, path, out) => {
    if (!values.includes(value as string | number))
      fail(out, path, `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}`);
  };
}

function exactly(values: readonly string[]): Check {
  return (value, path, out) => {
    if (JSON.stringify(value) !== JSON.stringify(values))
      fail(out, path, `must be exactly ${JSON.stringify(values)}`);
  };
}

const fraction: Check = (value, path, out) => {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1))
    fail(out, path, 'must be a number 0..1');
};

const boolean: Check = (value, path, out) => {
  if (typeof value !== 'boolean') fail(out, path, 'must be true or false');
};

const absoluteIri: Check = (value, path, out) => {
  if (typeof value !== 'string' || !isHttpIri(value))
    fail(out, path, 'must be an absolute http(s) IRI');
};

function isHttpIri(value: string): boolean {
  if (/\s/.test(value) || !URL.canParse(value)) return false;
  const { protocol, hostname } = new URL(value);
  return (protocol === 'https:' || protocol === 'http:') && hostname !== '';
}

/** Compile-time exhaustive lists of the union types' members, in declaration order. */
function membersOf<T extends string>(record: Record<T, true>): T[] {
  return Object.keys(record) as T[];
}

const AWARDING_BODIES = membersOf<AwardingBody>({ 'city-and-guilds': true, cmi: true });
const METHODS = membersOf<AssessmentMethod>({ 'online-test': true, assignment: true });
const SKILL_LEVELS = membersOf<SkillLevel>({
  awareness: true,
  working: true,
  practitioner: true,
  expert: true,
});
const ACTIVITY_TYPES = membersOf<LearningActivityType>({
  'e-learning': true,
  workshop: true,
  workbook: true,
  video: true,
  reading: true,
  checklist: true,
  project: true,
});

const CODE = /^ODP-L[2-7]-[A-Z0-9-]+$/;
const UPPER_CODE = /^[A-Z][A-Z0-9-]*$/;
const KEBAB_CODE = /^[a-z][a-z0-9-]*$/;

const codedName = (pattern: RegExp) => object<CodedName>({ code: text(pattern), name: text() });

const activityShape = object<LearningActivity>({
  iri: absoluteIri,
  type: oneOf(ACTIVITY_TYPES),
  title: text(),
});

const assessmentShape = object<UnitAssessment>({
  iri: absoluteIri,
  method: oneOf(METHODS),
  passMark: fraction,
});

const skillEvidenceShape = object<SkillEvidence>({ skill: text(), level: oneOf(SKILL_LEVELS) });

const unitShape = object<Unit>({
  code: text(CODE),
  title: text(),
  iri: absoluteIri,
  credits: integer(1, 60),
  activities: list(activityShape, 1),
  assessment: assessmentShape,
  skills: list(skillEvidenceShape),
});

const optionalGroupShape = object<OptionalGroup>({
  name: text(),
  minUnits: integer(1, 60),
  units: list(text(), 1),
});

const qualificationShape = object<Qualification>({
  code: text(CODE),
  title: text(),
  level: integer(2, 7),
  awardingBody: oneOf(AWARDING_BODIES),
  awardingBodyRef: text(),
  assessmentMethod: oneOf(METHODS),
  iri: absoluteIri,
  illustrative: boolean,
  minimumCredits: integer(1, 360),
  units: list(unitShape, 1),
  mandatoryUnits: list(text()),
  optionalGroups: list(optionalGroupShape),
});

const catalogueShape = object<CatalogueData>({
  catalogueVersion: text(/^\d+\.\d+\.\d+$/),
  qualifications: list(qualificationShape),
  departments: list(codedName(UPPER_CODE), 1),
  grades: list(codedName(UPPER_CODE), 1),
  jobFamilies: list(codedName(KEBAB_CODE), 1),
  skills: list(codedName(KEBAB_CODE), 1),
  skillLevels: exactly(SKILL_LEVELS),
  seniorCapabilities: list(codedName(KEBAB_CODE), 1),
});

// ---- Rules: what holds across fields ---------------------------------------------------------

interface Located<T> {
  readonly value: T;
  readonly path: string;
}

type CodedList = 'departments' | 'grades' | 'jobFamilies' | 'skills' | 'seniorCapabilities';
const CODED_LISTS: readonly CodedList[] = [
  'departments',
  'grades',
  'jobFamilies',
  'skills',
  'seniorCapabilities',
];

/** Runs on the well-shaped parts only, so one typo does not bury the report in follow-on noise. */
function checkRules(raw: unknown, out: string[]): void {
  if (!isRecord(raw)) return;
  const items = Array.isArray(raw.qualifications) ? (raw.qualifications as unknown[]) : undefined;
  if (items) checkProgramme(items, out);
  const qualifications = wellShaped(items ?? []);
  const skills = new Set(codedEntries(raw, 'skills').map((entry) => entry.value));
  for (const q of qualifications) checkQualification(q.value, q.path, skills, out);
  checkUnique('qualification code', qualificationCodes(qualifications), out);
  checkUnique('unit code', unitCodes(qualifications), out);
  checkUnique('IRI', irisOf(qualifications), out);
  checkUnique('awarding body reference', bodyRefs(qualifications), out);
  for (const name of CODED_LISTS) checkUnique('code', codedEntries(raw, name), out);
}

function checkProgramme(items: readonly unknown[], out: string[]): void {
  if (items.length !== QUALIFICATION_COUNT)
    fail(out, 'qualifications', `must hold exactly ${QUALIFICATION_COUNT}, found ${items.length}`);
  const bodies = new Set(items.map((q) => (isRecord(q) ? q.awardingBody : undefined)));
  for (const body of AWARDING_BODIES)
    if (!bodies.has(body)) fail(out, 'qualifications', `none is awarded by ${body}`);
}

function wellShaped(items: readonly unknown[]): Located<Qualification>[] {
  return items.flatMap((value, i) => {
    const path = `qualifications[${i}]`;
    const problems: string[] = [];
    qualificationShape(value, path, problems);
    return problems.length === 0 ? [{ value: value as Qualification, path }] : [];
  });
}

function checkQualification(
  q: Qualification,
  path: string,
  skills: ReadonlySet<string>,
  out: string[],
): void {
  const prefix = `ODP-L${q.level}-`;
  if (!q.code.startsWith(prefix))
    fail(out, at(path, 'code'), `must start with ${prefix} to match level ${q.level}`);
  const method = methodFor(q.level);
  if (q.assessmentMethod !== method)
    fail(out, at(path, 'assessmentMethod'), `level ${q.level} is assessed by ${method}`);
  q.units.forEach((unit, i) => checkUnit(q, unit, `${path}.units[${i}]`, skills, out));
  checkMembership(q, path, out);
  checkCredits(q, path, out);
}

/** The seeds: online tests at levels 2 and 3, written assignments at level 4 and above. */
function methodFor(level: number): AssessmentMethod {
  return level <= 3 ? 'online-test' : 'assignment';
}

function checkUnit(
  q: Qualification,
  unit: Unit,
  path: string,
  skills: ReadonlySet<string>,
  out: string[],
): void {
  if (!unit.code.startsWith(`${q.code}-`))
    fail(out, at(path, 'code'), `must start with its qualification's code ${q.code}-`);
  if (unit.assessment.method !== q.assessmentMethod)
    fail(out, `${path}.assessment.method`, `must be ${q.assessmentMethod}, like its qualification`);
  const seen = new Set<string>();
  unit.skills.forEach((evidence, i) => {
    const where = `${path}.skills[${i}].skill`;
    if (!skills.has(evidence.skill)) fail(out, where, `unknown skill "${evidence.skill}"`);
    else if (seen.has(evidence.skill)) fail(out, where, `"${evidence.skill}" is listed twice`);
    seen.add(evidence.skill);
  });
}

/** Every unit is mandatory or in exactly one optional group, and only the qualification's own. */
function checkMembership(q: Qualification, path: string, out: string[]): void {
  const own = new Set(q.units.map((unit) => unit.code));
  const listedAt = new Map<string, string>();
  const place = (code: string, where: string) => {
    const earlier = listedAt.get(code);
    if (!own.has(code)) fail(out, where, `"${code}" is not a unit of ${q.code}`);
    else if (earlier) fail(out, where, `"${code}" is already listed at ${earlier}`);
    else listedAt.set(code, where);
  };
  q.mandatoryUnits.forEach((code, i) => place(code, `${path}.mandatoryUnits[${i}]`));
  q.optionalGroups.forEach((group, g) => {
    const groupPath = `${path}.optionalGroups[${g}]`;
    group.units.forEach((code, i) => place(code, `${groupPath}.units[${i}]`));
    if (group.minUnits > group.units.length)
      fail(
        out,
        at(groupPath, 'minUnits'),
        `must be at most the group's ${group.units.length} units`,
      );
  });
  q.units.forEach((unit, i) => {
    if (!listedAt.has(unit.code))
      fail(out, `${path}.units[${i}]`, `"${unit.code}" is in neither mandatoryUnits nor a group`);
  });
}

/** minimumCredits = mandatory units' credits + the cheapest minUnits of each optional group. */
function checkCredits(q: Qualification, path: string, out: string[]): void {
  const credits = new Map(q.units.map((unit) => [unit.code, unit.credits]));
  const creditsOf = (codes: readonly string[]) => codes.flatMap((c) => credits.get(c) ?? []);
  const available = q.units.reduce((sum, unit) => sum + unit.credits, 0);
  const expected =
    sum(creditsOf(q.mandatoryUnits)) +
    sum(q.optionalGroups.map((g) => sum(cheapest(creditsOf(g.units), g.minUnits))));
  const where = at(path, 'minimumCredits');
  if (q.minimumCredits > available)
    fail(out, where, `${q.minimumCredits} is not achievable: the units carry ${available}`);
  else if (q.minimumCredits !== expected)
    fail(out, where, `must be ${expected}: mandatory credits plus each group's cheapest choice`);
}

function cheapest(credits: readonly number[], count: number): number[] {
  return [...credits].sort((a, b) => a - b).slice(0, count);
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function checkUnique(what: string, entries: Iterable<Located<string>>, out: string[]): void {
  const firstAt = new Map<string, string>();
  for (const { value, path } of entries) {
    const first = firstAt.get(value);
    if (first === undefined) firstAt.set(value, path);
    else fail(out, path, `duplicate ${what} "${value}", first at ${first}`);
  }
}

function* qualificationCodes(qs: readonly Located<Qualification>[]): Iterable<Located<string>> {
  for (const { value, path } of qs) yield { value: value.code, path: at(path, 'code') };
}

function* bodyRefs(qs: readonly Located<Qualification>[]): Iterable<Located<string>> {
  for (const { value, path } of qs)
    yield { value: value.awardingBodyRef, path: at(path, 'awardingBodyRef') };
}

function* unitCodes(qs: readonly Located<Qualification>[]): Iterable<Located<string>> {
  for (const { value, path } of qs)
    for (const [i, unit] of value.units.entries())
      yield { value: unit.code, path: `${path}.units[${i}].code` };
}

function* irisOf(qs: readonly Located<Qualification>[]): Iterable<Located<string>> {
  for (const { value, path } of qs) {
    yield { value: value.iri, path: at(path, 'iri') };
    for (const [i, unit] of value.units.entries()) {
      const unitPath = `${path}.units[${i}]`;
      yield { value: unit.iri, path: `${unitPath}.iri` };
      for (const [a, activity] of unit.activities.entries())
        yield { value: activity.iri, path: `${unitPath}.activities[${a}].iri` };
      yield { value: unit.assessment.iri, path: `${unitPath}.assessment.iri` };
    }
  }
}

/** The codes of a list's entries that have one, whatever state the rest of the list is in. */
function codedEntries(raw: Record<string, unknown>, name: CodedList): Located<string>[] {
  const items = raw[name];
  if (!Array.isArray(items)) return [];
  return items.flatMap((item: unknown, i) =>
    isRecord(item) && typeof item.code === 'string'
      ? [{ value: item.code, path: `${name}[${i}].code` }]
      : [],
  );
}

// ---- Helpers ---------------------------------------------------------------------------------

function fail(out: string[], path: string, message: string): void {
  out.push(`${path || '(root)'}: ${message}`);
}

function at(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
