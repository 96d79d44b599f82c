/** The states a claim moves through at the gateway, in the order a reader expects them. */
export const CLAIM_STATUSES = ['pending', 'sent', 'acknowledged', 'rejected', 'dead'] as const;

export interface ClaimCount {
  readonly kind: string;
  readonly status: string;
  readonly count: number;
}

export interface ClaimStatusRow {
  readonly status: string;
  readonly registration: number;
  readonly certificate: number;
  readonly total: number;
}

export interface ClaimsSummary {
  readonly total: number;
  /** Every known status, zeros included, then any other status the gateway reported. */
  readonly byStatus: readonly ClaimStatusRow[];
}

/** Claim counts per kind and status folded into one row per status. */
export function summariseClaims(counts: readonly ClaimCount[]): ClaimsSummary {
  const others = [...new Set(counts.map((c) => c.status))]
    .filter((status) => !(CLAIM_STATUSES as readonly string[]).includes(status))
    .sort();
  const byStatus = [...CLAIM_STATUSES, ...others].map((status) => {
    const of = (kind: string) =>
      counts
        .filter((c) => c.status === status && c.kind === kind)
        .reduce((sum, c) => sum + c.count, 0);
    const total = counts.filter((c) => c.status === status).reduce((sum, c) => sum + c.count, 0);
    return { status, registration: of('registration'), certificate: of('certificate'), total };
  });
  return { total: byStatus.reduce((sum, row) => sum + row.total, 0), byStatus };
}
