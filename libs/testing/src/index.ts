export * from './app-process';
export * from './statement.builder';
export * from './test-env';
export * from './wait-for';
export * from './read-model-snapshot';
