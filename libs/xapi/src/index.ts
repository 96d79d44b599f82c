export * from './learner-key';
export * from './statement-recorded.message';
export * from './statement-store.collection';
export * from './statement-fingerprint';
export * from './statement-index';
export * from './validation';
export * from './attachments';
export * from './activity-definitions';
