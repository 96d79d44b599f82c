import { digitsValue, isDigit } from './char-code.util';

const HYPHEN = 0x2d;
const COLON = 0x3a;
const PLUS = 0x2b;
const DOT = 0x2e;
const COMMA = 0x2c;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * An ISO 8601 combined date and time: calendar date, "T", hours and minutes with optional
 * seconds and fraction, then an optional zone ("Z", ±hh:mm, ±hhmm, ±hh); date and time both in
 * the extended form (2015-11-18T12:17:00.123+01:00) or both basic (20151118T121700Z). Dates must
 * exist. A negative zero offset ("-00", "-0000", "-00:00") is refused: ISO 8601 forbids it and
 * the conformance suite rejects it. xAPI 2.0 statements must also carry a zone, so callers
 * validating 2.0 pass `requireZone`.
 */
export function isIso8601Timestamp(value: unknown, requireZone = false): value is string {
  if (typeof value !== 'string') return false;
  const extended = value.charCodeAt(4) === HYPHEN;
  const timeStart = extended ? dateEnd(value, true) : dateEnd(value, false);
  if (timeStart < 0 || (value.charCodeAt(timeStart) | 0x20) !== 0x74) return false;
  const zoneStart = timeEnd(value, timeStart + 1, extended);
  if (zoneStart < 0) return false;
  if (zoneStart === value.length) return !requireZone;
  return isZone(value, zoneStart);
}

/** Index just past YYYY-MM-DD (or YYYYMMDD), or -1 when absent or not a real date. */
function dateEnd(value: string, extended: boolean): number {
  const monthAt = extended ? 5 : 4;
  const dayAt = extended ? 8 : 6;
  if (extended && value.charCodeAt(7) !== HYPHEN) return -1;
  const year = digitsValue(value, 0, 4);
  const month = digitsValue(value, monthAt, monthAt + 2);
  const day = digitsValue(value, dayAt, dayAt + 2);
  if (value.length < dayAt + 2 || year < 0 || month < 1 || month > 12 || day < 1) return -1;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const maxDay = month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return day <= maxDay ? dayAt + 2 : -1;
}

/** Index just past hh:mm[:ss[.f+]] (or hhmm[ss[.f+]]), or -1. */
function timeEnd(value: string, start: number, extended: boolean): number {
  const separator = extended ? 1 : 0;
  const minuteAt = start + 2 + separator;
  if (extended && value.charCodeAt(start + 2) !== COLON) return -1;
  const hour = digitsValue(value, start, start + 2);
  const minute = digitsValue(value, minuteAt, minuteAt + 2);
  if (value.length < minuteAt + 2 || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
    return -1;
  }
  let i = minuteAt + 2;
  const secondAt = i + separator;
  if (extended ? value.charCodeAt(i) === COLON : isDigit(value.charCodeAt(i))) {
    const second = digitsValue(value, secondAt, secondAt + 2);
    if (value.length < secondAt + 2 || second < 0 || second > 59) return -1;
    i = secondAt + 2;
    const mark = value.charCodeAt(i);
    if (mark === DOT || mark === COMMA) {
      const fractionStart = ++i;
      while (isDigit(value.charCodeAt(i))) i++;
      if (i === fractionStart) return -1;
    }
  }
  return i;
}

/** "Z", or ±hh with optional minutes, with or without a colon (both are common in the wild). */
function isZone(value: string, start: number): boolean {
  const sign = value.charCodeAt(start);
  if ((sign | 0x20) === 0x7a) return start + 1 === value.length;
  if (sign !== PLUS && sign !== HYPHEN) return false;
  const hours = digitsValue(value, start + 1, start + 3);
  if (hours < 0 || hours > 23) return false;
  let minutes = 0;
  if (value.length > start + 3) {
    const minuteAt = value.charCodeAt(start + 3) === COLON ? start + 4 : start + 3;
    if (value.length !== minuteAt + 2) return false;
    minutes = digitsValue(value, minuteAt, minuteAt + 2);
    if (minutes < 0 || minutes > 59) return false;
  }
  return !(sign === HYPHEN && hours === 0 && minutes === 0);
}
