import { murmur2 } from './murmur2';

/**
 * Same as the Java client's Utils.toPositive(murmur2(key)) % numPartitions, so our key → partition
 * mapping is every other Kafka client's and ordering per key holds across producers.
 */
export function partitionFor(key: string, partitionCount: number): number {
  return (murmur2(Buffer.from(key)) & 0x7fffffff) % partitionCount;
}
