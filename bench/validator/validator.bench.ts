/**
 * Statements per second on the ingest hot path: the hand-written xAPI validator against a
 * class-validator model of the same statement (class-transformer then validateSync with unknown
 * properties forbidden, which is what a NestJS ValidationPipe does, minus its promise).
 *
 * Run from the repository root (TypeScript is compiled by the project's own tsc):
 *   npx tsc bench/validator/validator.bench.ts --outDir .local/bench --rootDir . --target es2022 \
 *     --module commonjs --moduleResolution node --experimentalDecorators --emitDecoratorMetadata \
 *     --esModuleInterop --skipLibCheck --types node
 *   node .local/bench/bench/validator/validator.bench.js
 * Writes bench/results/validator.json.
 */
import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { ValidatorOptions, validateSync } from 'class-validator';
import { mkdirSync, writeFileSync } from 'fs';
import { cpus } from 'os';
import { dirname, resolve } from 'path';
import { validateStatement } from '../../libs/xapi/src/validation';
import { ODP_STATEMENT } from './odp-statement.fixture';
import { StatementDto } from './statement.dto';

const ROUNDS = 5;
const ROUND_MS = 1000;
const WARM_UP_MS = 2000;
const BATCH = 500;
/** Distinct parsed copies, so no contender benefits from one object staying hot in cache. */
const POOL_SIZE = 256;
const RESULT_FILE = resolve(process.cwd(), 'bench/results/validator.json');

const CLASS_VALIDATOR_OPTIONS: ValidatorOptions = { whitelist: true, forbidNonWhitelisted: true };

interface Contender {
  readonly name: string;
  readonly accepts: (statement: unknown) => boolean;
}

interface Measurement {
  readonly name: string;
  readonly roundsPerSecond: number[];
  readonly medianPerSecond: number;
  readonly nanosecondsPerStatement: number;
}

const CONTENDERS: readonly Contender[] = [
  {
    name: 'hand-written validateStatement (2.0.0 rules)',
    accepts: (statement) => validateStatement(statement, '2.0.0') === null,
  },
  {
    name: 'class-transformer + class-validator validateSync',
    accepts: (statement) =>
      validateSync(plainToInstance(StatementDto, statement), CLASS_VALIDATOR_OPTIONS).length === 0,
  },
];

function statementPool(): unknown[] {
  const json = JSON.stringify(ODP_STATEMENT);
  return Array.from({ length: POOL_SIZE }, (_unused, i): unknown =>
    JSON.parse(json.replace('6f1c1a5e-6d0b-4c8e', `6f1c1a5e-6d0b-${(0x4000 + i).toString(16)}`)),
  );
}

/** Both contenders must agree on a valid and an invalid statement, or the race means nothing. */
function checkContenders(pool: readonly unknown[]): void {
  const invalid = { ...ODP_STATEMENT, verb: { id: 'not an IRI' } };
  for (const contender of CONTENDERS) {
    if (!contender.accepts(pool[0]) || contender.accepts(invalid)) {
      throw new Error(`${contender.name} does not judge the fixtures as expected`);
    }
  }
}

/** Runs for about `ms` milliseconds and returns statements per second. */
function run(contender: Contender, pool: readonly unknown[], ms: number): number {
  let count = 0;
  let accepted = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(ms) * 1_000_000n;
  let elapsed = 0n;
  while (elapsed < budget) {
    for (let i = 0; i < BATCH; i++) {
      if (contender.accepts(pool[(count + i) % POOL_SIZE])) accepted++;
    }
    count += BATCH;
    elapsed = process.hrtime.bigint() - start;
  }
  if (accepted !== count) throw new Error(`${contender.name} rejected a valid statement`);
  return (count * 1e9) / Number(elapsed);
}

function measure(contender: Contender, pool: readonly unknown[]): Measurement {
  console.log(`\n${contender.name}`);
  console.log(`  warming up for ${WARM_UP_MS} ms ...`);
  run(contender, pool, WARM_UP_MS);
  const roundsPerSecond: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const perSecond = run(contender, pool, ROUND_MS);
    roundsPerSecond.push(Math.round(perSecond));
    console.log(`  round ${round}/${ROUNDS}: ${format(perSecond)} statements/s`);
  }
  const medianPerSecond = [...roundsPerSecond].sort((a, b) => a - b)[Math.floor(ROUNDS / 2)] ?? 0;
  return {
    name: contender.name,
    roundsPerSecond,
    medianPerSecond,
    nanosecondsPerStatement: Math.round(1e9 / medianPerSecond),
  };
}

function format(n: number): string {
  return Math.round(n).toLocaleString('en-GB');
}

function main(): void {
  const pool = statementPool();
  checkContenders(pool);
  console.log(`Validating a realistic ODP statement: ${ROUNDS} rounds of ${ROUND_MS} ms each.`);
  const measurements = CONTENDERS.map((contender) => measure(contender, pool));
  const [ours, baseline] = measurements;
  const speedup = ours && baseline ? ours.medianPerSecond / baseline.medianPerSecond : 0;
  console.log('\nMedian statements/s:');
  for (const m of measurements) {
    console.log(`  ${m.name}: ${format(m.medianPerSecond)} (${m.nanosecondsPerStatement} ns each)`);
  }
  console.log(`  speed-up: ${speedup.toFixed(1)}x`);
  const report = {
    benchmark: 'xAPI statement validation, statements per second (median of rounds)',
    generatedAt: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    statement: 'bench/validator/odp-statement.fixture.ts',
    rounds: ROUNDS,
    roundMs: ROUND_MS,
    results: measurements,
    speedup: Number(speedup.toFixed(2)),
  };
  mkdirSync(dirname(RESULT_FILE), { recursive: true });
  writeFileSync(RESULT_FILE, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nWrote ${RESULT_FILE}`);
}

main();
