import { isAlpha, isAlphaNumeric, isDigit } from './char-code.util';

const HYPHEN = 0x2d;

/**
 * Grandfathered tags that the langtag grammar cannot parse (RFC 5646 section 2.1, "irregular").
 * The "regular" grandfathered tags (art-lojban, zh-min-nan, ...) already fit the grammar.
 */
const IRREGULAR = new Set([
  'en-gb-oed',
  'i-ami',
  'i-bnn',
  'i-default',
  'i-enochian',
  'i-hak',
  'i-klingon',
  'i-lux',
  'i-mingo',
  'i-navajo',
  'i-pwn',
  'i-tao',
  'i-tay',
  'i-tsu',
  'sgn-be-fr',
  'sgn-be-nl',
  'sgn-ch-de',
]);

/** Where a subtag may appear; each stage may only move forwards. */
const enum Stage {
  Extlang,
  Script,
  Region,
  Variant,
  Extension,
}

/**
 * An RFC 5646 language tag: the full langtag grammar (language, extlang, script, region,
 * variants, extensions, private use), with its rules that no variant and no extension singleton
 * repeats, plus whole private-use and irregular grandfathered tags. Subtags are read in place.
 */
export function isLanguageTag(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0) return false;
  const firstEnd = subtagEnd(value, 0);
  if (firstEnd === 1 && (value.charCodeAt(0) | 0x20) === 0x78) {
    return isPrivateUse(value, firstEnd);
  }
  return isLangtag(value, firstEnd) || IRREGULAR.has(value.toLowerCase());
}

function isLangtag(value: string, languageEnd: number): boolean {
  if (languageEnd < 2 || languageEnd > 8 || !isAlphaRun(value, 0, languageEnd)) return false;
  let stage = languageEnd <= 3 ? Stage.Extlang : Stage.Script;
  let extlangs = 0;
  let variantsStart = -1;
  let singletonDigits = 0;
  let singletonLetters = 0;
  let start = languageEnd;
  while (start < value.length) {
    start += 1;
    const end = subtagEnd(value, start);
    const length = end - start;
    if (length <= 0) return false;
    if (length === 1) {
      const code = value.charCodeAt(start);
      if ((code | 0x20) === 0x78) return isPrivateUse(value, end);
      // A singleton may introduce only one extension per tag.
      if (isDigit(code)) {
        const bit = 1 << (code - 0x30);
        if ((singletonDigits & bit) !== 0) return false;
        singletonDigits |= bit;
      } else {
        const bit = 1 << ((code | 0x20) - 0x61);
        if ((singletonLetters & bit) !== 0) return false;
        singletonLetters |= bit;
      }
      const extensionEnd = extensionBodyEnd(value, end);
      if (extensionEnd < 0) return false;
      stage = Stage.Extension;
      start = extensionEnd;
      continue;
    }
    if (stage === Stage.Extension) return false;
    if (stage === Stage.Extlang && length === 3 && isAlphaRun(value, start, end)) {
      if (++extlangs > 3) return false;
    } else if (stage <= Stage.Script && length === 4 && isAlphaRun(value, start, end)) {
      stage = Stage.Region;
    } else if (stage <= Stage.Region && isRegion(value, start, length)) {
      stage = Stage.Variant;
    } else if (isVariant(value, start, end)) {
      if (variantsStart < 0) variantsStart = start;
      else if (repeatsEarlierSubtag(value, variantsStart, start, end)) return false;
      stage = Stage.Variant;
    } else {
      return false;
    }
    start = end;
  }
  return true;
}

function subtagEnd(value: string, start: number): number {
  let i = start;
  while (i < value.length && value.charCodeAt(i) !== HYPHEN) {
    if (!isAlphaNumeric(value.charCodeAt(i))) return -1;
    i++;
  }
  return i;
}

function isAlphaRun(value: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    if (!isAlpha(value.charCodeAt(i))) return false;
  }
  return true;
}

function isRegion(value: string, start: number, length: number): boolean {
  if (length === 2) return isAlphaRun(value, start, start + 2);
  return (
    length === 3 &&
    isDigit(value.charCodeAt(start)) &&
    isDigit(value.charCodeAt(start + 1)) &&
    isDigit(value.charCodeAt(start + 2))
  );
}

/** variant = 5*8alphanum / (DIGIT 3alphanum); subtagEnd has already checked alphanumerics. */
function isVariant(value: string, start: number, end: number): boolean {
  const length = end - start;
  return (length >= 5 && length <= 8) || (length === 4 && isDigit(value.charCodeAt(start)));
}

/** End of an extension's 1*("-" 2*8alphanum) after its singleton, or -1. */
function extensionBodyEnd(value: string, singletonEnd: number): number {
  let start = singletonEnd;
  let parts = 0;
  while (start < value.length) {
    const end = subtagEnd(value, start + 1);
    const length = end - start - 1;
    if (end < 0 || length < 2 || length > 8) break;
    parts++;
    start = end;
  }
  return parts === 0 ? -1 : start;
}

/** privateuse = "x" 1*("-" (1*8alphanum)), running to the end of the tag. */
function isPrivateUse(value: string, xEnd: number): boolean {
  if (xEnd >= value.length) return false;
  let start = xEnd;
  while (start < value.length) {
    const end = subtagEnd(value, start + 1);
    const length = end - start - 1;
    if (end < 0 || length < 1 || length > 8) return false;
    start = end;
  }
  return true;
}

/** Whether `value[start, end)` equals, ignoring case, a subtag between `from` and `start`. */
function repeatsEarlierSubtag(value: string, from: number, start: number, end: number): boolean {
  let i = from;
  while (i < start) {
    const otherEnd = subtagEnd(value, i);
    if (otherEnd < 0) return false;
    if (otherEnd - i === end - start && sameIgnoringCase(value, i, start, end - start)) return true;
    i = otherEnd + 1;
  }
  return false;
}

function sameIgnoringCase(value: string, a: number, b: number, length: number): boolean {
  for (let k = 0; k < length; k++) {
    if ((value.charCodeAt(a + k) | 0x20) !== (value.charCodeAt(b + k) | 0x20)) return false;
  }
  return true;
}
