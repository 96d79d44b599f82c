import { Catalogue } from './catalogue';
import { loadCatalogue } from './catalogue.loader';
import type { Qualification, Unit } from './catalogue.types';

const catalogue = loadCatalogue();

function firstQualification(): Qualification {
  const q = catalogue.qualifications[0];
  if (!q) throw new Error('the shipped catalogue has no qualifications');
  return q;
}

function unitOf(q: Qualification, index: number): Unit {
  const unit = q.units[index];
  if (!unit) throw new Error(`${q.code} has no unit ${index}`);
  return unit;
}

describe('Catalogue', () => {
  const q = firstQualification();
  const unit = unitOf(q, 1);

  it('finds qualifications by code', () => {
    expect(catalogue.qualification('ODP-L2-CS')).toBe(q);
    expect(catalogue.qualification('ODP-L7-LM-STR')?.awardingBody).toBe('cmi');
    expect(catalogue.qualification('odp-l2-cs')).toBeUndefined();
  });

  describe('placeOf', () => {
    it('places a qualification IRI', () => {
      expect(catalogue.placeOf(q.iri)).toEqual({ kind: 'qualification', qualification: q });
    });

    it('places a unit IRI', () => {
      expect(catalogue.placeOf(unit.iri)).toEqual({ kind: 'unit', qualification: q, unit });
    });

    it('places a learning activity IRI', () => {
      const activity = unit.activities[0];
      expect(activity && catalogue.placeOf(activity.iri)).toEqual({
        kind: 'learning-activity',
        qualification: q,
        unit,
        activity,
      });
    });

    it('places an assessment IRI', () => {
      expect(catalogue.placeOf(unit.assessment.iri)).toEqual({
        kind: 'assessment',
        qualification: q,
        unit,
      });
    });

    it('places every IRI in the catalogue under its own qualification', () => {
      for (const each of catalogue.qualifications)
        for (const u of each.units)
          for (const iri of [u.iri, u.assessment.iri, ...u.activities.map((a) => a.iri)])
            expect(catalogue.placeOf(iri)?.qualification).toBe(each);
    });

    it('matches exactly, without normalising', () => {
      expect(catalogue.placeOf(`${unit.iri}/`)).toBeUndefined();
      expect(catalogue.placeOf(unit.iri.toUpperCase())).toBeUndefined();
      expect(catalogue.placeOf('https://example.org/unknown')).toBeUndefined();
    });
  });

  it('knows departments, grades and job families by code', () => {
    expect(catalogue.isDepartment('HMPO')).toBe(true);
    expect(catalogue.isDepartment('MOJ-LAA')).toBe(true);
    expect(catalogue.isDepartment('hmpo')).toBe(false);
    expect(catalogue.isGrade('SCS3')).toBe(true);
    expect(catalogue.isGrade('G8')).toBe(false);
    expect(catalogue.isJobFamily('leadership-and-management')).toBe(true);
    expect(catalogue.isJobFamily('HMPO')).toBe(false);
  });

  it('keeps grades and skill levels lowest to highest', () => {
    expect(catalogue.grades.map((g) => g.code)).toEqual([
      'AA',
      'AO',
      'EO',
      'HEO',
      'SEO',
      'G7',
      'G6',
      'SCS1',
      'SCS2',
      'SCS3',
    ]);
    expect(catalogue.skillLevels).toEqual(['awareness', 'working', 'practitioner', 'expert']);
  });

  it('lists the five core skills, four job families and seven senior capabilities', () => {
    expect(catalogue.skills).toHaveLength(5);
    expect(catalogue.jobFamilies).toHaveLength(4);
    expect(catalogue.seniorCapabilities).toHaveLength(7);
  });

  it('indexes whatever data it is given', () => {
    const tiny = new Catalogue({
      catalogueVersion: '0.0.1',
      qualifications: [q],
      departments: [{ code: 'HMRC', name: 'HM Revenue & Customs' }],
      grades: [],
      jobFamilies: [],
      skills: [],
      skillLevels: [],
      seniorCapabilities: [],
    });
    expect(tiny.version).toBe('0.0.1');
    expect(tiny.placeOf(unit.assessment.iri)?.kind).toBe('assessment');
    expect(tiny.qualification('ODP-L3-CS')).toBeUndefined();
    expect(tiny.isDepartment('HMPO')).toBe(false);
  });
});
