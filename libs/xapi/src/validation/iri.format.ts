import { isAlpha, isAlphaNumeric, isHexDigit } from './char-code.util';

const COLON = 0x3a;
const PERCENT = 0x25;
const HASH = 0x23;

/**
 * Best-effort IRI check (RFC 3987), as the spec allows: an absolute IRI with a valid scheme and
 * something after it, no whitespace or control characters, none of the characters IRIs exclude,
 * and only well-formed percent escapes. Relative references are rejected because every IRI in a
 * statement must carry a scheme.
 */
export function isIri(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const colon = schemeEnd(value);
  return colon > 0 && colon < value.length - 1 && hasOnlyIriCharacters(value, colon + 1);
}

/** An mbox: "mailto:" then an address with a local part and a domain. */
export function isMailtoIri(value: unknown): value is string {
  if (typeof value !== 'string' || !value.startsWith('mailto:')) return false;
  const at = value.indexOf('@', 7);
  if (at <= 7 || at === value.length - 1 || value.indexOf('@', at + 1) !== -1) return false;
  return hasOnlyIriCharacters(value, 7);
}

/** Index of the colon ending a valid scheme (ALPHA *(ALPHA / DIGIT / "+" / "-" / ".")), or -1. */
function schemeEnd(value: string): number {
  if (value.length === 0 || !isAlpha(value.charCodeAt(0))) return -1;
  for (let i = 1; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === COLON) return i;
    if (!isAlphaNumeric(code) && code !== 0x2b && code !== 0x2d && code !== 0x2e) return -1;
  }
  return -1;
}

function hasOnlyIriCharacters(value: string, from: number): boolean {
  let hashes = 0;
  for (let i = from; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0x20 || (code >= 0x7f && code <= 0x9f) || isExcluded(code)) return false;
    if (code === PERCENT) {
      if (!isHexDigit(value.charCodeAt(i + 1)) || !isHexDigit(value.charCodeAt(i + 2))) {
        return false;
      }
      i += 2;
    } else if (code === HASH && ++hashes > 1) {
      return false;
    }
  }
  return true;
}

/** Characters RFC 3987 leaves out of IRIs entirely: < > " { } | \ ^ ` */
function isExcluded(code: number): boolean {
  switch (code) {
    case 0x3c:
    case 0x3e:
    case 0x22:
    case 0x7b:
    case 0x7d:
    case 0x7c:
    case 0x5c:
    case 0x5e:
    case 0x60:
      return true;
    default:
      return false;
  }
}
