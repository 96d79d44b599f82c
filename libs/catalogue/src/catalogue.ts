import type {
  ActivityPlace,
  CatalogueData,
  CodedName,
  Qualification,
  SkillLevel,
} from './catalogue.types';

/**
 * The ODP qualification catalogue, indexed once so that statement processing can resolve an
 * activity IRI or a qualification code without scanning 28 qualifications per statement.
 * Trusts its data: build it through loadCatalogue, which validates first.
 */
export class Catalogue {
  readonly version: string;
  readonly qualifications: readonly Qualification[];
  readonly departments: readonly CodedName[];
  /** Lowest to highest. */
  readonly grades: readonly CodedName[];
  readonly jobFamilies: readonly CodedName[];
  readonly skills: readonly CodedName[];
  /** Lowest to highest. */
  readonly skillLevels: readonly SkillLevel[];
  readonly seniorCapabilities: readonly CodedName[];

  private readonly byCode: ReadonlyMap<string, Qualification>;
  private readonly places: ReadonlyMap<string, ActivityPlace>;
  private readonly departmentCodes: ReadonlySet<string>;
  private readonly gradeCodes: ReadonlySet<string>;
  private readonly jobFamilyCodes: ReadonlySet<string>;

  constructor(data: CatalogueData) {
    this.version = data.catalogueVersion;
    this.qualifications = data.qualifications;
    this.departments = data.departments;
    this.grades = data.grades;
    this.jobFamilies = data.jobFamilies;
    this.skills = data.skills;
    this.skillLevels = data.skillLevels;
    this.seniorCapabilities = data.seniorCapabilities;
    this.byCode = new Map(data.qualifications.map((q) => [q.code, q]));
    this.places = indexPlaces(data.qualifications);
    this.departmentCodes = codesOf(data.departments);
    this.gradeCodes = codesOf(data.grades);
    this.jobFamilyCodes = codesOf(data.jobFamilies);
  }

  qualification(code: string): Qualification | undefined {
    return this.byCode.get(code);
  }

  /** Exact match: IRIs are identifiers, so no trailing-slash or case folding. */
  placeOf(iri: string): ActivityPlace | undefined {
    return this.places.get(iri);
  }

  isDepartment(code: string): boolean {
    return this.departmentCodes.has(code);
  }

  isGrade(code: string): boolean {
    return this.gradeCodes.has(code);
  }

  isJobFamily(code: string): boolean {
    return this.jobFamilyCodes.has(code);
  }
}

function indexPlaces(qualifications: readonly Qualification[]): Map<string, ActivityPlace> {
  const places = new Map<string, ActivityPlace>();
  for (const qualification of qualifications) {
    places.set(qualification.iri, { kind: 'qualification', qualification });
    for (const unit of qualification.units) {
      places.set(unit.iri, { kind: 'unit', qualification, unit });
      places.set(unit.assessment.iri, { kind: 'assessment', qualification, unit });
      for (const activity of unit.activities)
        places.set(activity.iri, { kind: 'learning-activity', qualification, unit, activity });
    }
  }
  return places;
}

function codesOf(list: readonly CodedName[]): ReadonlySet<string> {
  return new Set(list.map((entry) => entry.code));
}
