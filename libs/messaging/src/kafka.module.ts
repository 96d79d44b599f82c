import { DynamicModule, Global, Module } from '@nestjs/common';
import { KafkaEnv } from '@lr/config';
import { BatchingProducer } from './batching-producer';
import { ConsumerLagMonitor } from './consumer-lag.monitor';
import { ConsumerRunner } from './consumer-runner';
import { DeadLetterPublisher } from './dead-letter-publisher';
import { KafkaClient } from './kafka-client';
import { KAFKA_OPTIONS, KafkaOptions } from './kafka-options';
import { KafkaProbe } from './kafka-probe';
import { TopicPartitionCounts } from './topic-partition-counts';
import { TopicProvisioner } from './topic-provisioner';
import { Topics } from './topics';
import { WorkWatchdog } from './work-watchdog';

export function kafkaOptionsFrom(env: KafkaEnv): KafkaOptions {
  return {
    brokers: env.KAFKA_BROKERS.split(','),
    clientId: env.KAFKA_CLIENT_ID,
    topicPrefix: env.KAFKA_TOPIC_PREFIX,
    statementPartitions: env.KAFKA_STATEMENT_PARTITIONS,
    replicationFactor: env.KAFKA_REPLICATION_FACTOR,
  };
}

@Global()
@Module({})
export class KafkaModule {
  static forRoot(options: KafkaOptions): DynamicModule {
    return {
      module: KafkaModule,
      providers: [
        { provide: KAFKA_OPTIONS, useValue: options },
        { provide: Topics, useValue: new Topics(options.topicPrefix) },
        KafkaClient,
        TopicPartitionCounts,
        BatchingProducer,
        TopicProvisioner,
        DeadLetterPublisher,
        ConsumerRunner,
        ConsumerLagMonitor,
        KafkaProbe,
        WorkWatchdog,
      ],
      exports: [
        KAFKA_OPTIONS,
        Topics,
        KafkaClient,
        BatchingProducer,
        TopicProvisioner,
        DeadLetterPublisher,
        ConsumerRunner,
        ConsumerLagMonitor,
        KafkaProbe,
        TopicPartitionCounts,
        WorkWatchdog,
      ],
    };
  }
}
