export * from './validate-env';
export * from './common-env';
export * from './config.module';
export * from './correlation-id';
export * from './http-exception.filter';
export * from './database-unavailable';
