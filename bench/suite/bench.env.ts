import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

/**
 * npm run bench's settings, validated before anything starts. The defaults are issue 7's sizes;
 * smaller values give a quick rehearsal (the report then says it is not the issue's run).
 */
export class BenchEnv {
  @IsString()
  KAFKA_BROKERS!: string;

  @IsString()
  MONGO_URL!: string;

  /** Learners of the simulated programme posted through the LRS. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  BENCH_LEARNERS = 20_000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(120)
  BENCH_MONTHS = 24;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  BENCH_SEED = 1;

  /** Each ingest batch size: warm-up, closed-loop maximum, then open loop at 80% of it. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  BENCH_INGEST_WARM_UP_SECONDS = 8;

  /** The first size's warm-up: the broker's JIT needs about half a minute of small requests. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  BENCH_INGEST_FIRST_WARM_UP_SECONDS = 30;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  BENCH_INGEST_SECONDS = 12;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  BENCH_INGEST_80_SECONDS = 8;

  /** Freshness at 80% of the maximum ingest rate (at 50% it is measured during the soak). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  BENCH_FRESHNESS_SECONDS = 30;

  /** The soak at 50% load: consumer lag must not grow. */
  @Type(() => Number)
  @IsInt()
  @Min(5)
  BENCH_SOAK_SECONDS = 300;

  /** Pause between freshness probes (one probe at a time). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  BENCH_PROBE_GAP_MS = 100;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  BENCH_POST_BATCH = 100;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(256)
  BENCH_POST_CONCURRENCY = 8;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  BENCH_REPORT_SECONDS = 20;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(256)
  BENCH_REPORT_CONCURRENCY = 8;

  /** Longest wait for the projector to catch up before a stage (or after the simulation). */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  BENCH_CATCH_UP_SECONDS = 900;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  KAFKA_STATEMENT_PARTITIONS = 6;

  @IsString()
  BENCH_RESULTS_DIR = 'bench/results';

  /** When the npm script started (epoch seconds), so the total includes the build and the stack. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  BENCH_STARTED_AT?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  KAFKA_PID?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  MONGO_PID?: number;
}

/** The issue's figures for the run (what the defaults are), to flag a reduced rehearsal. */
export const ISSUE_SIZES = { learners: 20_000, months: 24, soakSeconds: 300 } as const;
