import 'reflect-metadata';
import { InvalidConfigError } from '@lr/config';
import { startGateway } from './bootstrap';

startGateway().catch((error: unknown) => {
  console.error(error instanceof InvalidConfigError ? error.message : error);
  process.exit(1);
});
