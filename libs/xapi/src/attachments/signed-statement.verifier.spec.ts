import { execFileSync, spawnSync } from 'node:child_process';
import { KeyObject, X509Certificate, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XapiVersion } from '../validation/xapi-version';
import { AttachmentResult } from './attachment-result';
import { matchAttachments } from './attachment.matcher';
import { parseMultipartMixed } from './multipart.parser';
import { SIGNATURE_USAGE_TYPE, verifySignedStatements } from './signed-statement.verifier';
import {
  SignedBody,
  TEXT_1,
  compactJws,
  defaultStatement,
  sha256Hex,
  signedStatementBody,
  textAttachment,
} from './suite-bodies.fixture';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ID = 'f5b5d4b2-6c0e-4a3c-9a4f-1c2d3e4f5a6b';
const statement = () => ({ ...defaultStatement(), id: ID });

const signedWith =
  (alg: string, key: KeyObject | string = privateKey, header: Record<string, unknown> = {}) =>
  (payload: unknown) =>
    compactJws(payload, alg, key, header);

/** Parses the body as the resource would, then verifies its signatures. */
function verify(signed: SignedBody, version: XapiVersion = '2.0.0'): AttachmentResult {
  const parsed = parseMultipartMixed(`multipart/mixed; boundary=${signed.boundary}`, signed.body);
  if (!parsed.ok) return parsed;
  const json = parsed.statementsJson;
  const statements = (Array.isArray(json) ? json : [json]) as Record<string, unknown>[];
  const matched = matchAttachments(statements, parsed.parts);
  if (!matched.ok) return matched;
  return verifySignedStatements(statements, parsed.parts, version);
}

/** helper.signStatement's body with the statement part's first `from` replaced by `to`. */
function replacedInStatement(signed: SignedBody, from: string, to: string): SignedBody {
  const body = Buffer.from(signed.body.toString('latin1').replace(from, to), 'latin1');
  return { ...signed, body };
}

/** [case, body, version, a fragment of the message, or null when accepted] */
type Row = [string, () => SignedBody, XapiVersion, string | null];

