import { createWriteStream, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadCatalogue } from '@lr/catalogue';
import { expectedAggregates } from './expected-aggregates';
import { postStatements } from './lrs-poster';
import { simulateProgramme } from './programme-model';
import { DEFAULT_OPTIONS, SimulationOptions } from './simulation-options';

const USAGE = `usage: simulate [--seed N] [--start YYYY-MM] [--months N] [--per-month N]
                [--first-time-pass 0.67] [--dropout 0.08]
                (--out FILE.ndjson | --lrs URL [--key K --secret S] [--batch N] [--concurrency N])
                [--expected FILE.json]
  Generates the ODP programme's xAPI traffic, deterministic for a seed; writes NDJSON or posts
  to an LRS (key and secret default to LRS_DEV_KEY/LRS_DEV_SECRET), then prints the figures the
  reporting API must show.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string' },
      start: { type: 'string' },
      months: { type: 'string' },
      'per-month': { type: 'string' },
      'first-time-pass': { type: 'string' },
      dropout: { type: 'string' },
      out: { type: 'string' },
      lrs: { type: 'string' },
      key: { type: 'string' },
      secret: { type: 'string' },
      batch: { type: 'string', default: '50' },
      concurrency: { type: 'string', default: '4' },
      expected: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || (!values.out && !values.lrs)) throw new Error(USAGE);
  const options: SimulationOptions = {
    ...DEFAULT_OPTIONS,
    ...(values.seed ? { seed: Number(values.seed) } : {}),
    ...(values.start ? { startMonth: values.start } : {}),
    ...(values.months ? { months: Number(values.months) } : {}),
    ...(values['per-month'] ? { registrationsPerMonth: Number(values['per-month']) } : {}),
    ...(values['first-time-pass'] ? { firstTimePassShare: Number(values['first-time-pass']) } : {}),
    ...(values.dropout ? { dropoutShare: Number(values.dropout) } : {}),
  };
  const programme = simulateProgramme(loadCatalogue(), options);
  const expected = expectedAggregates(programme);
  const statements = programme.learners.flatMap((learner) => learner.statements);
  const progress = bar(statements.length);
  if (values.out) {
    const out = createWriteStream(values.out);
    statements.forEach((statement, i) => {
      out.write(`${JSON.stringify(statement)}\n`);
      if (i % 1000 === 0) progress(i);
    });
    await new Promise((resolve) => out.end(resolve));
    progress(statements.length);
  } else {
    const key = values.key ?? process.env.LRS_DEV_KEY;
    const secret = values.secret ?? process.env.LRS_DEV_SECRET;
    if (!key || !secret) throw new Error('give --key and --secret (or LRS_DEV_KEY/LRS_DEV_SECRET)');
    await postStatements(statements, {
      url: values.lrs!,
      key,
      secret,
      batchSize: Number(values.batch),
      concurrency: Number(values.concurrency),
      onProgress: progress,
    });
  }
  process.stderr.write('\n');
  if (values.expected) writeFileSync(values.expected, `${JSON.stringify(expected, null, 2)}\n`);
  console.log(JSON.stringify(expected, null, 2));
}

/** A progress bar on stderr, throttled to a few redraws a second. */
function bar(total: number): (done: number) => void {
  const started = Date.now();
  let drawn = 0;
  return (done) => {
    if (done < total && Date.now() - drawn < 200) return;
    drawn = Date.now();
    const share = total === 0 ? 1 : done / total;
    const seconds = (Date.now() - started) / 1000;
    process.stderr.write(
      `\rsimulate [${'#'.repeat(Math.round(share * 30)).padEnd(30, '.')}] ${done}/${total} statements, ${Math.round(done / Math.max(seconds, 0.001))}/s `,
    );
  };
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
