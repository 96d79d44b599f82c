import { AttachmentResult, rejected } from './attachment-result';

const HEADER_END = Buffer.from('\r\n\r\n', 'latin1');
const CRLF = '\r\n';

export interface BodyPart {
  /** Header values by lower-cased name. */
  readonly headers: ReadonlyMap<string, string>;
  readonly content: Buffer;
}

/**
 * Separates a body part's header block from its content at the first blank line; a part that
 * starts with a blank line has no headers. Headers are decoded as Latin-1 so that no byte can
 * fail to decode; names are case-insensitive and the space after the colon is optional
 * (the suite's signed bodies send `Content-Type:application/json`).
 */
export function parseBodyPart(raw: Buffer, label: string): AttachmentResult<{ part: BodyPart }> {
  if (raw[0] === 0x0d && raw[1] === 0x0a) {
    return { ok: true, part: { headers: new Map(), content: raw.subarray(2) } };
  }
  const end = raw.indexOf(HEADER_END);
  if (end < 0) return rejected(`${label} has no blank line after its headers`);
  const headers = parseHeaderBlock(raw.subarray(0, end).toString('latin1'), label);
  if (!headers.ok) return headers;
  return { ok: true, part: { headers: headers.headers, content: raw.subarray(end + 4) } };
}

function parseHeaderBlock(
  block: string,
  label: string,
): AttachmentResult<{ headers: Map<string, string> }> {
  const headers = new Map<string, string>();
  for (const line of unfold(block.split(CRLF))) {
    const colon = line.indexOf(':');
    const name = line.slice(0, Math.max(colon, 0)).trim().toLowerCase();
    if (name === '') {
      return rejected(`${label} has a malformed header line "${line.slice(0, 60)}"`);
    }
    // Which of two values would be meant is anyone's guess, so a repeat is refused.
    if (headers.has(name)) return rejected(`${label} repeats the ${name} header`);
    headers.set(name, line.slice(colon + 1).trim());
  }
  return { ok: true, headers };
}

/** RFC 5322 folding: a line starting with whitespace continues the one before it. */
function unfold(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const isContinuation = (line.startsWith(' ') || line.startsWith('\t')) && out.length > 0;
    if (isContinuation) out[out.length - 1] += ` ${line.trim()}`;
    else out.push(line);
  }
  return out;
}
