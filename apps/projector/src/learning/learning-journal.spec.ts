import {
  journalFromStorage,
  journalToStorage,
  LearningJournal,
  StoredLearningJournal,
} from './learning-journal';

const journal: LearningJournal = {
  _id: 'partition-2',
  partition: 2,
  start: 10,
  end: 20,
  increments: [
    { id: 'default|q=*', inc: { 'registrations.2025-01': 1, 'registrations.total': 1 } },
    { id: 'default|q=l2', inc: { 'passes.total': 2 } },
  ],
  teams: [],
  outputs: [],
  writtenAt: '2026-11-24T00:00:00.000Z',
};

describe('learning journal storage', () => {
  it('keeps no dotted field name and no nested array: counter paths become entries', () => {
    const stored = journalToStorage(journal);
    expect(stored.increments[0]?.inc).toEqual([
      { path: 'registrations.2025-01', by: 1 },
      { path: 'registrations.total', by: 1 },
    ]);
    expect(JSON.stringify(stored)).not.toMatch(/"[^"]*\.[^"]*":/);
  });

  it('reads back what it wrote', () => {
    expect(journalFromStorage(journalToStorage(journal))).toEqual(journal);
  });

  it('still reads a journal written with paths as field names', () => {
    expect(journalFromStorage(journal as unknown as StoredLearningJournal)).toEqual(journal);
  });
});
