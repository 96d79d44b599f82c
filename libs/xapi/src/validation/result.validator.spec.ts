import { resultFailure } from './result.validator';

/** [case, result, path of the expected failure or null for valid] */
type Row = [string, unknown, string | null];

describe('Results', () => {
  it.each<Row>([
    [
      'every property',
      {
        score: { scaled: 0.95, raw: 95, min: 0, max: 100 },
        success: true,
        completion: false,
        response: 'We agreed on some example actions.',
        duration: 'PT1H0M0S',
        extensions: { 'http://example.com/ext': null },
      },
      null,
    ],
    ['an empty result', {}, null],
    ['scaled at -1 and raw at min', { score: { scaled: -1, raw: 0, min: 0 } }, null],
    ['raw at max', { score: { raw: 10, max: 10 } }, null],
    [
      '32-bit float precision',
      { score: { scaled: 0.12123434, raw: 12.125, min: 0.12123434, max: 45.45 } },
      null,
    ],
    ['a string success', { success: 'true' }, 'success'],
    ['a string completion', { completion: 'false' }, 'completion'],
    ['a numeric response', { response: 12345 }, 'response'],
    ['a null response', { response: null }, 'response'],
    ['a bad duration', { duration: 'PA1H0M0S' }, 'duration'],
    ['a numeric duration', { duration: 12345 }, 'duration'],
    [
      'a non-IRI extension key',
      { extensions: { 'example.com/extension/wrong': 1 } },
      'extensions["example.com/extension/wrong"]',
    ],
    ['extensions as a string', { extensions: 'x' }, 'extensions'],
    ['an unknown property', { score: { scaled: 1 }, grade: 'A' }, 'grade'],
    ['score as a number', { score: 0.5 }, 'score'],
    ['scaled above 1', { score: { scaled: 1.01 } }, 'score.scaled'],
    ['scaled below -1', { score: { scaled: -1.01 } }, 'score.scaled'],
    ['scaled as a string', { score: { scaled: '0.5' } }, 'score.scaled'],
    ['raw as a string', { score: { raw: '95' } }, 'score.raw'],
    ['min as a string', { score: { min: '0' } }, 'score.min'],
    ['max as a string', { score: { max: '100' } }, 'score.max'],
    ['min equal to max', { score: { min: 5, max: 5 } }, 'score.min'],
    ['min above max', { score: { min: 10, max: 5 } }, 'score.min'],
    ['raw below min', { score: { raw: -1, min: 0 } }, 'score.raw'],
    ['raw above max', { score: { raw: 101, max: 100 } }, 'score.raw'],
    ['an unknown score property', { score: { percent: 50 } }, 'score.percent'],
  ])('%s', (_case, value, path) => {
    const result = resultFailure(value);
    if (path === null) expect(result).toBeNull();
    else expect(result).toMatchObject({ path, message: expect.any(String) as string });
  });
});
