/** What an erasure removed; counts only, so the report itself holds no personal data. */
export interface ErasureReport {
  readonly erasureId: string;
  /** Identifiers erased: the one given and every one linked to it as the same person. */
  readonly identifiers: number;
  readonly keysDestroyed: number;
  readonly statementsDeleted: number;
  readonly statementsRedacted: number;
  readonly documentsDeleted: number;
  readonly personLinksDeleted: number;
  readonly readModelVersions: number;
  readonly learnerDocumentsDeleted: number;
  readonly teamsDeleted: number;
  readonly accreditationClaimsDeleted: number;
  /**
   * Whether every running consumer had read past the erasure before the deletions. If not
   * (a consumer far behind), run the erasure again once it has caught up.
   */
  readonly consumersCaughtUp: boolean;
}
