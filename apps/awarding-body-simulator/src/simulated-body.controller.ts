import { Body, Controller, Get, Headers, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { RawBodyRequest } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { signWebhook, SIGNATURE_HEADER, verifyWebhook } from '@lr/learning';
import { SimulatorEnv } from './simulator.env';
import { Behaviour, SimulatedBodyState, Settled } from './simulated-body.state';

const KINDS: Record<string, Record<string, 'registration' | 'certificate'>> = {
  'city-and-guilds': { registrations: 'registration', 'certificate-claims': 'certificate' },
  cmi: { enrolments: 'registration', awards: 'certificate' },
};

/**
 * City & Guilds and the CMI as a test double for demos and tests: checks signatures, records
 * what it got, and can be told to fail, time out, answer slowly or acknowledge late.
 */
@Controller()
export class SimulatedBodyController {
  constructor(
    private readonly state: SimulatedBodyState,
    private readonly env: SimulatorEnv,
  ) {}

  @Get('health/ready')
  ready() {
    return { status: 'ok' };
  }

  @Get('_sim/received')
  received() {
    return this.state.summary();
  }

  /** Every idempotency key that took effect, with its answer: for exactly-once checks. */
  @Get('_sim/effects')
  effects() {
    return this.state.effectsByKey();
  }

  @Post('_sim/behaviour')
  @HttpCode(200)
  configure(@Body() behaviour: Partial<Behaviour>) {
    this.state.behaviour = { ...this.state.behaviour, ...behaviour };
    return this.state.behaviour;
  }

  @Post(':body/:kind')
  async receive(
    @Param('body') body: string,
    @Param('kind') kind: string,
    @Headers('idempotency-key') key: string | undefined,
    @Req() request: RawBodyRequest<FastifyRequest>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const claimKind = KINDS[body]?.[kind];
    if (!claimKind) return void reply.status(404).send({ error: 'unknown endpoint' });
    const raw = request.rawBody?.toString('utf8') ?? '';
    const signature = request.headers[SIGNATURE_HEADER];
    if (
      !verifyWebhook(
        raw,
        typeof signature === 'string' ? signature : undefined,
        this.secret(body),
        new Date(),
      )
    ) {
      this.state.badSignatures += 1;
      return void reply.status(401).send({ error: 'bad signature' });
    }
    if (!key) return void reply.status(400).send({ error: 'Idempotency-Key is required' });
    this.state.count(key);
    const { behaviour } = this.state;
    if (behaviour.slowMs > 0) await sleep(behaviour.slowMs);
    const known = this.state.effects.get(key);
    if (known) return void reply.status(known.status).send(known.body);
    const roll = Math.random();
    if (roll < behaviour.timeoutRate) {
      await sleep(this.env.SIM_TIMEOUT_MS);
      return void reply.status(504).send({ error: 'too late' });
    }
    if (roll < behaviour.timeoutRate + behaviour.failureRate) {
      return void (roll < behaviour.timeoutRate + behaviour.failureRate / 2
        ? reply.status(503).header('retry-after', '1').send({ error: 'busy' })
        : reply.status(500).send({ error: 'broken' }));
    }
    const settled = this.settle(body, claimKind, key, JSON.parse(raw) as Record<string, unknown>);
    if (
      settled.status === 200 &&
      Math.random() < behaviour.lateAckRate &&
      this.env.SIM_CALLBACK_URL
    ) {
      setTimeout(() => void this.callBack(body, key, settled), this.env.SIM_LATE_ACK_MS);
      return void reply.status(202).send({ accepted: true });
    }
    return void reply.status(settled.status).send(settled.body);
  }

  /** The effect of a claim: a registration recorded, or a certificate issued once per learner. */
  private settle(
    body: string,
    kind: 'registration' | 'certificate',
    key: string,
    payload: Record<string, unknown>,
  ): Settled {
    const learner = learnerOf(body, payload);
    let settled: Settled;
    if (kind === 'registration') {
      this.state.registered.add(learner);
      settled = { status: 200, body: { registered: true, reference: key } };
    } else if (!this.state.registered.has(learner)) {
      settled = { status: 409, body: { error: 'learner not registered for this qualification' } };
    } else {
      const number = this.state.certificates.get(learner) ?? this.state.nextCertificateNumber(body);
      this.state.certificates.set(learner, number);
      settled = { status: 200, body: { certificateNumber: number } };
    }
    this.state.effects.set(key, settled);
    return settled;
  }

  private async callBack(body: string, claimId: string, settled: Settled): Promise<void> {
    const text = JSON.stringify({
      claimId,
      status: 'acknowledged',
      ...(typeof settled.body.certificateNumber === 'string'
        ? { certificateNumber: settled.body.certificateNumber }
        : {}),
    });
    for (let attempt = 0; attempt < 20; attempt++) {
      const ok = await fetch(`${this.env.SIM_CALLBACK_URL}/${body}`, {
        method: 'POST',
        body: text,
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signWebhook(text, this.secret(body), new Date()),
        },
      })
        .then((response) => response.ok)
        .catch(() => false);
      if (ok) return;
      await sleep(500);
    }
  }

  private secret(body: string): string {
    return body === 'cmi' ? this.env.CMI_SECRET : this.env.CITY_AND_GUILDS_SECRET;
  }
}

function learnerOf(body: string, payload: Record<string, unknown>): string {
  if (body === 'cmi') {
    return `${String((payload.learner as { id?: unknown })?.id)}|${String(payload.qualificationRef)}`;
  }
  return `${String((payload.candidate as { reference?: unknown })?.reference)}|${String(payload.qualificationNumber)}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
