export * from './mongo.module';
export * from './duplicate-keys';
export * from './mongodb-drain-fix';
export * from './turn-batched-loader';
export * from './ensure-indexes';
