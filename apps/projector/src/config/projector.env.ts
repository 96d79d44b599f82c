import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { HttpEnv } from '@lr/config';

export class ProjectorEnv extends HttpEnv {
  /** Port of the projector's health endpoints. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PROJECTOR_PORT = 8081;

  /** Partitions a projector instance processes at once. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  PROJECTOR_CONCURRENCY = 3;

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
