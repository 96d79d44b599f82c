import { isUuid } from '@lr/xapi';
import { timeOrderedUuid } from './statement-id';

const AT = Date.UTC(2026, 10, 25, 15, 4, 5, 678);

describe('timeOrderedUuid', () => {
  it('is a version 7, variant 2 UUID that the statement validator accepts', () => {
    const id = timeOrderedUuid(AT);

    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect(['8', '9', 'a', 'b']).toContain(id[19]);
  });

  it('carries the milliseconds it was made at in its first 48 bits', () => {
    const id = timeOrderedUuid(AT);

    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(AT);
  });

  it('places the random bits around the version and variant bits, and is pure given them', () => {
    const random = Uint8Array.from([0xff, 0x01, 0xff, 2, 3, 4, 5, 6, 7, 8]);

    expect(timeOrderedUuid(AT, random)).toBe(timeOrderedUuid(AT, random));
    expect(timeOrderedUuid(AT, random).slice(14)).toBe('7f01-bf02-030405060708');
  });

  it('sorts as text in the order of its milliseconds, so store keys grow at one edge', () => {
    const ids = [AT + 86_400_000, AT, AT + 1, AT + 1_000].map((ms) => timeOrderedUuid(ms));

    expect([...ids].sort()).toEqual([ids[1], ids[2], ids[3], ids[0]]);
  });

  it('stays unique within one millisecond, across more ids than one random pool holds', () => {
    const ids = new Set(Array.from({ length: 5_000 }, () => timeOrderedUuid(AT)));

    expect(ids.size).toBe(5_000);
  });
});
