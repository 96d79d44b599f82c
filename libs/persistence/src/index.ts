export * from './mongo.module';
