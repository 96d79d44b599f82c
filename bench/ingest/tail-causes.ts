import { GcPause } from './gc-pauses';

/** One request as the load saw it: when it was sent (ms since the epoch) and how long it took. */
export interface TimedRequest {
  readonly sentAt: number;
  readonly latencyMs: number;
}

/**
 * The slowest requests of a phase (at or above its p99) and how many of them were in flight
 * while each Java server was stopped for garbage collection: a request that needs a stopped
 * server waits the pause out, so this says how much of a tail a pause explains.
 */
export interface TailCauses {
  readonly slowest: number;
  /** Per server, the slowest requests in flight during at least one of its pauses. */
  readonly duringPause: Record<string, number>;
  /** The same for any server's pause. */
  readonly duringAnyPause: number;
}

export function tailCauses(
  requests: readonly TimedRequest[],
  thresholdMs: number,
  pausesByServer: Readonly<Record<string, readonly GcPause[]>>,
): TailCauses {
  const slowest = requests.filter((r) => r.latencyMs >= thresholdMs);
  const duringPause: Record<string, number> = {};
  const hit = new Set<TimedRequest>();
  for (const [server, pauses] of Object.entries(pausesByServer)) {
    const during = slowest.filter((r) => pauses.some((p) => overlaps(r, p)));
    duringPause[server] = during.length;
    during.forEach((r) => hit.add(r));
  }
  return { slowest: slowest.length, duringPause, duringAnyPause: hit.size };
}

/** The pause ran from `endedAt - ms` to `endedAt`; the request from `sentAt` to its answer. */
function overlaps(request: TimedRequest, pause: GcPause): boolean {
  return (
    request.sentAt < pause.endedAt && request.sentAt + request.latencyMs > pause.endedAt - pause.ms
  );
}
