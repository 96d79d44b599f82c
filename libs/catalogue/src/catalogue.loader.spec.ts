import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  CatalogueError,
  defaultCataloguePath,
  loadCatalogue,
  parseCatalogue,
  validateCatalogue,
} from './catalogue.loader';

const REPO_ROOT = resolve(__dirname, '../../..');
const SHIPPED_PATH = join(REPO_ROOT, 'data/catalogue/odp-catalogue.json');
const shipped: unknown = JSON.parse(readFileSync(SHIPPED_PATH, 'utf8'));

const NAMED_IN_SEEDS = [
  'ODP-L2-CS',
  'ODP-L3-CS',
  'ODP-L2-PPD',
  'ODP-L3-PPD',
  'ODP-L2-BR',
  'ODP-L3-BR',
  'ODP-L2-WC',
  'ODP-L3-WC',
  'ODP-L3-MC',
  'ODP-L3-LM-FL',
  'ODP-L5-LM-MM',
  'ODP-L6-LM-ADV',
  'ODP-L7-LM-STR',
];

type Container = Record<string, unknown> | unknown[];
type Key = string | number;

/** A copy of the shipped catalogue, edited by JSON path (e.g. `qualifications[0].units[1].iri`). */
class CatalogueDraft {
  private readonly doc = structuredClone(shipped) as Record<string, unknown>;

  static fromShippedFile(): CatalogueDraft {
    return new CatalogueDraft();
  }

  get(path: string): unknown {
    return keysOf(path).reduce<unknown>((node, key) => (node as Container)[key as never], this.doc);
  }

  set(path: string, value: unknown): this {
    const [parent, key] = this.parentOf(path);
    (parent as Record<Key, unknown>)[key] = value;
    return this;
  }

  copy(from: string, to: string): this {
    return this.set(to, structuredClone(this.get(from)));
  }

  remove(path: string): this {
    const [parent, key] = this.parentOf(path);
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
    return this;
  }

  edit(path: string, change: (value: unknown) => unknown): this {
    return this.set(path, change(this.get(path)));
  }

  problems(): string[] {
    return validateCatalogue(this.doc);
  }

  json(): string {
    return JSON.stringify(this.doc);
  }

  private parentOf(path: string): [Container, Key] {
    const keys = keysOf(path);
    const key = keys.pop();
    if (key === undefined) throw new Error(`empty path`);
    return [this.get(keys.join('.')) as Container, key];
  }
}

function keysOf(path: string): Key[] {
  return path
    .split(/[.[\]]+/)
    .filter((k) => k !== '')
    .map((k) => (/^\d+$/.test(k) ? Number(k) : k));
}

const aDraft = () => CatalogueDraft.fromShippedFile();

/** Fails unless some problem is reported at exactly `path` and mentions `words`. */
function expectProblem(draft: CatalogueDraft, path: string, words = ''): void {
  const problems = draft.problems();
  const match = problems.find((p) => p.startsWith(`${path}: `) && p.includes(words));
  if (!match) throw new Error(`no problem at ${path} ~ "${words}" among:\n${problems.join('\n')}`);
}

function errorOf(attempt: () => unknown): CatalogueError {
  try {
    attempt();
  } catch (error) {
    if (error instanceof CatalogueError) return error;
    throw error;
  }
  throw new Error('expected a CatalogueError');
}

