import { randomUUID } from 'node:crypto';

const ADL = 'http://adlnet.gov/expapi/verbs/';

/** Fluent builder of xAPI statements for tests; every call returns a new builder. */
export class StatementBuilder {
  private constructor(private readonly statement: Record<string, unknown>) {}

  static aStatement(): StatementBuilder {
    return new StatementBuilder({
      actor: { objectType: 'Agent', mbox: 'mailto:learner@example.gov.uk', name: 'A Learner' },
      verb: { id: `${ADL}completed`, display: { 'en-GB': 'completed' } },
      object: { objectType: 'Activity', id: 'https://odp.example.gov.uk/activities/unit-1' },
    });
  }

  withId(id: string = randomUUID()): StatementBuilder {
    return this.with({ id });
  }

  byLearner(email: string): StatementBuilder {
    return this.with({ actor: { objectType: 'Agent', mbox: `mailto:${email}` } });
  }

  withVerb(verb: string): StatementBuilder {
    return this.with({ verb: { id: `${ADL}${verb}`, display: { 'en-GB': verb } } });
  }

  onActivity(id: string): StatementBuilder {
    return this.with({ object: { objectType: 'Activity', id } });
  }

  with(fields: Record<string, unknown>): StatementBuilder {
    return new StatementBuilder({ ...this.statement, ...fields });
  }

  without(field: string): StatementBuilder {
    const { [field]: _removed, ...rest } = this.statement;
    return new StatementBuilder(rest);
  }

  build(): Record<string, unknown> {
    return structuredClone(this.statement);
  }
}
