import { Catalogue, Qualification, Unit } from '@lr/catalogue';
import { randomUUID } from 'node:crypto';
import { LEARNER_PROFILE_EXTENSION, VERBS } from '../facts/vocabulary';

export interface JourneyLearner {
  readonly email: string;
  readonly name: string;
  readonly department?: string;
  readonly grade?: string;
  readonly jobFamily?: string;
  /** The line manager's email. */
  readonly lineManager?: string;
}

type Statement = Record<string, unknown>;

/**
 * Fluent builder of the statements an ODP learner's journey produces on one qualification, as
 * the VLE, workshop registers and test engine would send them. Each call returns a new builder
 * holding one more statement; timestamps advance by a day per step unless given.
 */
export class LearnerJourney {
  private constructor(
    private readonly catalogue: Catalogue,
    private readonly qualification: Qualification,
    private readonly learner: JourneyLearner,
    private readonly statements: readonly Statement[],
    private readonly clock: number,
    private readonly newId: () => string,
  ) {}

  static of(
    catalogue: Catalogue,
    qualificationCode: string,
    learner: JourneyLearner,
    start = '2026-01-05T09:00:00.000Z',
    newId: () => string = randomUUID,
  ): LearnerJourney {
    const qualification = catalogue.qualification(qualificationCode);
    if (!qualification) throw new Error(`no qualification ${qualificationCode}`);
    return new LearnerJourney(catalogue, qualification, learner, [], Date.parse(start), newId);
  }

  get actor(): Statement {
    return { objectType: 'Agent', mbox: `mailto:${this.learner.email}`, name: this.learner.name };
  }

  registered(): LearnerJourney {
    const profile = {
      ...(this.learner.department ? { department: this.learner.department } : {}),
      ...(this.learner.grade ? { grade: this.learner.grade } : {}),
      ...(this.learner.jobFamily ? { jobFamily: this.learner.jobFamily } : {}),
      ...(this.learner.lineManager
        ? { lineManager: { objectType: 'Agent', mbox: `mailto:${this.learner.lineManager}` } }
        : {}),
    };
    return this.push(VERBS.registered, 'registered', this.qualification.iri, {
      context: {
        registration: this.newId(),
        extensions: { [LEARNER_PROFILE_EXTENSION]: profile },
      },
    });
  }

  /** Finishes a learning activity (attended for workshops, completed otherwise). */
  learned(unitCode: string, index = 0): LearnerJourney {
    const activity = this.unit(unitCode).activities[index];
    if (!activity) throw new Error(`unit ${unitCode} has no activity ${index}`);
    const workshop = activity.type === 'workshop';
    return this.push(
      workshop ? VERBS.attended : VERBS.completed,
      workshop ? 'attended' : 'completed',
      activity.iri,
    );
  }

  launched(unitCode: string, index = 0): LearnerJourney {
    const activity = this.unit(unitCode).activities[index];
    if (!activity) throw new Error(`unit ${unitCode} has no activity ${index}`);
    return this.push(VERBS.launched, 'launched', activity.iri);
  }

  assessed(unitCode: string, success: boolean, scaled = success ? 0.8 : 0.4): LearnerJourney {
    const unit = this.unit(unitCode);
    return this.push(
      success ? VERBS.passed : VERBS.failed,
      success ? 'passed' : 'failed',
      unit.assessment.iri,
      { result: { success, completion: true, score: { scaled } } },
    );
  }

  /** Every unit's activities finished and its assessment passed first time. */
  completedAll(): LearnerJourney {
    return this.qualification.units.reduce<LearnerJourney>(
      (journey, unit) =>
        unit.activities
          .reduce<LearnerJourney>((j, _activity, index) => j.learned(unit.code, index), journey)
          .assessed(unit.code, true),
      this,
    );
  }

  get units(): readonly Unit[] {
    return this.qualification.units;
  }

  build(): Statement[] {
    return this.statements.map((statement) => structuredClone(statement));
  }

  private unit(code: string): Unit {
    const unit = this.qualification.units.find((u) => u.code === code);
    if (!unit) throw new Error(`${this.qualification.code} has no unit ${code}`);
    return unit;
  }

  private push(verb: string, display: string, iri: string, extra: Statement = {}): LearnerJourney {
    const statement: Statement = {
      id: this.newId(),
      actor: this.actor,
      verb: { id: verb, display: { 'en-GB': display } },
      object: { objectType: 'Activity', id: iri },
      timestamp: new Date(this.clock).toISOString(),
      ...extra,
    };
    return new LearnerJourney(
      this.catalogue,
      this.qualification,
      this.learner,
      [...this.statements, statement],
      this.clock + 86_400_000,
      this.newId,
    );
  }
}
