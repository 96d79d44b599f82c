/** Character-class tests on char codes, so formats are checked without regexes or substrings. */

export function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

export function isAlpha(code: number): boolean {
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x7a;
}

export function isAlphaNumeric(code: number): boolean {
  return isDigit(code) || isAlpha(code);
}

export function isHexDigit(code: number): boolean {
  const lower = code | 0x20;
  return isDigit(code) || (lower >= 0x61 && lower <= 0x66);
}

/** True when `value[start, end)` is all hex digits. */
export function isHexRun(value: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    if (!isHexDigit(value.charCodeAt(i))) return false;
  }
  return true;
}

/** The integer written by the digits `value[start, end)`, or -1 when any is not a digit. */
export function digitsValue(value: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const code = value.charCodeAt(i);
    if (!isDigit(code)) return -1;
    n = n * 10 + (code - 0x30);
  }
  return n;
}
