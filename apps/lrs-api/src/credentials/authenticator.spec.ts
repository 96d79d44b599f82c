import { TooManyRequestsError, UnauthorizedError } from '../common/domain-errors';
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

  it('refuses guesses at a key before hashing once it has had its share of wrong secrets', async () => {
    const guessed = new Authenticator(repository, hasher, clock);
    stored = { credential, secretHash: await hasher.hash('right-secret') };
    for (let i = 0; i < 20; i++) {
      await expect(guessed.authenticate(basic('k', `guess-${i}`))).rejects.toThrow(
        UnauthorizedError,
      );
    }
    await expect(guessed.authenticate(basic('k', 'guess-21'))).rejects.toThrow(
      TooManyRequestsError,
    );
    await expect(guessed.authenticate(basic('k', 'right-secret'))).rejects.toThrow(
      TooManyRequestsError,
    );
    now += 1_000;
    await expect(guessed.authenticate(basic('k', 'right-secret'))).resolves.toEqual(credential);
  });

  it('counts concurrent guesses one by one, and shares one hash among concurrent right secrets', async () => {
    const guessed = new Authenticator(repository, hasher, clock);
    stored = { credential, secretHash: await hasher.hash('right-secret') };
    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) => guessed.authenticate(basic('k', `guess-${i}`))),
    );
    const reasons = outcomes.map((o) => (o.status === 'rejected' ? o.reason : o.value) as unknown);
    expect(reasons.filter((r) => r instanceof UnauthorizedError)).toHaveLength(20);
    expect(reasons.filter((r) => r instanceof TooManyRequestsError)).toHaveLength(10);

    now += 60_000;
    const verify = jest.spyOn(hasher, 'verify');
    const right = await Promise.all(
      Array.from({ length: 30 }, () => guessed.authenticate(basic('k', 'right-secret'))),
    );
    expect(right).toEqual(Array(30).fill(credential));
    expect(verify).toHaveBeenCalledTimes(1);
  });
});
