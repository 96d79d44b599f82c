import 'reflect-metadata';
import { InvalidConfigError } from '@lr/config';
import { startProjector } from './bootstrap';

startProjector().catch((error: unknown) => {
  console.error(error instanceof InvalidConfigError ? error.message : error);
  process.exit(1);
});