describe('verifySignedStatements', () => {
  it.each<Row>([
    ['RS256 (SIG)', () => signedStatementBody(statement(), signedWith('RS256')), '2.0.0', null],
    ['RS384 (SIG)', () => signedStatementBody(statement(), signedWith('RS384')), '2.0.0', null],
    ['RS512 (SIG)', () => signedStatementBody(statement(), signedWith('RS512')), '1.0.3', null],
    [
      'a JWS with a trailing newline',
      () => signedStatementBody(statement(), (s) => `${signedWith('RS256')(s)}\r\n`),
      '2.0.0',
      null,
    ],
    [
      'a payload without the id the statement has',
      () => signedStatementBody(statement(), ({ id: _id, ...s }) => signedWith('RS256')(s)),
      '2.0.0',
      null,
    ],
    [
      'a payload whose id differs only in case',
      () =>
        signedStatementBody(statement(), (s) =>
          signedWith('RS256')({ ...s, id: ID.toUpperCase() }),
        ),
      '2.0.0',
      null,
    ],
    [
      'a payload whose timestamp is the same instant in another zone',
      () =>
        signedStatementBody({ ...statement(), timestamp: '2023-05-04T17:00:00.000Z' }, (s) =>
          signedWith('RS256')({ ...s, timestamp: '2023-05-04T12:00:00-05:00' }),
        ),
      '2.0.0',
      null,
    ],
    [
      'a payload without the verb display (not part of the statement)',
      () =>
        signedStatementBody(statement(), (s) =>
          signedWith('RS256')({ ...s, verb: { id: 'http://adlnet.gov/expapi/verbs/attended' } }),
        ),
      '2.0.0',
      null,
    ],
    [
      'a longer duration in the statement than in the payload, 2.0 (DT)',
      () =>
        replacedInStatement(
          signedStatementBody(
            { ...statement(), result: { duration: 'P1DT12H36M0.12S' } },
            signedWith('RS256'),
          ),
          'P1DT12H36M0.12S',
          'P1DT12H36M0.1237S',
        ),
      '2.0.0',
      null,
    ],
    [
      'a longer duration in the statement than in the payload, 1.0.3 (string comparison)',
      () =>
        replacedInStatement(
          signedStatementBody(
            { ...statement(), result: { duration: 'P1DT12H36M0.12S' } },
            signedWith('RS256'),
          ),
          'P1DT12H36M0.12S',
          'P1DT12H36M0.1237S',
        ),
      '1.0.3',
      'not the same statement',
    ],
    [
      'durations that differ in the hundredths, 2.0',
      () =>
        replacedInStatement(
          signedStatementBody(
            { ...statement(), result: { duration: 'PT0.12S' } },
            signedWith('RS256'),
          ),
          'PT0.12S',
          'PT0.13S',
        ),
      '2.0.0',
      'not the same statement',
    ],
    [
      'bad content type (SIG XAPI-00115)',
      () => signedStatementBody(statement(), signedWith('RS256'), 'text/plain; charset=ascii'),
      '2.0.0',
      'contentType application/octet-stream',
    ],
    [
      'a payload that is not JSON (SIG "bad JWS", XAPI-00116)',
      () =>
        signedStatementBody(statement(), (s) =>
          signedWith('RS256')(JSON.stringify(s).replace('"', "'")),
        ),
      '2.0.0',
      'payload is not a JSON statement',
    ],
    [
      'a payload that is JSON but no object',
      () => signedStatementBody(statement(), () => signedWith('RS256')('[1,2]')),
      '2.0.0',
      'payload is not a JSON statement',
    ],
    [
      'HS256 (SIG XAPI-00117)',
      () => signedStatementBody(statement(), signedWith('HS256', 'secret')),
      '2.0.0',
      'alg "HS256" is not RS256',
    ],
    [
      'no alg',
      () =>
        signedStatementBody(statement(), (s) =>
          signedWith('RS256')(s).replace(/^[^.]*/, b64url('{}')),
        ),
      '2.0.0',
      'alg undefined',
    ],
    [
      'a header that is not JSON',
      () =>
        signedStatementBody(statement(), (s) =>
          signedWith('RS256')(s).replace(/^[^.]*/, b64url('{alg')),
        ),
      '2.0.0',
      'header is not a JSON object',
    ],
    [
      'not a compact JWS',
      () => signedStatementBody(statement(), () => 'a.b'),
      '2.0.0',
      'compact serialization',
    ],
    [
      'a crit header',
      () =>
        signedStatementBody(
          statement(),
          signedWith('RS256', privateKey, { crit: ['b64'], b64: false }),
        ),
      '2.0.0',
      'crit',
    ],
    [
      'a payload with another verb',
      () =>
        signedStatementBody(statement(), (s) =>
          signedWith('RS256')({ ...s, verb: { id: 'http://adlnet.gov/expapi/verbs/passed' } }),
        ),
      '2.0.0',
      'statement 0: the JWS payload is not the same statement',
    ],
    [
      'a payload with another id',
      () =>
        signedStatementBody(statement(), (s) =>
          signedWith('RS256')({ ...s, id: 'a5b5d4b2-6c0e-4a3c-9a4f-1c2d3e4f5a6b' }),
        ),
      '2.0.0',
      'not the same statement',
    ],
    [
      'a payload with an id the statement lacks',
      () => signedStatementBody(defaultStatement(), (s) => signedWith('RS256')({ ...s, id: ID })),
      '2.0.0',
      'not the same statement',
    ],
  ])('%s', (_case, body, version, expected) => {
    expect(verify(body(), version)).toEqual(
      expected === null
        ? { ok: true }
        : { ok: false, message: expect.stringContaining(expected) as unknown },
    );
  });

  it('refuses a signature attachment whose data was not sent (XAPI-00115)', () => {
    const signature = {
      ...textAttachment(TEXT_1),
      usageType: SIGNATURE_USAGE_TYPE,
      contentType: 'application/octet-stream',
    };
    const result = verifySignedStatements(
      [{ ...statement(), attachments: [signature] }],
      [],
      '2.0.0',
    );
    expect(result).toEqual({
      ok: false,
      message: expect.stringContaining('has no data') as unknown,
    });
  });

  it('names the statement of a batch whose signature fails', () => {
    const good = signedStatementBody(statement(), signedWith('RS256'));
    const bad = signedStatementBody(statement(), signedWith('HS256', 'secret'));
    const parts = [good, bad].map(({ signature: data }) => ({
      sha2: sha256Hex(data),
      contentType: 'application/octet-stream',
      data,
    }));
    const result = verifySignedStatements([good.statement, bad.statement], parts, '2.0.0');
    expect(result).toEqual({
      ok: false,
      message: expect.stringMatching(/^statement 1: /) as unknown,
    });
  });

  it('passes statements without signature attachments', () => {
    const plain = { ...statement(), attachments: [textAttachment(TEXT_1)] };
    expect(verifySignedStatements([plain, statement()], [], '2.0.0')).toEqual({ ok: true });
  });
});

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

