import 'reflect-metadata';
import { InvalidConfigError } from '@lr/config';
import { startLrsApi } from './bootstrap';

startLrsApi().catch((error: unknown) => {
  console.error(error instanceof InvalidConfigError ? error.message : error);
  process.exit(1);
});
