import { isHexRun } from './char-code.util';
import { isIri } from './iri.format';
import { firstUnknownKey, isJsonObject } from './json-value.guard';
import { languageMapFailure } from './language-map.validator';
import {
  ValidationFailure,
  atIndex,
  atKey,
  failure,
  keyFailure,
  mustBe,
} from './validation-failure';

const ATTACHMENT_KEYS = new Set([
  'usageType',
  'display',
  'description',
  'contentType',
  'length',
  'sha2',
  'fileUrl',
]);

/** type "/" subtype, RFC 2045 tokens, then optional parameters. */
const MEDIA_TYPE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+\/[!#$%&'*+.^_`|~0-9A-Za-z-]+\s*(;.*)?$/;

export function attachmentsFailure(value: unknown): ValidationFailure | null {
  if (!Array.isArray(value)) return failure(mustBe('an array of Attachment objects', value));
  for (let i = 0; i < value.length; i++) {
    const inner = attachmentFailure(value[i]);
    if (inner !== null) return atIndex(i, inner);
  }
  return null;
}

function attachmentFailure(value: unknown): ValidationFailure | null {
  if (!isJsonObject(value)) return failure(mustBe('an Attachment object', value));
  const unknown = firstUnknownKey(value, ATTACHMENT_KEYS);
  if (unknown !== undefined) return keyFailure(unknown, 'is not an Attachment property');
  if (!isIri(value.usageType)) return keyFailure('usageType', mustBe('an IRI', value.usageType));
  const display = languageMapFailure(value.display);
  if (display !== null) return atKey('display', display);
  if (value.description !== undefined) {
    const inner = languageMapFailure(value.description);
    if (inner !== null) return atKey('description', inner);
  }
  const { contentType, length, sha2, fileUrl } = value;
  if (typeof contentType !== 'string' || !MEDIA_TYPE.test(contentType)) {
    return keyFailure('contentType', mustBe('an Internet Media Type', contentType));
  }
  if (!(Number.isInteger(length) && (length as number) >= 0)) {
    return keyFailure('length', mustBe('a non-negative integer', length));
  }
  if (!isSha2Hex(sha2)) return keyFailure('sha2', mustBe('a hex-encoded SHA-2 hash', sha2));
  if (fileUrl !== undefined && !isIri(fileUrl))
    return keyFailure('fileUrl', mustBe('an IRL', fileUrl));
  return null;
}

/** SHA-224, -256, -384 or -512 in hex: the lengths an X-Experience-API-Hash can have. */
function isSha2Hex(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const n = value.length;
  return (n === 56 || n === 64 || n === 96 || n === 128) && isHexRun(value, 0, n);
}
