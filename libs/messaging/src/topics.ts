/** Topic names derive from one prefix so several environments can share a cluster. */
export class Topics {
  constructor(private readonly prefix: string) {}

  get statements(): string {
    return `${this.prefix}.xapi.statements.v1`;
  }

  /** Domain events of the learning projections (learner registered, qualification achieved…). */
  get learningEvents(): string {
    return `${this.prefix}.learning.events.v1`;
  }

  /** What happened to accreditation claims (certificate issued). */
  get accreditationEvents(): string {
    return `${this.prefix}.accreditation.events.v1`;
  }

  /** Consumer groups share the prefix too: two environments on one cluster never mix members. */
  group(name: string): string {
    return `${this.prefix}.${name}`;
  }

  deadLetter(sourceTopic: string, groupId: string): string {
    return `${sourceTopic}.${groupId}.dlq`;
  }
}
