/**
 * Analytics counters are precomputed for every combination of filters the reporting API serves:
 * qualification (a code, a level such as `L2`, or `*`), department (a code or `*`) and grade (a
 * code or `*`). Any query is then one lookup by _id, on MongoDB and on servers without secondary
 * indexes alike.
 */
export interface CounterSelector {
  readonly storeId: string;
  /** A qualification code, `L<level>`, or `*`. */
  readonly qualification: string;
  readonly department: string;
  readonly grade: string;
}

export const ANY = '*';
export const UNKNOWN = 'unknown';

export function counterId(selector: CounterSelector): string {
  return [
    selector.storeId,
    `q=${selector.qualification}`,
    `d=${selector.department}`,
    `g=${selector.grade}`,
  ].join('|');
}

export function levelSelector(level: number): string {
  return `L${level}`;
}
