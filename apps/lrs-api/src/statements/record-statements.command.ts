import { Command } from '@nestjs/cqrs';
import { TelemetryContext } from '@lr/observability';
import { AttachmentPart, XapiVersion } from '@lr/xapi';
import { Credential } from '../credentials/credential';

/**
 * Record a POSTed batch (or one statement PUT with its id): all of them or none. Answers the
 * statement ids in order.
 */
export class RecordStatementsCommand extends Command<readonly string[]> {
  constructor(
    readonly statements: readonly unknown[],
    readonly credential: Credential,
    readonly version: XapiVersion,
    /** Attachment data from a multipart/mixed request, matched to attachments by SHA-2. */
    readonly parts: readonly AttachmentPart[],
    /** The request's unit of work: its records and logs carry its correlation id. */
    readonly work: TelemetryContext | undefined,
    /** The statementId query parameter of a PUT. */
    readonly putId?: string,
  ) {
    super();
  }
}
