/** The seconds component's fraction: ISO 8601 allows a fraction on the last component only. */
const SECONDS_FRACTION = /[.,](\d+)S$/;

/**
 * The form in which 2.0 compares durations: truncated to hundredths, and with the fraction's
 * trailing zeros dropped, since `PT1.50S`, `PT1.5S` and `PT1.509S` are all 1.50 s to 0.01 s.
 */
export function durationComparisonKey(duration: string): string {
  const match = SECONDS_FRACTION.exec(duration);
  const digits = match?.[1];
  if (match === null || digits === undefined) return duration;
  const kept = digits.slice(0, 2).replace(/0+$/, '');
  return `${duration.slice(0, match.index)}${kept === '' ? '' : `.${kept}`}S`;
}
