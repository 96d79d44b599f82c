import { Query } from '@nestjs/cqrs';
import { AttachmentData, XapiVersion } from '@lr/xapi';
import { Credential } from '../credentials/credential';
import { QueryParams } from './statement-query';

export interface StatementsResult {
  /** A statement, or `{ statements, more }`. */
  readonly body: Record<string, unknown>;
  readonly lastModified: string;
  readonly consistentThrough: string;
  /** Present when attachments=true: the response becomes multipart/mixed with their data. */
  readonly attachments?: readonly AttachmentData[];
}

export class GetStatementsQuery extends Query<StatementsResult> {
  constructor(
    readonly params: QueryParams,
    readonly credential: Credential,
    readonly version: XapiVersion,
    readonly languages: readonly string[],
  ) {
    super();
  }
}
