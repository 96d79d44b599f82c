import {
  CounterShard,
  mergeCounterShards,
  mergeTeamShards,
  shardId,
  shardIds,
} from './partition-shards';

const ALL = 'default|q=*|d=*|g=*';
const HMPO = 'default|q=*|d=HMPO|g=*';

describe('partition shards', () => {
  it('names one shard per id and partition, and keeps the id itself for older documents', () => {
    expect(shardIds([ALL, HMPO], [0, 2])).toEqual([
      ALL,
      `${ALL}#0`,
      `${ALL}#2`,
      HMPO,
      `${HMPO}#0`,
      `${HMPO}#2`,
    ]);
    expect(shardId(ALL, 5)).toBe(`${ALL}#5`);
  });

  it('sums each metric and month over a counter’s shards, an older whole document included', () => {
    const shards: CounterShard[] = [
      {
        _id: shardId(ALL, 0),
        counter: ALL,
        applied: { '0': 41 },
        registrations: { total: 3, '2026-10': 2, '2026-11': 1 },
      },
      {
        _id: shardId(ALL, 1),
        counter: ALL,
        applied: { '1': 7 },
        registrations: { total: 2, '2026-11': 2 },
        completions: { total: 1, '2026-11': 1 },
      },
      { _id: ALL, applied: { '0': 3 }, registrations: { total: 1, '2026-09': 1 } },
      { _id: shardId(HMPO, 1), counter: HMPO, registrations: { total: 1, '2026-11': 1 } },
    ];
    const merged = mergeCounterShards(shards);
    expect(merged.get(ALL)).toEqual({
      _id: ALL,
      registrations: { total: 6, '2026-09': 1, '2026-10': 2, '2026-11': 3 },
      completions: { total: 1, '2026-11': 1 },
    });
    expect(merged.get(HMPO)).toEqual({ _id: HMPO, registrations: { total: 1, '2026-11': 1 } });
    expect(merged.size).toBe(2);
  });

  it('unites a team’s members over its shards, sorted and without repeats', () => {
    const merged = mergeTeamShards([
      { _id: 'mgr#0', manager: 'mgr', members: ['c', 'a'] },
      { _id: 'mgr#3', manager: 'mgr', members: ['b'] },
      { _id: 'mgr', members: ['a', 'd'] },
      { _id: 'other#3', manager: 'other', members: [] },
    ]);
    expect(merged.get('mgr')).toEqual(['a', 'b', 'c', 'd']);
    expect(merged.get('other')).toEqual([]);
  });
});
