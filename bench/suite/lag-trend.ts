export interface LagSample {
  /** Seconds since the soak began. */
  readonly atSeconds: number;
  /** Records behind the log end, summed over partitions. */
  readonly lag: number;
}

export interface LagTrend {
  readonly samples: number;
  readonly firstLag: number;
  readonly lastLag: number;
  readonly maxLag: number;
  /** Least-squares slope of lag over time, records per second. */
  readonly slopePerSecond: number;
  /** What that slope adds over the whole soak, in records. */
  readonly growth: number;
  /** Growth still counted as noise: two seconds of load, or three times the residual spread. */
  readonly noise: number;
  /** null when there are too few samples to tell. */
  readonly grows: boolean | null;
}

/**
 * Whether consumer lag grows during a soak. Lag under steady load jitters with each batch, so
 * the verdict is on the fitted slope: growth over the soak beyond the noise allowance fails.
 */
export function lagTrend(samples: readonly LagSample[], loadPerSecond: number): LagTrend {
  const n = samples.length;
  const lags = samples.map((s) => s.lag);
  const base = {
    samples: n,
    firstLag: lags[0] ?? 0,
    lastLag: lags[n - 1] ?? 0,
    maxLag: n === 0 ? 0 : Math.max(...lags),
  };
  if (n < 3) return { ...base, slopePerSecond: 0, growth: 0, noise: 0, grows: null };
  const meanT = samples.reduce((sum, s) => sum + s.atSeconds, 0) / n;
  const meanLag = lags.reduce((sum, lag) => sum + lag, 0) / n;
  const sxx = samples.reduce((sum, s) => sum + (s.atSeconds - meanT) ** 2, 0);
  const sxy = samples.reduce((sum, s) => sum + (s.atSeconds - meanT) * (s.lag - meanLag), 0);
  const slope = sxx === 0 ? 0 : sxy / sxx;
  const residuals = samples.map((s) => s.lag - (meanLag + slope * (s.atSeconds - meanT)));
  const residualSpread = Math.sqrt(residuals.reduce((sum, r) => sum + r * r, 0) / (n - 2));
  const duration = samples[n - 1]!.atSeconds - samples[0]!.atSeconds;
  const growth = slope * duration;
  const noise = Math.max(2 * loadPerSecond, 3 * residualSpread);
  return {
    ...base,
    slopePerSecond: round(slope),
    growth: Math.round(growth),
    noise: Math.round(noise),
    grows: growth > noise,
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
