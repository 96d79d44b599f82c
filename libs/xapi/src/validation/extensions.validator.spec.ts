import { extensionsFailure } from './extensions.validator';

/** [case, extensions, path of the expected failure or null for valid] */
type Row = [string, unknown, string | null];

describe('extensions', () => {
  it.each<Row>([
    [
      'any JSON values',
      { 'http://example.com/a': { name: 'Thomas' }, 'http://example.com/b': [1, 'x'] },
      null,
    ],
    ['a null value', { 'http://example.com/null': null }, null],
    ['an empty string value', { 'http://example.com/ex': '' }, null],
    ['an empty object value', { 'http://example.com/ex': {} }, null],
    ['no extensions', {}, null],
    [
      'a key without scheme',
      { 'example.com/extension/wrong': 1 },
      '["example.com/extension/wrong"]',
    ],
    ['a key that is a word', { location: 'x' }, '["location"]'],
    ['a string', 'should fail', ''],
    ['null', null, ''],
    ['an array', [], ''],
  ])('%s', (_case, value, path) => {
    const result = extensionsFailure(value);
    if (path === null) expect(result).toBeNull();
    else expect(result).toMatchObject({ path, message: expect.any(String) as string });
  });
});
