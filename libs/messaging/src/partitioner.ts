// kafkajs 2.2.4 (pinned) ships the Java client's murmur2; using it keeps our key → partition
// mapping identical to every other Kafka client, so ordering per key holds across producers.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const murmur2 = require('kafkajs/src/producer/partitioners/default/murmur2') as (
  key: string | Buffer,
) => number;

export function partitionFor(key: string, partitionCount: number): number {
  // Same as Java's Utils.toPositive(murmur2(key)) % numPartitions.
  return (murmur2(key) & 0x7fffffff) % partitionCount;
}
