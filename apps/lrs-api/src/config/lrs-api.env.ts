import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { HttpEnv } from '@lr/config';

export class LrsApiEnv extends HttpEnv {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  LRS_PORT = 8080;

  /** Largest request body accepted, in bytes; larger bodies get 413. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  LRS_MAX_BODY_BYTES = 10 * 1024 * 1024;

  /** When both are set, boot ensures a credential with this key and secret (scope all). */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._~-]{3,128}$/, { message: 'must be 3-128 URL-safe characters' })
  LRS_DEV_KEY?: string;

  @IsOptional()
  @IsString()
  @MinLength(8)
  LRS_DEV_SECRET?: string;

  @IsString()
  LRS_DEFAULT_STORE = 'default';

  /** How long a write waits for its statements to become readable before answering anyway. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60_000)
  LRS_CONSISTENCY_TIMEOUT_MS = 5_000;

  /** Most statements one POST may carry; more gets 413. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LRS_MAX_BATCH_STATEMENTS = 1_000;

  /** Statements per page of GET /statements when the client asks for no limit or more. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  LRS_PAGE_SIZE = 100;

  /**
   * How long a producer flush waits for more writes to join it. Fewer, larger produce requests
   * cost Kafka and the projector less CPU per statement (2 ms: a fifth less at single-statement
   * POSTs, bench/results/ingest-linger.md) for up to that much more latency per write; 0 sends as
   * soon as the flush before is answered. Kafka's own producer lingers 5 ms by default since 4.0.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(50)
  LRS_PRODUCE_LINGER_MS = 2;

  /**
   * Longest a statement may take from getting its `stored` time to being committed to the log;
   * slower writes are aborted (503). X-Experience-API-Consistent-Through lags by this much.
   */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(60_000)
  LRS_STORED_LAG_MS = 1_000;

  /**
   * The version answered when a request names none (it gets 400 anyway). The 1.0.3 and 2.0
   * conformance runs expect their own; 2.0.0 serves current clients.
   */
  @IsIn(['1.0.3', '2.0.0'])
  LRS_DEFAULT_XAPI_VERSION: '1.0.3' | '2.0.0' = '2.0.0';

  /**
   * Requests per second each credential may make, sustained (a token bucket per key and
   * instance); 0 turns the limit off. Beyond it: 429 with Retry-After.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  LRS_RATE_LIMIT_PER_SECOND = 1_000;

  /** Requests a credential may make at once after a quiet spell. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LRS_RATE_LIMIT_BURST = 2_000;

  /** Deepest nesting of objects and arrays a JSON body may have; deeper gets 400. */
  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(1_000)
  LRS_MAX_JSON_DEPTH = 32;

  /**
   * Longest an erasure waits for the consumers to read past it before deleting anyway (it then
   * reports consumersCaughtUp false, and should be run again).
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(600_000)
  LRS_ERASURE_WAIT_MS = 60_000;

  /** Stable per instance (Kafka transactional id); defaults to host name and port. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,100}$/)
  LRS_INSTANCE_ID?: string;
}
