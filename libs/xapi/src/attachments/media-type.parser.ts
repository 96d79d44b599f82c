/** A Content-Type value: lower-cased "type/subtype" and its parameters, names lower-cased. */
export interface MediaType {
  readonly essence: string;
  readonly params: ReadonlyMap<string, string>;
}

const ESSENCE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+\/[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const TOKEN_CHAR = /[!#$%&'*+.^_`|~0-9A-Za-z-]/;
const QUOTE = '"';
const BACKSLASH = '\\';

/**
 * RFC 9110 media-type syntax, where a parameter value is a token or a quoted-string. Parsed
 * rather than matched with a regex because a quoted boundary may itself contain ";" or "="
 * (the spec's own example is `boundary="abcABC0123'()+_,-./:=?"`). Empty parameters, as in a
 * trailing ";", are tolerated; a repeated parameter is not, since either value could be meant.
 */
export function parseMediaType(header: string): MediaType | null {
  const semicolon = header.indexOf(';');
  const essence = (semicolon < 0 ? header : header.slice(0, semicolon)).trim().toLowerCase();
  if (!ESSENCE.test(essence)) return null;
  const params = new Map<string, string>();
  let i = semicolon < 0 ? header.length : semicolon;
  while (i < header.length) {
    i = skipSeparators(header, i);
    if (i >= header.length) break;
    const param = readParam(header, i);
    if (param === null || params.has(param.name)) return null;
    params.set(param.name, param.value);
    i = param.end;
  }
  return { essence, params };
}

/** The media type's essence alone, or null when the header is malformed. */
export function essenceOf(header: string): string | null {
  return parseMediaType(header)?.essence ?? null;
}

function skipSeparators(text: string, from: number): number {
  let i = from;
  while (i < text.length && (text.charAt(i) === ';' || isWhitespace(text.charAt(i)))) i++;
  return i;
}

interface Param {
  readonly name: string;
  readonly value: string;
  /** Index of the ";" that ends the parameter, or the end of the header. */
  readonly end: number;
}

function readParam(text: string, from: number): Param | null {
  let i = from;
  while (i < text.length && TOKEN_CHAR.test(text.charAt(i))) i++;
  if (i === from || text.charAt(i) !== '=') return null;
  const name = text.slice(from, i).toLowerCase();
  const read = text.charAt(i + 1) === QUOTE ? readQuoted(text, i + 2) : readToken(text, i + 1);
  if (read === null) return null;
  let end = read.end;
  while (end < text.length && isWhitespace(text.charAt(end))) end++;
  if (end < text.length && text.charAt(end) !== ';') return null;
  return { name, value: read.value, end };
}

function readToken(text: string, from: number): { value: string; end: number } | null {
  let i = from;
  while (i < text.length && TOKEN_CHAR.test(text.charAt(i))) i++;
  return i === from ? null : { value: text.slice(from, i), end: i };
}

/** From just after the opening quote; a backslash escapes the next character. */
function readQuoted(text: string, from: number): { value: string; end: number } | null {
  let value = '';
  for (let i = from; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === QUOTE) return { value, end: i + 1 };
    if (c === BACKSLASH) i++;
    if (i < text.length) value += text.charAt(i);
  }
  return null;
}

function isWhitespace(c: string): boolean {
  return c === ' ' || c === '\t';
}
