export * from './mongo.module';
export * from './duplicate-keys';
export * from './mongodb-drain-fix';
export * from './turn-batched-loader';
export * from './ensure-indexes';
export * from './find-by-ids';
export * from './server-kind';
export * from './bounded-bulk-write';
