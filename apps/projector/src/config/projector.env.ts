import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { HttpEnv } from '@lr/config';
import { FetchPacing } from '@lr/messaging';

export class ProjectorEnv extends HttpEnv {
  /** Port of the projector's health endpoints. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PROJECTOR_PORT = 8081;

  /**
   * Partitions a projector instance processes at once; by default every statement partition, so
   * that all the partitions of one fetch are processed together. kafkajs fetches again only once
   * the last batch of a fetch is done, so with fewer, a fetch's batches queue behind each other:
   * 3 of 6 put two rounds of database writes in every read-your-writes wait.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  PROJECTOR_CONCURRENCY?: number;

  get partitionsAtOnce(): number {
    return this.PROJECTOR_CONCURRENCY ?? this.KAFKA_STATEMENT_PARTITIONS;
  }

  /**
   * How long Kafka may hold a statement-store fetch to gather PROJECTOR_STORE_FETCH_MIN_BYTES.
   * Every write that reads its own writes waits for this group, so the wait is short; it is
   * also how often an idle member asks again.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  PROJECTOR_STORE_FETCH_MIN_BYTES = 1;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000)
  PROJECTOR_STORE_FETCH_WAIT_MS = 1_000;

  /** The same for the learning read models, which no request waits for. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  PROJECTOR_LEARNING_FETCH_MIN_BYTES = 1;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5_000)
  PROJECTOR_LEARNING_FETCH_WAIT_MS = 500;

  get storeFetch(): FetchPacing {
    return {
      minBytes: this.PROJECTOR_STORE_FETCH_MIN_BYTES,
      maxWaitMs: this.PROJECTOR_STORE_FETCH_WAIT_MS,
    };
  }

  get learningFetch(): FetchPacing {
    return {
      minBytes: this.PROJECTOR_LEARNING_FETCH_MIN_BYTES,
      maxWaitMs: this.PROJECTOR_LEARNING_FETCH_WAIT_MS,
    };
  }

  /** Whether this instance runs the learning read models (the statement store always runs). */
  @IsIn(['true', 'false'])
  LEARNING_PROJECTION = 'true';

  get LEARNING_PROJECTION_ENABLED(): boolean {
    return this.LEARNING_PROJECTION === 'true';
  }

  /**
   * Names this instance's Kafka transactional producer: stable across restarts (so a restart
   * fences what the last run left open) and distinct between instances. Defaults to host-port.
   */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._-]+$/)
  PROJECTOR_INSTANCE_ID?: string;

  /** The catalogue data file; the shipped one by default. */
  @IsOptional()
  @IsString()
  CATALOGUE_PATH?: string;
}
