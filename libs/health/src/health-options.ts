export const HEALTH_OPTIONS = Symbol('HEALTH_OPTIONS');

export interface HealthOptions {
  readonly kafka: boolean;
  readonly mongo: boolean;
  /**
   * Liveness fails while a consumer attempt has run longer than this (default 5 minutes): it is
   * hung, and only a restart frees its partition. Every database and broker call an attempt
   * makes is bounded by far shorter timeouts.
   */
  readonly stuckWorkMs?: number;
}
