import { isDigit } from './char-code.util';

const DOT = 0x2e;
const COMMA = 0x2c;

/** Designators in the order ISO 8601 requires: date ones, then (after "T") time ones. */
const DESIGNATORS = 'YMDHMS';
const TIME_DESIGNATORS_FROM = 3;

/**
 * An ISO 8601:2004 section 4.4.3.2 duration: "P", then years, months, days, and after "T" hours,
 * minutes, seconds, each optional but in that order and at least one present; or "P" with weeks
 * alone (P4W1D is not valid). Only the last component may carry a decimal fraction. The
 * alternative format (P0003-04-06T...) and negative durations are refused.
 */
export function isIso8601Duration(value: unknown): value is string {
  if (typeof value !== 'string' || value.length < 3 || value.charCodeAt(0) !== 0x50) return false;
  if (value.charCodeAt(value.length - 1) === 0x57) return isWeeks(value);
  let inTime = false;
  let next = 0;
  let components = 0;
  let fractional = false;
  let i = 1;
  while (i < value.length) {
    if (value.charCodeAt(i) === 0x54) {
      if (inTime || i === value.length - 1) return false;
      inTime = true;
      next = TIME_DESIGNATORS_FROM;
      i++;
      continue;
    }
    if (fractional) return false;
    const numberEnd = scanNumber(value, i);
    if (numberEnd === i) return false;
    const found = designatorIndex(value.charCodeAt(numberEnd), next, inTime);
    if (found < 0) return false;
    fractional = hasFraction(value, i, numberEnd);
    next = found + 1;
    components++;
    i = numberEnd + 1;
  }
  return components > 0;
}

function isWeeks(value: string): boolean {
  const end = scanNumber(value, 1);
  return end === value.length - 1;
}

/** End of digits with an optional "." or "," fraction starting at `start`. */
function scanNumber(value: string, start: number): number {
  let i = start;
  while (isDigit(value.charCodeAt(i))) i++;
  if (i === start) return start;
  const mark = value.charCodeAt(i);
  if (mark === DOT || mark === COMMA) {
    const fractionStart = ++i;
    while (isDigit(value.charCodeAt(i))) i++;
    if (i === fractionStart) return start;
  }
  return i;
}

function hasFraction(value: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = value.charCodeAt(i);
    if (code === DOT || code === COMMA) return true;
  }
  return false;
}

/** Where `code` sits among the designators still allowed; "M" is months before "T", minutes after. */
function designatorIndex(code: number, from: number, inTime: boolean): number {
  const end = inTime ? DESIGNATORS.length : TIME_DESIGNATORS_FROM;
  for (let k = from; k < end; k++) {
    if (DESIGNATORS.charCodeAt(k) === code) return k;
  }
  return -1;
}
