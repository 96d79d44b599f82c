import { GcPause } from './gc-pauses';
import { tailCauses, TimedRequest } from './tail-causes';

const pause = (endedAt: number, ms: number): GcPause => ({ endedAt, ms, full: false });
const request = (sentAt: number, latencyMs: number): TimedRequest => ({ sentAt, latencyMs });

describe('tailCauses', () => {
  it('counts only the requests at or above the threshold', () => {
    const causes = tailCauses([request(0, 10), request(0, 90), request(0, 100)], 90, {});
    expect(causes).toEqual({ slowest: 2, duringPause: {}, duringAnyPause: 0 });
  });

  it('counts a slow request in flight while a server paused, per server and once in all', () => {
    const requests = [request(1_000, 80), request(2_000, 80), request(3_000, 80)];
    const causes = tailCauses(requests, 50, {
      // 1,040-1,060: inside the first request; 2,070-2,120: overlaps the second's end.
      mongo: [pause(1_060, 20), pause(2_120, 50)],
      kafka: [pause(1_075, 30)],
    });
    expect(causes).toEqual({ slowest: 3, duringPause: { mongo: 2, kafka: 1 }, duringAnyPause: 2 });
  });

  it('does not count a pause that ended before the request was sent or began after its answer', () => {
    const causes = tailCauses([request(1_000, 100)], 50, {
      mongo: [pause(1_000, 40), pause(1_150, 50)],
    });
    expect(causes.duringPause).toEqual({ mongo: 0 });
  });
});
