import { BadRequestError } from '../common/domain-errors';
import { documentAddress, documentKey } from './document-address';

const agent = JSON.stringify({ mbox: 'mailto:ann@example.gov.uk' });

describe('documentAddress', () => {
  it('reads a state address, lower-casing the registration', () => {
    const address = documentAddress(
      'state',
      's',
      {
        activityId: 'https://odp/unit-1',
        agent,
        registration: 'AAAAAAAA-0000-4000-8000-000000000001',
        stateId: 'bookmark',
      },
      '2.0.0',
      true,
    );
    expect(address).toMatchObject({
      activityId: 'https://odp/unit-1',
      registration: 'aaaaaaaa-0000-4000-8000-000000000001',
      docId: 'bookmark',
    });
  });

  it.each([
    [{ agent, stateId: 'x' }, 'activityId parameter is required'],
    [{ activityId: 'https://odp/a', agent: '{"name":"no ifi"}', stateId: 'x' }, 'agent parameter'],
    [{ activityId: 'not an iri', agent, stateId: 'x' }, 'activityId parameter must be an IRI'],
    [
      { activityId: 'https://odp/a', agent, stateId: 'x', colour: 'blue' },
      'unknown query parameter colour',
    ],
  ])('refuses %p', (params, message) => {
    expect(() => documentAddress('state', 's', params, '2.0.0', true)).toThrow(BadRequestError);
    expect(() => documentAddress('state', 's', params, '2.0.0', true)).toThrow(message);
  });

  it('keys documents by store, so stores never share one', () => {
    const params = { activityId: 'https://odp/a', profileId: 'p' };
    expect(documentKey(documentAddress('activity-profile', 'a', params, '2.0.0', true))).not.toBe(
      documentKey(documentAddress('activity-profile', 'b', params, '2.0.0', true)),
    );
  });
});
