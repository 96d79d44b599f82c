import { createRequire } from 'node:module';

/** Requires one of kafkajs's own files, as kafkajs itself would. */
export const fromKafkajs = createRequire(require.resolve('kafkajs'));

/**
 * One of kafkajs's modules as kafkajs ships it, loaded apart from the cached one (which our
 * encoders and decoders may have swapped), so specs can compare the two.
 */
export function kafkajsOriginal<T>(path: string): T {
  const resolved = fromKafkajs.resolve(path);
  const cached = fromKafkajs.cache[resolved];
  delete fromKafkajs.cache[resolved];
  try {
    return fromKafkajs(resolved) as T;
  } finally {
    if (cached) fromKafkajs.cache[resolved] = cached;
  }
}
