import { backoffDelay } from './retry-policy';

describe('backoffDelay', () => {
  const policy = { initialDelayMs: 100, maxDelayMs: 1_000 };

  it('doubles the ceiling per attempt and caps it', () => {
    expect(backoffDelay(0, policy, () => 1)).toBe(100);
    expect(backoffDelay(3, policy, () => 1)).toBe(800);
    expect(backoffDelay(10, policy, () => 1)).toBe(1_000);
  });

  it('jitters between half the ceiling and the ceiling', () => {
    expect(backoffDelay(2, policy, () => 0)).toBe(200);
    expect(backoffDelay(2, policy, () => 0.5)).toBe(300);
  });
});