describe('the shipped catalogue', () => {
  const catalogue = loadCatalogue();

  it('loads from the default path without problems', () => {
    expect(validateCatalogue(shipped)).toEqual([]);
    expect(catalogue.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('holds the 28 qualifications at every RQF level 2..7 from both awarding bodies', () => {
    expect(catalogue.qualifications).toHaveLength(28);
    expect(new Set(catalogue.qualifications.map((q) => q.level))).toEqual(
      new Set([2, 3, 4, 5, 6, 7]),
    );
    expect(new Set(catalogue.qualifications.map((q) => q.awardingBody))).toEqual(
      new Set(['city-and-guilds', 'cmi']),
    );
  });

  it('marks exactly the qualifications the seeds name as not illustrative', () => {
    const named = catalogue.qualifications.filter((q) => !q.illustrative).map((q) => q.code);
    expect(named.sort()).toEqual([...NAMED_IN_SEEDS].sort());
  });

  it('starts with the small level 2 customer service award the walkthrough tests rely on', () => {
    const first = catalogue.qualifications[0];
    expect(first).toMatchObject({
      code: 'ODP-L2-CS',
      level: 2,
      awardingBody: 'city-and-guilds',
      assessmentMethod: 'online-test',
      optionalGroups: [],
    });
    expect(first?.mandatoryUnits).toEqual(first?.units.map((u) => u.code));
    expect(first?.units).toHaveLength(3);
  });

  it('is frozen, because one instance is shared', () => {
    expect(Object.isFrozen(catalogue.qualifications[0]?.units[0]?.assessment)).toBe(true);
  });
});

describe('defaultCataloguePath', () => {
  it('finds the data file from the sources and from the compiled build', () => {
    expect(defaultCataloguePath({})).toBe(SHIPPED_PATH);
    expect(defaultCataloguePath({}, join(REPO_ROOT, 'dist/libs/catalogue/src'))).toBe(SHIPPED_PATH);
  });

  it('prefers CATALOGUE_PATH, resolved against the working directory', () => {
    expect(defaultCataloguePath({ CATALOGUE_PATH: 'x/cat.json' })).toBe(resolve('x/cat.json'));
  });

  it('says how to fix a missing data directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'catalogue-'));
    try {
      expect(() => defaultCataloguePath({}, dir)).toThrow(/set CATALOGUE_PATH/);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});

describe('catalogue validation', () => {
  it('rejects an assessment method that does not fit the level', () => {
    const draft = aDraft().set('qualifications[0].assessmentMethod', 'assignment');
    expectProblem(
      draft,
      'qualifications[0].assessmentMethod',
      'level 2 is assessed by online-test',
    );
    expectProblem(draft, 'qualifications[0].units[0].assessment.method', 'must be assignment');
  });

  it('rejects a level outside 2..7 and a code that disagrees with the level', () => {
    expectProblem(aDraft().set('qualifications[1].level', 8), 'qualifications[1].level', '2..7');
    expectProblem(aDraft().set('qualifications[1].level', 3), 'qualifications[1].code', 'ODP-L3-');
  });

  it('rejects an IRI used twice, naming both places', () => {
    const draft = aDraft().copy(
      'qualifications[0].units[0].iri',
      'qualifications[1].units[1].activities[0].iri',
    );
    expectProblem(
      draft,
      'qualifications[1].units[1].activities[0].iri',
      'first at qualifications[0].units[0].iri',
    );
  });

  it('rejects relative and non-http IRIs', () => {
    expectProblem(
      aDraft().set('qualifications[0].iri', '/q/1'),
      'qualifications[0].iri',
      'http(s)',
    );
    expectProblem(
      aDraft().set('qualifications[0].units[0].assessment.iri', 'urn:odp:assessment'),
      'qualifications[0].units[0].assessment.iri',
    );
  });

  it('rejects a unit in neither the mandatory units nor an optional group', () => {
    const draft = aDraft().remove('qualifications[0].mandatoryUnits[2]');
    expectProblem(draft, 'qualifications[0].units[2]', 'neither mandatoryUnits nor a group');
  });

  it('rejects a unit listed twice or belonging to another qualification', () => {
    const twice = aDraft().edit('qualifications[1].mandatoryUnits', (units) => [
      ...(units as string[]),
      'ODP-L2-PPD-U3',
    ]);
    expectProblem(twice, 'qualifications[1].optionalGroups[0].units[0]', 'already listed');
    const foreign = aDraft().set('qualifications[0].mandatoryUnits[0]', 'ODP-L2-PPD-U1');
    expectProblem(foreign, 'qualifications[0].mandatoryUnits[0]', 'not a unit of ODP-L2-CS');
  });

  it('rejects an optional group that asks for more units than it has', () => {
    const draft = aDraft().set('qualifications[1].optionalGroups[0].minUnits', 3);
    expectProblem(draft, 'qualifications[1].optionalGroups[0].minUnits', "group's 2 units");
  });

  it('rejects minimum credits that are wrong or not achievable', () => {
    expectProblem(
      aDraft().set('qualifications[0].minimumCredits', 9),
      'qualifications[0].minimumCredits',
      'must be 10',
    );
    expectProblem(
      aDraft().set('qualifications[0].minimumCredits', 300),
      'qualifications[0].minimumCredits',
      'not achievable',
    );
  });

  it('rejects unknown and missing properties', () => {
    expectProblem(
      aDraft().set('qualifications[2].units[1].colour', 'blue'),
      'qualifications[2].units[1].colour',
      'unknown property',
    );
    expectProblem(
      aDraft().remove('qualifications[0].title'),
      'qualifications[0].title',
      'required',
    );
  });

  it('rejects a skill the catalogue does not define', () => {
    const draft = aDraft().set('qualifications[0].units[0].skills[0].skill', 'juggling');
    expectProblem(draft, 'qualifications[0].units[0].skills[0].skill', 'unknown skill "juggling"');
  });

  it('rejects wrongly typed fields', () => {
    expectProblem(
      aDraft().set('qualifications[3].units[1].credits', 2.5),
      'qualifications[3].units[1].credits',
      'must be an integer 1..60',
    );
    expectProblem(
      aDraft().set('qualifications[0].units[0].assessment.passMark', '0.7'),
      'qualifications[0].units[0].assessment.passMark',
    );
    expectProblem(
      aDraft().set('qualifications[0].illustrative', 'no'),
      'qualifications[0].illustrative',
    );
    expectProblem(aDraft().set('skillLevels', ['working', 'awareness']), 'skillLevels');
  });

  it('rejects a programme that is not 28 qualifications from both awarding bodies', () => {
    expectProblem(aDraft().remove('qualifications[27]'), 'qualifications', 'exactly 28, found 27');
    const noCmi = aDraft().edit('qualifications', (qs) =>
      (qs as Record<string, unknown>[]).map((q) => ({ ...q, awardingBody: 'city-and-guilds' })),
    );
    expectProblem(noCmi, 'qualifications', 'none is awarded by cmi');
  });

  it('rejects duplicate codes in the reference lists', () => {
    const draft = aDraft().set('departments[1].code', 'HMPO');
    expectProblem(draft, 'departments[1].code', 'first at departments[0].code');
  });

  it('reports every problem at once', () => {
    const draft = aDraft()
      .set('catalogueVersion', '')
      .set('qualifications[5].units[0].credits', 0)
      .set('grades[2].rank', 3);
    expect(draft.problems()).toEqual([
      'catalogueVersion: must be a non-empty string',
      'qualifications[5].units[0].credits: must be an integer 1..60',
      'grades[2].rank: unknown property',
    ]);
  });

  it('rejects a document that is not an object', () => {
    expect(validateCatalogue([])).toEqual(['(root): must be an object']);
  });

  it('throws a CatalogueError listing the problems', () => {
    const draft = aDraft().set('qualifications[0].level', 'two');
    const error = errorOf(() => parseCatalogue(JSON.parse(draft.json()), 'edited.json'));
    expect(error.source).toBe('edited.json');
    expect(error.message).toContain('qualifications[0].level: must be an integer 2..7');
  });
});

describe('loadCatalogue from a file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'catalogue-'))));
  afterEach(() => rmSync(dir, { recursive: true }));

  const write = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it('names the file and the bad path of an invalid edit', () => {
    const path = write('bad.json', aDraft().set('qualifications[4].level', 1).json());
    const error = errorOf(() => loadCatalogue(path));
    expect(error.source).toBe(path);
    expect(error.problems).toContain('qualifications[4].level: must be an integer 2..7');
  });

  it('rejects a file that is not JSON', () => {
    const path = write('broken.json', '{ "catalogueVersion": ');
    expect(errorOf(() => loadCatalogue(path)).problems[0]).toMatch(/^not valid JSON/);
  });

  it('rejects a missing file', () => {
    expect(errorOf(() => loadCatalogue(join(dir, 'absent.json'))).problems[0]).toMatch(
      /^cannot read the file/,
    );
  });
});
