/** Topic names derive from one prefix so several environments can share a cluster. */
export class Topics {
  constructor(private readonly prefix: string) {}

  get statements(): string {
    return `${this.prefix}.xapi.statements.v1`;
  }

  deadLetter(sourceTopic: string, groupId: string): string {
    return `${sourceTopic}.${groupId}.dlq`;
  }
}
