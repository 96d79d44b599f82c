export const HEALTH_OPTIONS = Symbol('HEALTH_OPTIONS');

export interface HealthOptions {
  readonly kafka: boolean;
  readonly mongo: boolean;
}
