import 'reflect-metadata';
import { InvalidConfigError } from '@lr/config';
import { startReportingApi } from './bootstrap';

startReportingApi().catch((error: unknown) => {
  console.error(error instanceof InvalidConfigError ? error.message : error);
  process.exit(1);
});
