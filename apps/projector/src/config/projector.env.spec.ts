import { validateEnv } from '@lr/config';
import { ProjectorEnv } from './projector.env';

describe('ProjectorEnv fetch pacing', () => {
  it('lets the broker answer any fetch at once by default, as before the settings existed', () => {
    const env = validateEnv(ProjectorEnv, {});
    expect(env.storeFetch).toEqual({ minBytes: 1, maxWaitMs: 1_000 });
    expect(env.learningFetch).toEqual({ minBytes: 1, maxWaitMs: 500 });
  });

  it('takes each group its own pacing', () => {
    const env = validateEnv(ProjectorEnv, {
      PROJECTOR_STORE_FETCH_MIN_BYTES: '65536',
      PROJECTOR_STORE_FETCH_WAIT_MS: '5',
      PROJECTOR_LEARNING_FETCH_MIN_BYTES: '1048576',
      PROJECTOR_LEARNING_FETCH_WAIT_MS: '100',
    });
    expect(env.storeFetch).toEqual({ minBytes: 65_536, maxWaitMs: 5 });
    expect(env.learningFetch).toEqual({ minBytes: 1_048_576, maxWaitMs: 100 });
  });

  it('refuses a wait that would hold read-your-writes past a second', () => {
    expect(() => validateEnv(ProjectorEnv, { PROJECTOR_STORE_FETCH_WAIT_MS: '5000' })).toThrow(
      /PROJECTOR_STORE_FETCH_WAIT_MS/,
    );
  });
});
