export * from './mongo.module';
export * from './duplicate-keys';
