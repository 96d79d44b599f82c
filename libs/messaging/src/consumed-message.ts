import { IHeaders, KafkaMessage } from 'kafkajs';

export interface ConsumedMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: Buffer | null;
  readonly headers: IHeaders;
  readonly timestamp: string;
  readonly raw: KafkaMessage;
}

export function toConsumedMessage(
  topic: string,
  partition: number,
  raw: KafkaMessage,
): ConsumedMessage {
  return {
    topic,
    partition,
    offset: raw.offset,
    key: raw.key?.toString() ?? null,
    value: raw.value,
    headers: raw.headers ?? {},
    timestamp: raw.timestamp,
    raw,
  };
}
