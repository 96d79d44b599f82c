/** A message the journal commits to Kafka with the batch's offsets. */
export interface JournalOutput {
  readonly topic: string;
  readonly key: string;
  /** Text, or base64 when `binary` (a sealed record), so the journal stays plain JSON. */
  readonly value: string;
  readonly binary?: boolean;
  readonly headers: Readonly<Record<string, string>>;
  /** Chooses the partition instead of `key` (see OutgoingMessage.partitionKey). */
  readonly partitionKey?: string;
}

export interface CounterIncrement {
  readonly id: string;
  readonly inc: Readonly<Record<string, number>>;
}

export interface TeamChange {
  readonly managerKey: string;
  readonly learnerKey: string;
  readonly member: boolean;
}

/**
 * What a batch of one partition changed that is not idempotent by itself (counter increments and
 * events) or that must not be lost (team membership), written before anything is applied. If the
 * projector dies before Kafka commits the batch, the journal is applied again, not recomputed
 * from half-written state, so nothing is counted twice and no event is lost or doubled.
 */
export interface LearningJournal {
  readonly _id: string;
  readonly partition: number;
  readonly start: number;
  readonly end: number;
  readonly increments: readonly CounterIncrement[];
  readonly teams: readonly TeamChange[];
  readonly outputs: readonly JournalOutput[];
  readonly writtenAt: string;
}

/**
 * A journal as the server keeps it: each increment's paths as entries, not as field names.
 * Counter paths are dotted (`registrations.2025-01`), and FerretDB 1.x refuses field names with a
 * dot (and arrays in arrays, so not pairs either). Journals written before this keep the object,
 * which `journalFromStorage` still takes.
 */
export type StoredLearningJournal = Omit<LearningJournal, 'increments'> & {
  readonly increments: readonly StoredCounterIncrement[];
};

interface StoredCounterIncrement {
  readonly id: string;
  readonly inc: readonly IncrementEntry[] | Readonly<Record<string, number>>;
}

interface IncrementEntry {
  readonly path: string;
  readonly by: number;
}

export function journalToStorage(journal: LearningJournal): StoredLearningJournal {
  return {
    ...journal,
    increments: journal.increments.map(({ id, inc }) => ({
      id,
      inc: Object.entries(inc).map(([path, by]) => ({ path, by })),
    })),
  };
}

export function journalFromStorage(stored: StoredLearningJournal): LearningJournal {
  return {
    ...stored,
    increments: stored.increments.map(({ id, inc }) => ({
      id,
      inc: Array.isArray(inc)
        ? Object.fromEntries((inc as readonly IncrementEntry[]).map((e) => [e.path, e.by]))
        : (inc as Readonly<Record<string, number>>),
    })),
  };
}