/** Certificates from the openssl CLI, since node:crypto cannot issue them. */
(hasOpenssl ? describe : describe.skip)('verifySignedStatements with an x5c header', () => {
  let dir = '';
  let leafKey: KeyObject;
  let leaf = '';
  let ca = '';
  let selfSignedKey: KeyObject;
  let selfSigned = '';

  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const der = (file: string) =>
    new X509Certificate(readFileSync(join(dir, file))).raw.toString('base64');
  const key = (file: string) => createPrivateKey(readFileSync(join(dir, file)));
  const newCert = (name: string) =>
    openssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.pem`,
      '-subj',
      `/CN=${name}`,
      '-days',
      '1',
    );

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'x5c-'));
    newCert('self');
    newCert('ca');
    openssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'leaf.key',
      '-out',
      'leaf.csr',
      '-subj',
      '/CN=leaf',
    );
    openssl(
      'x509',
      '-req',
      '-in',
      'leaf.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'leaf.pem',
      '-days',
      '1',
    );
    selfSignedKey = key('self.key');
    selfSigned = der('self.pem');
    leafKey = key('leaf.key');
    leaf = der('leaf.pem');
    ca = der('ca.pem');
  }, 30_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** [case, signing key, x5c, alg, a fragment of the message, or null when accepted] */
  type X5cRow = [string, () => KeyObject, () => unknown, string, string | null];

  it.each<X5cRow>([
    ['a self-signed certificate, RS256', () => selfSignedKey, () => [selfSigned], 'RS256', null],
    ['a self-signed certificate, RS512', () => selfSignedKey, () => [selfSigned], 'RS512', null],
    ['a leaf and its issuer', () => leafKey, () => [leaf, ca], 'RS384', null],
    [
      'a key that is not the certificate’s',
      () => privateKey,
      () => [selfSigned],
      'RS256',
      'does not verify',
    ],
    [
      'a leaf followed by a certificate that did not issue it',
      () => leafKey,
      () => [leaf, selfSigned],
      'RS256',
      'certificate 0 is not issued by certificate 1',
    ],
    [
      'an entry that is no certificate',
      () => selfSignedKey,
      () => ['bm90IGEgY2VydA=='],
      'RS256',
      'x5c entry 0 is not a certificate',
    ],
    ['an empty chain', () => selfSignedKey, () => [], 'RS256', 'x5c header is empty'],
    [
      'a chain that is not an array',
      () => selfSignedKey,
      () => selfSigned,
      'RS256',
      'x5c header is not an array',
    ],
  ])('%s', (_case, signingKey, x5c, alg, expected) => {
    const signed = signedStatementBody(statement(), signedWith(alg, signingKey(), { x5c: x5c() }));
    expect(verify(signed)).toEqual(
      expected === null
        ? { ok: true }
        : { ok: false, message: expect.stringContaining(expected) as unknown },
    );
  });

  it('refuses a signature that was altered after signing', () => {
    const signed = signedStatementBody(statement(), (s) => {
      const jws = signedWith('RS256', selfSignedKey, { x5c: [selfSigned] })(s);
      const last = jws.at(-2) === 'A' ? 'B' : 'A';
      return `${jws.slice(0, -2)}${last}${jws.slice(-1)}`;
    });
    expect(verify(signed)).toEqual({
      ok: false,
      message: expect.stringContaining('does not verify') as unknown,
    });
  });
});

function b64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}
