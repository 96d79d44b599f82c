export type { XapiVersion } from './xapi-version';
export type { ValidationFailure } from './validation-failure';
export { validateStatement } from './statement.validator';
export { parseAgentParam } from './agent-param.parser';
export { isUuid } from './uuid.format';
export { isIri } from './iri.format';
export { isLanguageTag } from './language-tag.format';
export { isIso8601Timestamp } from './timestamp.format';
export { isIso8601Duration } from './duration.format';
