import { AttachmentResult, rejected } from './attachment-result';

const CR = 0x0d;
const LF = 0x0a;
const DASH = 0x2d;
const SPACE = 0x20;
const TAB = 0x09;
const CRLF = Buffer.from('\r\n', 'latin1');

interface Delimiter {
  /** Where the delimiter starts, its leading CRLF included: the end of the part before it. */
  readonly start: number;
  /** Where the part after it starts, past the delimiter line's CRLF. */
  readonly next: number;
  readonly close: boolean;
}

/**
 * RFC 2046 §5.1.1 body parts, as byte ranges of `body` (never decoded, so binary attachments
 * survive). A delimiter is CRLF "--" boundary, then "--" for the last one, else optional
 * transport padding and CRLF; the first may also open the body. The preamble before the first
 * delimiter and the epilogue after the last are ignored, as RFC 2046 requires: signed bodies
 * from the conformance suite start with a CRLF and end without one.
 */
export function splitMultipartBody(
  body: Buffer,
  boundary: string,
): AttachmentResult<{ parts: Buffer[] }> {
  const dashBoundary = Buffer.from(`--${boundary}`, 'latin1');
  const needle = Buffer.concat([CRLF, dashBoundary]);
  let delimiter = firstDelimiter(body, dashBoundary, needle);
  if (delimiter === null) return rejected(`the body has no "--${boundary}" delimiter line`);
  if (delimiter.close) return rejected('the body has no parts');
  const parts: Buffer[] = [];
  for (;;) {
    const next = nextDelimiter(body, needle, delimiter.next);
    if (next === null) {
      return rejected(`the body does not end with the closing "--${boundary}--" delimiter`);
    }
    parts.push(body.subarray(delimiter.next, next.start));
    if (next.close) return { ok: true, parts };
    delimiter = next;
  }
}

function firstDelimiter(body: Buffer, dashBoundary: Buffer, needle: Buffer): Delimiter | null {
  if (body.subarray(0, dashBoundary.length).equals(dashBoundary)) {
    const atStart = delimiterAt(body, 0, dashBoundary.length);
    if (atStart !== null) return atStart;
  }
  return nextDelimiter(body, needle, 0);
}

/** `needle` is CRLF "--" boundary. */
function nextDelimiter(body: Buffer, needle: Buffer, from: number): Delimiter | null {
  // A boundary followed by anything but "--" or padding and CRLF is only data that starts
  // like one, so the search goes on past it.
  for (let at = body.indexOf(needle, from); at >= 0; at = body.indexOf(needle, at + 1)) {
    const found = delimiterAt(body, at, at + needle.length);
    if (found !== null) return found;
  }
  return null;
}

function delimiterAt(body: Buffer, start: number, afterBoundary: number): Delimiter | null {
  if (body[afterBoundary] === DASH && body[afterBoundary + 1] === DASH) {
    return { start, next: afterBoundary + 2, close: true };
  }
  let i = afterBoundary;
  while (body[i] === SPACE || body[i] === TAB) i++;
  if (body[i] === CR && body[i + 1] === LF) return { start, next: i + 2, close: false };
  return null;
}
