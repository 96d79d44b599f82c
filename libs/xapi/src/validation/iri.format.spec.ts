import { isIri, isMailtoIri } from './iri.format';

describe('isIri', () => {
  it.each([
    ['an http IRL', 'http://adlnet.gov/expapi/verbs/attended'],
    ['a fragment', 'http://example.com/xapi/verbs#sent-a-statement'],
    ['a URN', 'urn:uuid:fd41c918-b88b-4b20-a0a5-a4c32391aaa0'],
    ['a tag URI', 'tag:odp.example.gov.uk,2025:unit-1'],
    ['non-ASCII characters', 'http://example.com/ünïcödé/出席'],
    ['percent escapes', 'http://example.com/a%20b'],
    ['dot segments', 'http://example.com/path/../x'],
    ['a scheme with + - .', 'git+ssh.v-2://host/repo'],
  ])('accepts %s', (_case, value) => {
    expect(isIri(value)).toBe(true);
  });

  it.each([
    ['no scheme', 'adlnet.gov/expapi/verbs/attended'],
    ['an invalid scheme character', 'ab=c://should.fail.com'],
    ['a scheme starting with a digit', '1http://example.com'],
    ['a bare word', 'should fail'],
    ['nothing after the scheme', 'http:'],
    ['whitespace', 'http://example.com/a b'],
    ['a control character', 'http://example.com/\u0007'],
    ['an excluded character', 'http://example.com/<x>'],
    ['a broken percent escape', 'http://example.com/%zz'],
    ['two fragments', 'http://example.com/#a#b'],
    ['the empty string', ''],
    ['a number', 12345],
  ])('rejects %s', (_case, value) => {
    expect(isIri(value)).toBe(false);
  });
});

describe('isMailtoIri', () => {
  it.each([
    ['a plain address', 'mailto:xapi@adlnet.gov'],
    ['a plus address', 'mailto:ann+odp@example.gov.uk'],
  ])('accepts %s', (_case, value) => {
    expect(isMailtoIri(value)).toBe(true);
  });

  it.each([
    ['no @', 'mailto:should.fail.com'],
    ['another scheme', 'http://should.fail.com'],
    ['no local part', 'mailto:@example.com'],
    ['no domain', 'mailto:ann@'],
    ['two @', 'mailto:a@b@c'],
    ['no scheme', 'xapi@adlnet.gov'],
    ['whitespace', 'mailto:ann smith@example.com'],
    ['a number', 12345],
  ])('rejects %s', (_case, value) => {
    expect(isMailtoIri(value)).toBe(false);
  });
});
