import { BadRequestError, ConflictError, PreconditionFailedError } from '../common/domain-errors';
import { checkPreconditions } from './preconditions';

const none = { ifMatch: undefined, ifNoneMatch: undefined };
const etag = '"abc"';

describe('checkPreconditions', () => {
  it('lets a write through when If-Match names the current ETag, and refuses any other with 412', () => {
    expect(() =>
      checkPreconditions('PUT', 'state', '2.0.0', etag, { ...none, ifMatch: etag }),
    ).not.toThrow();
    expect(() =>
      checkPreconditions('POST', 'state', '2.0.0', etag, { ...none, ifMatch: '"other"' }),
    ).toThrow(PreconditionFailedError);
    expect(() =>
      checkPreconditions('DELETE', 'state', '2.0.0', null, { ...none, ifMatch: etag }),
    ).toThrow(PreconditionFailedError);
  });

  it('refuses If-None-Match: * when the document exists', () => {
    expect(() =>
      checkPreconditions('PUT', 'agent-profile', '2.0.0', etag, { ...none, ifNoneMatch: '*' }),
    ).toThrow(PreconditionFailedError);
    expect(() =>
      checkPreconditions('PUT', 'agent-profile', '2.0.0', null, { ...none, ifNoneMatch: '*' }),
    ).not.toThrow();
  });

  it('answers 409 to an unconditional PUT over an existing document (every kind in 2.0, profiles in 1.0.3)', () => {
    expect(() => checkPreconditions('PUT', 'state', '2.0.0', etag, none)).toThrow(ConflictError);
    expect(() => checkPreconditions('PUT', 'state', '1.0.3', etag, none)).not.toThrow();
    expect(() => checkPreconditions('PUT', 'activity-profile', '1.0.3', etag, none)).toThrow(
      ConflictError,
    );
  });

  it('answers 400 to an unconditional 1.0.3 profile PUT of a new document, and lets 2.0 create one', () => {
    expect(() => checkPreconditions('PUT', 'activity-profile', '1.0.3', null, none)).toThrow(
      BadRequestError,
    );
    expect(() => checkPreconditions('PUT', 'activity-profile', '2.0.0', null, none)).not.toThrow();
    expect(() => checkPreconditions('POST', 'activity-profile', '1.0.3', etag, none)).not.toThrow();
  });
});
