import { Consumer, ConsumerCrashEvent, Kafka, KafkaJSNonRetriableError, logLevel } from 'kafkajs';
import { isolatedEnv, waitFor } from '@lr/testing';
import { ConsumerCrashGuard } from './consumer-crash-guard';

/**
 * On the real broker: a crash kafkajs will not restart from (a non-retriable error) would leave
 * the consumer stopped for good; the guard runs it again and the record is handled after all.
 */
describe('ConsumerCrashGuard on a real Kafka broker', () => {
  const env = isolatedEnv();
  const kafka = new Kafka({
    brokers: env.KAFKA_BROKERS!.split(','),
    clientId: env.KAFKA_CLIENT_ID,
    logLevel: logLevel.NOTHING,
  });
  const topic = `${env.KAFKA_TOPIC_PREFIX}.crash-guard`;
  const consumers: Consumer[] = [];

  beforeAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'k', value: 'only' }] });
    await producer.disconnect();
  });

  afterAll(async () => {
    await Promise.all(consumers.map((consumer) => consumer.disconnect()));
  });

  /**
   * The crashes our handler caused. On a fresh broker kafkajs may crash (and restart) first on
   * "coordinator loading", which is retriable and not what is tested.
   */
  const fatal = (crashes: ConsumerCrashEvent['payload'][]) =>
    crashes.filter((crash) => crash.error.message === 'unexpected');

  /** A consumer whose first batch fails with an error kafkajs does not restart from. */
  async function crashingConsumer(groupId: string, guarded: boolean) {
    const consumer = kafka.consumer({ groupId, retry: { retries: 0 } });
    consumers.push(consumer);
    const handled: string[] = [];
    const crashes: ConsumerCrashEvent['payload'][] = [];
    consumer.on(consumer.events.CRASH, (event) => void crashes.push(event.payload));
    let failuresLeft = 1;
    const runConfig = {
      eachMessage: async ({ message }: { message: { value: Buffer | null } }) => {
        if (failuresLeft-- > 0) throw new KafkaJSNonRetriableError('unexpected');
        handled.push(message.value!.toString());
      },
    };
    const guard = guarded ? new ConsumerCrashGuard(consumer, groupId, runConfig, () => 0) : null;
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run(runConfig);
    return { handled, crashes, guard };
  }

  it('leaves an unguarded consumer stopped after such a crash (why the guard exists)', async () => {
    const { handled, crashes } = await crashingConsumer(`${env.KAFKA_CLIENT_ID}-bare`, false);
    await waitFor(() => (fatal(crashes).length > 0 ? true : undefined), { what: 'the crash' });
    expect(fatal(crashes).map((crash) => crash.restart)).toEqual([false]);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(handled).toEqual([]);
  });

  it('runs a guarded consumer again, which then handles the record', async () => {
    const { handled, crashes, guard } = await crashingConsumer(
      `${env.KAFKA_CLIENT_ID}-guarded`,
      true,
    );
    await waitFor(() => (handled.length > 0 ? true : undefined), {
      what: 'the record handled after the restart',
      timeoutMs: 30_000,
    });
    expect(fatal(crashes).map((crash) => crash.restart)).toEqual([false]);
    expect(handled).toEqual(['only']);
    expect(guard!.restarts).toBe(1);
    guard!.stop();
  });
});
