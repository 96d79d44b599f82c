export interface SimulationOptions {
  readonly seed: number;
  /** First month of the programme, YYYY-MM. */
  readonly startMonth: string;
  readonly months: number;
  readonly registrationsPerMonth: number;
  /** Share of learners who pass every assessment at their first attempt. */
  readonly firstTimePassShare: number;
  /** Share of learners who stop part-way and never finish. */
  readonly dropoutShare: number;
  /** Days a learner takes per unit, on average. */
  readonly daysPerUnit: number;
  readonly storeId: string;
}

export const DEFAULT_OPTIONS: SimulationOptions = {
  seed: 1,
  startMonth: '2024-01',
  months: 24,
  registrationsPerMonth: 500,
  firstTimePassShare: 0.67,
  dropoutShare: 0.08,
  daysPerUnit: 21,
  storeId: 'default',
};
