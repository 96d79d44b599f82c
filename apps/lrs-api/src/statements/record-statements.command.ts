import { Command } from '@nestjs/cqrs';
import { Credential } from '../credentials/credential';

/** Record one POSTed/PUT statement or batch; all of them or none. Answers the ids in order. */
export class RecordStatementsCommand extends Command<readonly string[]> {
  constructor(
    readonly statements: readonly unknown[],
    readonly credential: Credential,
  ) {
    super();
  }
}
