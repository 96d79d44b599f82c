import { Inject, Injectable } from '@nestjs/common';
import { Admin, Consumer, ConsumerConfig, Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import { KAFKA_OPTIONS, KafkaOptions } from './kafka-options';
import { kafkaLogCreator } from './kafka-logger';
import { installKafkajsRecordDecoder } from './kafkajs-record-decoder';
import { installKafkajsRecordEncoder } from './kafkajs-record-encoder';
import { installKafkajsRequestSavings } from './kafkajs-request-savings';

/** The one place that constructs kafkajs objects, so tests and apps share the same settings. */
@Injectable()
export class KafkaClient {
  private readonly kafka: Kafka;

  constructor(@Inject(KAFKA_OPTIONS) readonly options: KafkaOptions) {
    installKafkajsRequestSavings();
    installKafkajsRecordEncoder();
    installKafkajsRecordDecoder();
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: [...options.brokers],
      logLevel: logLevel.WARN,
      logCreator: kafkaLogCreator,
      connectionTimeout: 3000,
      requestTimeout: 10000,
      retry: { initialRetryTime: 100, retries: 5, maxRetryTime: 2000 },
    });
  }

  producer(transactionalId?: string): Producer {
    return this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      ...(transactionalId
        ? { transactionalId, transactionTimeout: this.options.transactionTimeoutMs ?? 10_000 }
        : {}),
      allowAutoTopicCreation: false,
      // Partitions are chosen by partitionFor before sending; this only silences a v1→v2 notice.
      createPartitioner: Partitioners.DefaultPartitioner,
      // A transaction begun right after the previous commit meets CONCURRENT_TRANSACTIONS until
      // the coordinator has written that commit's markers, a few milliseconds; kafkajs retries
      // the whole send after this backoff, with every queued write waiting behind it. Starting
      // at 100 ms, that added 100-200 ms to a write about twice a second under load; the Java
      // client retries this case after 20 ms. Six tries still cover about 1.3 s of trouble.
      retry: { initialRetryTime: 20, retries: 6, maxRetryTime: 1000 },
    });
  }

  consumer(config: ConsumerConfig): Consumer {
    return this.kafka.consumer({ allowAutoTopicCreation: false, ...config });
  }

  /** An admin client that gives up quickly: used for probes that must answer in seconds. */
  admin(quick = false): Admin {
    return this.kafka.admin(quick ? { retry: { retries: 0 } } : {});
  }
}
