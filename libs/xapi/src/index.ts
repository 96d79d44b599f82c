export * from './learner-key';
export * from './statement-recorded.message';
export * from './statement-store.collection';
