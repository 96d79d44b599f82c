import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Admin } from 'kafkajs';
import { KafkaClient } from './kafka-client';

/**
 * Answers "can we reach a broker right now?" within a bounded time, for readiness checks.
 * One admin connection is kept and re-used; kafkajs reconnects it after an outage.
 */
@Injectable()
export class KafkaProbe implements OnApplicationShutdown {
  private admin: Admin | undefined;

  constructor(private readonly client: KafkaClient) {}

  async check(timeoutMs = 2_000): Promise<{ brokers: number; controller: number | null }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer from Kafka within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([this.describe(), timeout]);
    } catch (error) {
      await this.reset();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reset();
  }

  private async describe(): Promise<{ brokers: number; controller: number | null }> {
    if (!this.admin) {
      this.admin = this.client.admin(true);
      await this.admin.connect();
    }
    const cluster = await this.admin.describeCluster();
    return { brokers: cluster.brokers.length, controller: cluster.controller };
  }

  private async reset(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.disconnect().catch(() => undefined);
  }
}
