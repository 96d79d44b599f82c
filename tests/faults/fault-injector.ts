import { waitFor } from '@lr/testing';
import { FaultStack } from './fault-stack';
import { FaultApp, FaultSystem } from './fault-system';
import { LoadGenerator, sleep } from './load-generator';
import { MemorySampler } from './memory-sampler';
import { OutageFindings, OutageProbe } from './outage-probe';
import { progress } from './progress';

export interface InjectedFault {
  readonly fault: string;
  /** From the fault's end (restart asked, broker back, process resumed) to load flowing again. */
  readonly recoveredMs: number;
}

export interface KafkaOutage extends OutageFindings {
  readonly downMs: number;
  readonly rssBeforeMiB: number;
  readonly rssPeakMiB: number;
}

/** The faults, one at a time, each followed by a wait for the load to be accepted again. */
export class FaultInjector {
  readonly injected: InjectedFault[] = [];

  constructor(
    private readonly stack: FaultStack,
    private readonly system: FaultSystem,
    private readonly load: LoadGenerator,
    private readonly accepted: () => number,
  ) {}

  async crash(app: FaultApp): Promise<void> {
    progress(`kill -9 ${app}`);
    const readyMs = await this.system.crashAndRestart(app);
    progress(`${app} restarted and ready after ${readyMs} ms`);
    await this.recovered(`kill -9 ${app}`, Date.now() - readyMs);
  }

  /** Broker stopped for downMs while probe clients post; memory sampled throughout. */
  async kafkaOutage(
    probe: OutageProbe,
    memory: MemorySampler,
    downMs: number,
  ): Promise<KafkaOutage> {
    const rssBeforeMiB = memory.current();
    progress(`stopping the Kafka broker (lrs-api at ${rssBeforeMiB} MiB)`);
    await this.stack.stopKafka();
    memory.reset();
    probe.start(4);
    await sleep(downMs);
    const findings = await probe.stop();
    const rssPeakMiB = memory.peak;
    progress(
      `broker down ${downMs} ms: ${findings.requests} probe requests ${JSON.stringify(findings.statuses)}, slowest ${findings.slowestMs} ms, lrs-api peak ${rssPeakMiB} MiB; starting it`,
    );
    await this.stack.startKafka();
    const back = Date.now();
    await this.system.app('lrs-api').waitReady(120_000);
    await this.recovered('Kafka broker restart', back);
    return { ...findings, downMs, rssBeforeMiB, rssPeakMiB };
  }

  async mongoRestart(downMs: number): Promise<void> {
    progress('stopping the MongoDB-wire server');
    await this.stack.stopMongo();
    await sleep(downMs);
    progress('starting the MongoDB-wire server');
    await this.stack.startMongo();
    await this.recovered('MongoDB-wire server restart', Date.now());
  }

  async freeze(app: FaultApp, forMs: number): Promise<void> {
    progress(`SIGSTOP ${app} for ${forMs} ms`);
    this.system.app(app).signal('SIGSTOP');
    await sleep(forMs);
    this.system.app(app).signal('SIGCONT');
    progress(`SIGCONT ${app}`);
    await this.recovered(`SIGSTOP ${app} ${forMs / 1000} s`, Date.now());
  }

  /** Load is flowing again once a few more batches have been accepted since the fault ended. */
  private async recovered(fault: string, since: number): Promise<void> {
    const target = this.accepted() + 100;
    await waitFor(() => (this.accepted() >= target || this.load.exhausted ? true : undefined), {
      timeoutMs: 180_000,
      intervalMs: 200,
      what: `load to be accepted again after ${fault}`,
    });
    const recoveredMs = Date.now() - since;
    this.injected.push({ fault, recoveredMs });
    progress(`${fault}: load accepted again ${recoveredMs} ms after`);
  }
}
