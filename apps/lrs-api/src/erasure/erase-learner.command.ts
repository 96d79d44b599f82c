import { TelemetryContext } from '@lr/observability';
import { Credential } from '../credentials/credential';

/** Erase a learner, named by any one of their identifiers, from the credential's store. */
export class EraseLearnerCommand {
  constructor(
    readonly credential: Credential,
    readonly agent: unknown,
    /** The request's unit of work, when one asked: its records and logs carry its id. */
    readonly work?: TelemetryContext,
  ) {}
}
