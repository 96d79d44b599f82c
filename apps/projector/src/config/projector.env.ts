import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
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
}
