import { Logger } from '@nestjs/common';
import { logLevel, LogEntry } from 'kafkajs';

/** Routes kafkajs's own logging into Nest's logger, warnings and errors only. */
export function kafkaLogCreator() {
  const logger = new Logger('kafkajs');
  return ({ level, log }: LogEntry): void => {
    const { message, ...extra } = log;
    const line = `${message} ${JSON.stringify(extra)}`;
    if (level === logLevel.ERROR) logger.error(line);
    else if (level === logLevel.WARN) logger.warn(line);
  };
}
