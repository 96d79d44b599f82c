import { randomBytes } from 'node:crypto';
import { parseMultipartMixed } from './multipart.parser';
import {
  BOUNDARY,
  CRLF,
  TEXT_1,
  TEXT_2,
  binaryPart,
  defaultStatement,
  jsonPart,
  multipartBody,
  sha256Hex,
  textAttachment,
} from './suite-bodies.fixture';

const HEADER = `multipart/mixed; boundary=${BOUNDARY}`;
const statement = { ...defaultStatement(), attachments: [textAttachment(TEXT_1)] };
const json = jsonPart(statement);
const text1 = binaryPart(TEXT_1);

/** Bytes that break text decoding and look like delimiters without being one. */
const BINARY = Buffer.concat([
  randomBytes(64),
  Buffer.from([0xff, 0xfe, 0x00, 0x80, 0x0d, 0x0a, 0x2d, 0x2d]),
  Buffer.from(`${CRLF}--${BOUNDARY}X${CRLF}--${BOUNDARY.slice(0, -1)}${CRLF}`, 'latin1'),
]);

/** [case, Content-Type header, body, parts' data expected, or a fragment of the message] */
type Row = [string, string, Buffer, Buffer[] | string];

describe('parseMultipartMixed', () => {
  it.each<Row>([
    ['raw data (CT "attachment is raw data")', HEADER, multipartBody([json, text1]), [TEXT_1]],
    [
      'a quoted boundary',
      `multipart/mixed; boundary="${BOUNDARY}"`,
      multipartBody([json, text1]),
      [TEXT_1],
    ],
    [
      "the spec's example boundary, quoted, with ; and = in it",
      `Multipart/Mixed;boundary="abcABC0123'()+_,-./:=?"`,
      multipartBody([json, text1], { boundary: "abcABC0123'()+_,-./:=?" }),
      [TEXT_1],
    ],
    [
      'a CRLF preamble and no CRLF after the closing delimiter (signed bodies)',
      HEADER,
      multipartBody([json, text1], { preamble: CRLF, epilogue: '' }),
      [TEXT_1],
    ],
    [
      'a text preamble and an epilogue',
      HEADER,
      multipartBody([json, text1], { preamble: `ignore me${CRLF}`, epilogue: `${CRLF}and me` }),
      [TEXT_1],
    ],
    [
      'no space after the colon, odd header case',
      HEADER,
      multipartBody([
        { headers: ['content-TYPE:application/json'], content: JSON.stringify(statement) },
        {
          headers: [
            'CONTENT-TYPE:text/plain',
            'content-transfer-encoding:Binary',
            `x-experience-api-hash:${sha256Hex(TEXT_1)}`,
          ],
          content: TEXT_1,
        },
      ]),
      [TEXT_1],
    ],
    ['only the statements part', HEADER, multipartBody([json]), []],
    [
      'an array of statements, JSON with a charset',
      HEADER,
      multipartBody([jsonPart([statement, statement], 'application/json; charset=UTF-8'), text1]),
      [TEXT_1],
    ],
    [
      'no Content-Transfer-Encoding (binary is assumed)',
      HEADER,
      multipartBody([
        json,
        { headers: [`X-Experience-API-Hash: ${sha256Hex(TEXT_1)}`], content: TEXT_1 },
      ]),
      [TEXT_1],
    ],
    [
      'an upper-case hash',
      HEADER,
      multipartBody([json, binaryPart(TEXT_1, sha256Hex(TEXT_1).toUpperCase())]),
      [TEXT_1],
    ],
    [
      'transport padding after a boundary',
      HEADER,
      Buffer.from(
        multipartBody([json, text1])
          .toString('latin1')
          .replace(`--${BOUNDARY}${CRLF}`, `--${BOUNDARY} \t${CRLF}`),
        'latin1',
      ),
      [TEXT_1],
    ],
    [
      'binary data with CRLF, dashes, invalid UTF-8 and near-boundaries in it',
      HEADER,
      multipartBody([json, binaryPart(BINARY)]),
      [BINARY],
    ],
    ['two attachments', HEADER, multipartBody([json, text1, binaryPart(TEXT_2)]), [TEXT_1, TEXT_2]],
    [
      'a JSON attachment that has its hash',
      HEADER,
      multipartBody([
        json,
        {
          ...jsonPart({ a: 1 }),
          headers: [
            'Content-Type: application/json',
            `X-Experience-API-Hash: ${sha256Hex('{"a":1}')}`,
          ],
        },
      ]),
      [Buffer.from('{"a":1}')],
    ],
    [
      'boundary missing from the header (XAPI-00130)',
      'multipart/mixed;',
      multipartBody([json, text1]),
      'no boundary parameter',
    ],
    [
      'an empty boundary',
      'multipart/mixed; boundary=""',
      multipartBody([json]),
      'no boundary parameter',
    ],
    [
      'a malformed Content-Type',
      'multipart/mixed; boundary="open',
      multipartBody([json]),
      'malformed',
    ],
    [
      'multipart/form-data',
      `multipart/form-data; boundary=${BOUNDARY}`,
      multipartBody([json]),
      'must be multipart/mixed',
    ],
    ['a body without delimiters', HEADER, Buffer.from(JSON.stringify(statement)), 'no "---'],
    [
      'a body that does not start with a boundary (XAPI-00131)',
      HEADER,
      Buffer.concat([
        Buffer.from(
          `Content-Type: application/json${CRLF}${CRLF}${JSON.stringify(statement)}${CRLF}`,
        ),
        multipartBody([text1]),
      ]),
      'first part must have Content-Type application/json',
    ],
    [
      'no boundary between the JSON and the attachment (XAPI-00130)',
      HEADER,
      Buffer.from(
        multipartBody([json, text1])
          .toString('latin1')
          .replace(
            `${CRLF}--${BOUNDARY}${CRLF}Content-Type: text/plain`,
            `${CRLF}Content-Type: text/plain`,
          ),
        'latin1',
      ),
      'first part is not valid JSON',
    ],
    [
      'a text/plain first part (XAPI-00134)',
      HEADER,
      multipartBody([jsonPart(statement, 'text/plain'), text1]),
      'first part must have',
    ],
    [
      'a first part without headers',
      HEADER,
      multipartBody([{ headers: [], content: '{}' }]),
      'not none',
    ],
    [
      'statements over two JSON parts (XAPI-00133)',
      HEADER,
      multipartBody([json, json, text1]),
      'part 2 is a second application/json part',
    ],
    [
      'no X-Experience-API-Hash (XAPI-00132)',
      HEADER,
      multipartBody([
        json,
        {
          headers: ['Content-Type: text/plain', 'Content-Transfer-Encoding: binary'],
          content: TEXT_1,
        },
      ]),
      'part 2 has no X-Experience-API-Hash',
    ],
    [
      'a hash that is not the data’s (XAPI-00132)',
      HEADER,
      multipartBody([
        json,
        binaryPart(TEXT_1, 'b018994f8bbe0f08992a65c48c8c8c56f09e9baceaa6227ed85c90ae52b73c89'),
      ]),
      'is not the hash of its data',
    ],
    [
      'a hash that is not hex',
      HEADER,
      multipartBody([json, binaryPart(TEXT_1, 'z'.repeat(64))]),
      'not SHA-2 hex',
    ],
    [
      'base64 transfer encoding (XAPI-00135)',
      HEADER,
      multipartBody([
        json,
        { ...text1, headers: text1.headers.map((h) => h.replace('binary', 'base64')) },
      ]),
      'Content-Transfer-Encoding base64',
    ],
    [
      'no closing delimiter',
      HEADER,
      Buffer.from(
        multipartBody([json, text1]).toString('latin1').replace(`--${BOUNDARY}--`, ''),
        'latin1',
      ),
      'does not end with the closing',
    ],
    ['only a closing delimiter', HEADER, Buffer.from(`--${BOUNDARY}--`), 'no parts'],
    [
      'JSON that is no statement',
      HEADER,
      multipartBody([{ headers: ['Content-Type: application/json'], content: '42' }]),
      'statement or an array',
    ],
    [
      'JSON that is not UTF-8',
      HEADER,
      multipartBody([
        { headers: ['Content-Type: application/json'], content: Buffer.from([0x7b, 0xff, 0x7d]) },
      ]),
      'not valid JSON',
    ],
    [
      'a header line without a colon',
      HEADER,
      multipartBody([json, { ...text1, headers: [...text1.headers, 'oops'] }]),
      'malformed header line',
    ],
    [
      'a repeated header',
      HEADER,
      multipartBody([json, { ...text1, headers: [...text1.headers, 'Content-Type: image/png'] }]),
      'repeats the content-type',
    ],
    [
      'a part with no blank line after its headers',
      HEADER,
      Buffer.from(`--${BOUNDARY}${CRLF}Content-Type: application/json${CRLF}--${BOUNDARY}--`),
      'no blank line',
    ],
  ])('%s', (_case, header, body, expected) => {
    const result = parseMultipartMixed(header, body);
    if (typeof expected === 'string') {
      expect(result).toEqual({ ok: false, message: expect.stringContaining(expected) as unknown });
      return;
    }
    if (!result.ok) throw new Error(result.message);
    expect(result.parts.map((p) => p.data)).toEqual(expected);
  });

  it('returns the parsed statements and each part’s lower-case hash and content type', () => {
    const hash = sha256Hex(TEXT_1);
    const result = parseMultipartMixed(
      HEADER,
      multipartBody([json, binaryPart(TEXT_1, hash.toUpperCase())]),
    );
    expect(result).toEqual({
      ok: true,
      statementsJson: statement,
      parts: [{ sha2: hash, contentType: 'text/plain', data: TEXT_1 }],
    });
  });

  it('gives a part without a Content-Type the RFC 2045 default', () => {
    const part = { headers: [`X-Experience-API-Hash: ${sha256Hex(TEXT_1)}`], content: TEXT_1 };
    const result = parseMultipartMixed(HEADER, multipartBody([json, part]));
    expect(result.ok && result.parts[0]?.contentType).toBe('text/plain; charset=us-ascii');
  });
});
