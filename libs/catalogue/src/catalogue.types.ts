/** The shape of the ODP catalogue data file (data/catalogue/odp-catalogue.json), version 1. */

export type AwardingBody = 'city-and-guilds' | 'cmi';
export type AssessmentMethod = 'online-test' | 'assignment';
export type RqfLevel = 2 | 3 | 4 | 5 | 6 | 7;
export type LearningActivityType =
  'e-learning' | 'workshop' | 'workbook' | 'video' | 'reading' | 'checklist' | 'project';
export type SkillLevel = 'awareness' | 'working' | 'practitioner' | 'expert';

export interface LearningActivity {
  readonly iri: string;
  readonly type: LearningActivityType;
  readonly title: string;
}

export interface UnitAssessment {
  readonly iri: string;
  readonly method: AssessmentMethod;
  /** Scaled score (0..1) at or above which an attempt without result.success counts as a pass. */
  readonly passMark: number;
}

export interface SkillEvidence {
  /** A code from Catalogue.skills. */
  readonly skill: string;
  readonly level: SkillLevel;
}

export interface Unit {
  readonly code: string;
  readonly title: string;
  readonly iri: string;
  readonly credits: number;
  readonly activities: readonly LearningActivity[];
  readonly assessment: UnitAssessment;
  readonly skills: readonly SkillEvidence[];
}

export interface OptionalGroup {
  readonly name: string;
  /** How many of the group's units a learner must complete. */
  readonly minUnits: number;
  readonly units: readonly string[];
}

export interface Qualification {
  readonly code: string;
  readonly title: string;
  readonly level: RqfLevel;
  readonly awardingBody: AwardingBody;
  /** The awarding body's own qualification number, sent with accreditation claims. */
  readonly awardingBodyRef: string;
  readonly assessmentMethod: AssessmentMethod;
  readonly iri: string;
  /** True for qualifications the seeds do not name, filled in plausibly. */
  readonly illustrative: boolean;
  readonly minimumCredits: number;
  readonly units: readonly Unit[];
  readonly mandatoryUnits: readonly string[];
  readonly optionalGroups: readonly OptionalGroup[];
}

export interface CodedName {
  readonly code: string;
  readonly name: string;
}

export interface CatalogueData {
  readonly catalogueVersion: string;
  readonly qualifications: readonly Qualification[];
  readonly departments: readonly CodedName[];
  /** Lowest to highest. */
  readonly grades: readonly CodedName[];
  readonly jobFamilies: readonly CodedName[];
  readonly skills: readonly CodedName[];
  readonly skillLevels: readonly SkillLevel[];
  readonly seniorCapabilities: readonly CodedName[];
}

/** Where an activity IRI sits in the catalogue. */
export type ActivityPlace =
  | { readonly kind: 'qualification'; readonly qualification: Qualification }
  | { readonly kind: 'unit'; readonly qualification: Qualification; readonly unit: Unit }
  | {
      readonly kind: 'learning-activity';
      readonly qualification: Qualification;
      readonly unit: Unit;
      readonly activity: LearningActivity;
    }
  | { readonly kind: 'assessment'; readonly qualification: Qualification; readonly unit: Unit };
