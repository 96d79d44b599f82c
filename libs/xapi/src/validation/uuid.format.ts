import { isHexRun } from './char-code.util';

const HYPHEN = 0x2d;

/**
 * A UUID in the standard 8-4-4-4-12 string form, either case. Any version and variant: the spec
 * only recommends RFC 4122 variant 2, and newer generators (v6, v7) must not be turned away.
 */
export function isUuid(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== 36) return false;
  if (
    value.charCodeAt(8) !== HYPHEN ||
    value.charCodeAt(13) !== HYPHEN ||
    value.charCodeAt(18) !== HYPHEN ||
    value.charCodeAt(23) !== HYPHEN
  ) {
    return false;
  }
  return (
    isHexRun(value, 0, 8) &&
    isHexRun(value, 9, 13) &&
    isHexRun(value, 14, 18) &&
    isHexRun(value, 19, 23) &&
    isHexRun(value, 24, 36)
  );
}
