import { Injectable } from '@nestjs/common';
import { KafkaMessage } from 'kafkajs';
import { counter } from '@lr/observability';
import { BatchingProducer } from './batching-producer';

export interface DeadLetter {
  readonly sourceTopic: string;
  readonly partition: number;
  readonly groupId: string;
  readonly message: KafkaMessage;
  readonly reason: string;
}

export const DLQ_HEADERS = {
  reason: 'x-dlq-reason',
  sourceTopic: 'x-dlq-source-topic',
  sourcePartition: 'x-dlq-source-partition',
  sourceOffset: 'x-dlq-source-offset',
  groupId: 'x-dlq-group-id',
  failedAt: 'x-dlq-failed-at',
} as const;

const deadLetters = counter(
  'lr_dead_letters_total',
  'Records moved to a dead-letter topic, by the topic and consumer group they failed in.',
  ['source_topic', 'group'],
);

/** Moves a message that can never be processed aside, with headers saying where from and why. */
@Injectable()
export class DeadLetterPublisher {
  constructor(private readonly producer: BatchingProducer) {}

  async publish(topic: string, letter: DeadLetter, now: Date): Promise<void> {
    await this.producer.send({
      topic,
      key: letter.message.key?.toString() ?? `${letter.partition}:${letter.message.offset}`,
      value: letter.message.value ?? Buffer.alloc(0),
      headers: {
        ...letter.message.headers,
        [DLQ_HEADERS.reason]: letter.reason.slice(0, 1000),
        [DLQ_HEADERS.sourceTopic]: letter.sourceTopic,
        [DLQ_HEADERS.sourcePartition]: String(letter.partition),
        [DLQ_HEADERS.sourceOffset]: letter.message.offset,
        [DLQ_HEADERS.groupId]: letter.groupId,
        [DLQ_HEADERS.failedAt]: now.toISOString(),
      },
    });
    deadLetters.inc({ source_topic: letter.sourceTopic, group: letter.groupId });
  }
}
