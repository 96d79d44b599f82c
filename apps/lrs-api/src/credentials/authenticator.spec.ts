import { UnauthorizedError } from '../common/domain-errors';
import { Clock } from '../common/clock';
import { Authenticator, parseBasic } from './authenticator';
import { Credential } from './credential';
import { CredentialsRepository, StoredCredential } from './credentials.repository';
import { SecretHasher } from './secret-hasher';

const basic = (key: string, secret: string) =>
  `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;

describe('parseBasic', () => {
  it('splits key and secret at the first colon', () => {
    expect(parseBasic(basic('key', 'se:cret'))).toEqual({ key: 'key', secret: 'se:cret' });
  });

  it.each([
    undefined,
    'Bearer x',
    'Basic !!!',
    `Basic ${Buffer.from('nocolon').toString('base64')}`,
  ])('rejects %p', (header) => {
    expect(() => parseBasic(header)).toThrow(UnauthorizedError);
  });
});

describe('Authenticator', () => {
  const hasher = new SecretHasher();
  const credential: Credential = {
    key: 'k',
    name: 'n',
    storeId: 's',
    scopes: ['all'],
    revoked: false,
  };
  let stored: StoredCredential | null;
  let lookups = 0;
  let now = 0;
  const repository = {
    findByKey: async () => {
      lookups++;
      return stored;
    },
  } as unknown as CredentialsRepository;
  const clock: Clock = { now: () => new Date(now) };
  const authenticator = new Authenticator(repository, hasher, clock);

  beforeAll(async () => {
    stored = { credential, secretHash: await hasher.hash('right-secret') };
  });

  it('accepts the right secret, then serves it from the cache until it expires', async () => {
    await expect(authenticator.authenticate(basic('k', 'right-secret'))).resolves.toEqual(
      credential,
    );
    await authenticator.authenticate(basic('k', 'right-secret'));
    expect(lookups).toBe(1);
    now += 31_000;
    await authenticator.authenticate(basic('k', 'right-secret'));
    expect(lookups).toBe(2);
  });

  it('rejects a wrong secret even when the right one is cached', async () => {
    await authenticator.authenticate(basic('k', 'right-secret'));
    await expect(authenticator.authenticate(basic('k', 'wrong-secret'))).rejects.toThrow(
      UnauthorizedError,
    );
  });

  it('rejects revoked and unknown credentials', async () => {
    authenticator.forget('k');
    stored = {
      credential: { ...credential, revoked: true },
      secretHash: await hasher.hash('right-secret'),
    };
    await expect(authenticator.authenticate(basic('k', 'right-secret'))).rejects.toThrow(
      UnauthorizedError,
    );
    stored = null;
    await expect(authenticator.authenticate(basic('k', 'right-secret'))).rejects.toThrow(
      UnauthorizedError,
    );
  });
});
