export * from './validate-env';
export * from './common-env';
export * from './config.module';
export * from './correlation-id';
export * from './http-exception.filter';
export * from './security-headers';
export * from './error-name';
export * from './database-unavailable';
