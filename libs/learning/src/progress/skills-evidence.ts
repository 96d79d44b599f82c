import { Catalogue, SkillLevel } from '@lr/catalogue';
import { QualificationProgress } from './qualification-progress';

/** A learner's evidence for one core ODP skill: the highest level shown and by which units. */
export interface SkillEvidenceEntry {
  readonly skill: string;
  readonly level: SkillLevel;
  readonly units: readonly string[];
}

/** Completed units evidence the skills the catalogue maps them to, at the mapped level. */
export function deriveSkills(
  progress: readonly QualificationProgress[],
  catalogue: Catalogue,
): SkillEvidenceEntry[] {
  const rank = (level: SkillLevel) => catalogue.skillLevels.indexOf(level);
  const bySkill = new Map<string, { level: SkillLevel; units: string[] }>();
  for (const entry of progress) {
    const qualification = catalogue.qualification(entry.qualification);
    for (const unit of entry.units) {
      if (unit.status !== 'completed') continue;
      const definition = qualification?.units.find((u) => u.code === unit.code);
      for (const evidence of definition?.skills ?? []) {
        const current = bySkill.get(evidence.skill);
        const level =
          current && rank(current.level) >= rank(evidence.level) ? current.level : evidence.level;
        bySkill.set(evidence.skill, { level, units: [...(current?.units ?? []), unit.code] });
      }
    }
  }
  return [...bySkill]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([skill, { level, units }]) => ({ skill, level, units: [...units].sort() }));
}
