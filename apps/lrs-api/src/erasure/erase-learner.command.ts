import { Credential } from '../credentials/credential';

/** Erase a learner, named by any one of their identifiers, from the credential's store. */
export class EraseLearnerCommand {
  constructor(
    readonly credential: Credential,
    readonly agent: unknown,
  ) {}
}
