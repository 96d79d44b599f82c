import { Injectable } from '@nestjs/common';
import { XapiVersion } from '@lr/xapi';
import { Clock } from '../common/clock';
import { BadRequestError, NotFoundError, PreconditionFailedError } from '../common/domain-errors';
import { DocumentAddress } from './document-address';
import { DocumentContent, etagOf, mergeJson } from './document-content';
import { DocumentChangedError, DocumentsRepository, StoredDocument } from './documents.repository';
import { checkPreconditions, Preconditions } from './preconditions';

/** Concurrent merges into one document retry; each retry re-reads, so none is lost. */
const MERGE_ATTEMPTS = 100;

/** The document resources' operations: state, activity profile and agent profile alike. */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly repository: DocumentsRepository,
    private readonly clock: Clock,
  ) {}

  async get(address: DocumentAddress): Promise<StoredDocument> {
    const found = await this.repository.get(address);
    if (!found) throw new NotFoundError('no such document');
    return found;
  }

  list(address: DocumentAddress): Promise<string[]> {
    return this.repository.list(address);
  }

  async put(
    address: DocumentAddress,
    content: DocumentContent,
    version: XapiVersion,
    conditions: Preconditions,
  ): Promise<void> {
    const current = await this.repository.get(address);
    checkPreconditions('PUT', address.kind, version, current?.etag ?? null, conditions);
    await this.repository
      .write(address, content, etagOf(content.data), this.now(), current?.etag ?? null)
      .catch(raced);
  }

  /** Merges into the current JSON object; retried when a concurrent writer changed it meanwhile. */
  async post(
    address: DocumentAddress,
    content: DocumentContent,
    version: XapiVersion,
    conditions: Preconditions,
  ): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.repository.get(address);
      checkPreconditions('POST', address.kind, version, current?.etag ?? null, conditions);
      if (isJsonType(content) && !content.json)
        throw new BadRequestError('POST takes a JSON object');
      const next = current ? mergeJson(current.content, content) : content;
      try {
        await this.repository.write(
          address,
          next,
          etagOf(next.data),
          this.now(),
          current?.etag ?? null,
        );
        return;
      } catch (error) {
        const retry =
          error instanceof DocumentChangedError && attempt < MERGE_ATTEMPTS && !conditions.ifMatch;
        if (!retry) raced(error);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
      }
    }
  }

  async delete(
    address: DocumentAddress,
    version: XapiVersion,
    conditions: Preconditions,
  ): Promise<void> {
    if (address.docId === null) {
      await this.repository.deleteAll(address);
      return;
    }
    const current = await this.repository.get(address);
    checkPreconditions('DELETE', address.kind, version, current?.etag ?? null, conditions);
    if (current) await this.repository.delete(address, current.etag).catch(raced);
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

function raced(error: unknown): never {
  if (error instanceof DocumentChangedError) {
    throw new PreconditionFailedError(
      'the document changed while this request was processed; read it again',
    );
  }
  throw error;
}

function isJsonType(content: DocumentContent): boolean {
  return content.contentType.toLowerCase().startsWith('application/json');
}
