import { Injectable } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { ForbiddenError } from '../common/domain-errors';
import { XapiRequest } from '../common/xapi-request';
import { Scope } from '../credentials/credential';
import { documentAddress, DocumentKind } from './document-address';
import { documentContent } from './document-content';
import { DocumentsService } from './documents.service';
import { Preconditions } from './preconditions';

type Params = Record<string, string | undefined>;

const WRITE: Record<DocumentKind, Scope> = {
  state: 'state',
  'activity-profile': 'profile',
  'agent-profile': 'profile',
};

/** HTTP for the three document resources; the controllers only name their kind. */
@Injectable()
export class DocumentsEndpoint {
  constructor(private readonly documents: DocumentsService) {}

  async get(
    kind: DocumentKind,
    params: Params,
    request: XapiRequest,
    reply: FastifyReply,
  ): Promise<Buffer | string[]> {
    this.authorise(kind, request, false);
    const address = documentAddress(
      kind,
      request.credential.storeId,
      params,
      request.xapiVersion,
      false,
    );
    if (address.docId === null) return this.documents.list(address);
    const document = await this.documents.get(address);
    void reply.headers({
      'content-type': document.content.contentType,
      etag: document.etag,
      'last-modified': new Date(document.updated).toUTCString(),
    });
    return document.content.data;
  }

  /** PUT replaces, POST merges; both name the document and carry its content. */
  async write(
    method: 'put' | 'post',
    kind: DocumentKind,
    params: Params,
    body: unknown,
    request: XapiRequest,
  ): Promise<void> {
    this.authorise(kind, request, true);
    const { storeId } = request.credential;
    const address = documentAddress(kind, storeId, params, request.xapiVersion, true);
    const content = documentContent(request.headers['content-type'], body);
    await this.documents[method](address, content, request.xapiVersion, conditions(request));
  }

  async delete(kind: DocumentKind, params: Params, request: XapiRequest): Promise<void> {
    this.authorise(kind, request, true);
    // Only the state resource deletes every document at an address at once.
    const address = documentAddress(
      kind,
      request.credential.storeId,
      params,
      request.xapiVersion,
      kind !== 'state',
    );
    await this.documents.delete(address, request.xapiVersion, conditions(request));
  }

  private authorise(kind: DocumentKind, request: XapiRequest, write: boolean): void {
    const allowed: Scope[] = write ? ['all', WRITE[kind]] : ['all', 'all/read', WRITE[kind]];
    if (!request.credential.scopes.some((s) => allowed.includes(s))) {
      throw new ForbiddenError(`credential lacks scope ${WRITE[kind]}`);
    }
  }
}

function conditions(request: XapiRequest): Preconditions {
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return { ifMatch: header('if-match'), ifNoneMatch: header('if-none-match') };
}
