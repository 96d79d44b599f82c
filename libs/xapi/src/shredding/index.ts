export * from './learner-envelope';
export * from './learner-erased.message';
export * from './learner-keyring';
export * from './lru-cache';
export * from './open-records';
export { unsharedOpenedValues } from './opened-values';
export * from './learner-keys.module';
export * from './statement-erasure';
