import { breakdown, totalsOf } from './latency-breakdown';

const metrics = (produce: [number, number], wait: [number, number], store: [number, number]) =>
  [
    '# HELP lr_kafka_produce_duration_seconds One produce request',
    `lr_kafka_produce_duration_seconds_bucket{outcome="ok",lane="plain",le="0.005"} 3`,
    `lr_kafka_produce_duration_seconds_sum{outcome="ok",lane="plain"} ${produce[0] / 2}`,
    `lr_kafka_produce_duration_seconds_count{outcome="ok",lane="plain"} ${produce[1] / 2}`,
    `lr_kafka_produce_duration_seconds_sum{outcome="ok",lane="transactional"} ${produce[0] / 2}`,
    `lr_kafka_produce_duration_seconds_count{outcome="ok",lane="transactional"} ${produce[1] / 2}`,
    `lr_kafka_produce_duration_seconds_sum{outcome="failed",lane="plain"} 99`,
    `lr_kafka_produce_duration_seconds_count{outcome="failed",lane="plain"} 1`,
    `lr_read_your_writes_wait_seconds_sum{outcome="visible"} ${wait[0]}`,
    `lr_read_your_writes_wait_seconds_count{outcome="visible"} ${wait[1]}`,
    `lr_projection_delay_seconds_sum{read_model="statement-store"} ${store[0]}`,
    `lr_projection_delay_seconds_count{read_model="statement-store"} ${store[1]}`,
    `lr_projection_delay_seconds_sum{read_model="learning"} 1000`,
    `lr_projection_delay_seconds_count{read_model="learning"} 1`,
  ].join('\n');

describe('latency breakdown', () => {
  it('gives the mean of each step over a phase, in ms, from the histograms of both lanes', () => {
    const before = totalsOf(metrics([1, 100], [2, 100], [1, 50]));
    const after = totalsOf(metrics([1.2, 300], [5, 200], [2.5, 150]));
    expect(breakdown(before, after)).toEqual({
      produceRequestMs: 1,
      readYourWritesWaitMs: 30,
      storeHasItMs: 15,
    });
  });

  it('has no figure for a step that did not happen', () => {
    const same = totalsOf(metrics([1, 100], [2, 100], [1, 50]));
    expect(breakdown(same, same)).toEqual({
      produceRequestMs: null,
      readYourWritesWaitMs: null,
      storeHasItMs: null,
    });
    expect(breakdown(totalsOf(''), totalsOf('')).storeHasItMs).toBeNull();
  });
});
