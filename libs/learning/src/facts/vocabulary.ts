/** The xAPI vocabulary the learning projections understand (documented in docs/vocabulary.md). */
export const VERBS = {
  registered: 'http://adlnet.gov/expapi/verbs/registered',
  launched: 'http://adlnet.gov/expapi/verbs/launched',
  initialized: 'http://adlnet.gov/expapi/verbs/initialized',
  progressed: 'http://adlnet.gov/expapi/verbs/progressed',
  experienced: 'http://adlnet.gov/expapi/verbs/experienced',
  attempted: 'http://adlnet.gov/expapi/verbs/attempted',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  attended: 'http://adlnet.gov/expapi/verbs/attended',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  scored: 'http://adlnet.gov/expapi/verbs/scored',
  voided: 'http://adlnet.gov/expapi/verbs/voided',
} as const;

/** Verbs on a learning activity that mean the learner has started it. */
export const STARTED_VERBS: ReadonlySet<string> = new Set([
  VERBS.launched,
  VERBS.initialized,
  VERBS.progressed,
  VERBS.experienced,
  VERBS.attempted,
]);

/** Verbs on a learning activity that mean the learner has finished it. */
export const FINISHED_VERBS: ReadonlySet<string> = new Set([
  VERBS.completed,
  VERBS.attended,
  VERBS.passed,
]);

/** Verbs on an assessment that may carry a decided attempt. */
export const ASSESSMENT_VERBS: ReadonlySet<string> = new Set([
  VERBS.passed,
  VERBS.failed,
  VERBS.completed,
  VERBS.scored,
]);

/**
 * Context extension on a registration statement carrying who the learner is in the
 * organisation: { department, grade, jobFamily, lineManager (an xAPI Agent) }.
 */
export const LEARNER_PROFILE_EXTENSION =
  'https://odp.civilservice.gov.uk/xapi/extensions/learner-profile';
