/** The smallest "nice" number (1, 2, 2.5 or 5 times a power of ten) at or above a value. */
export function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const factor = [1, 2, 2.5, 5, 10].find((f) => f * power >= value) ?? 10;
  return factor * power;
}

/** Axis ticks from zero in nice steps, about `count` of them, the last at or above max. */
export function axisTicks(max: number, count = 5): number[] {
  const step = niceCeiling(max / count);
  const top = Math.max(step, Math.ceil(max / step) * step);
  return Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
}

/** Shows every nth label so that at most `room` labels fit along an axis. */
export function labelEvery(labels: number, room: number): number {
  return Math.max(1, Math.ceil(labels / room));
}
