import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';

export class SimulatorEnv {
  @IsString()
  HOST = '127.0.0.1';

  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL = 'warn';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  SIMULATOR_PORT = 8090;

  @IsString()
  @MinLength(16)
  CITY_AND_GUILDS_SECRET = 'development-secret-city-and-guilds';

  @IsString()
  @MinLength(16)
  CMI_SECRET = 'development-secret-cmi';

  /** Share of requests answered 503 (with Retry-After) or 500. */
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(1)
  SIM_FAILURE_RATE = 0;

  /** Share of requests left unanswered for SIM_TIMEOUT_MS. */
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(1)
  SIM_TIMEOUT_RATE = 0;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  SIM_TIMEOUT_MS = 15_000;

  /** Delay added to every answer. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  SIM_SLOW_MS = 0;

  /** Share of new claims answered 202 and acknowledged later on the callback. */
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(1)
  SIM_LATE_ACK_RATE = 0;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  SIM_LATE_ACK_MS = 300;

  /** The gateway's callback base, e.g. http://127.0.0.1:8083/callbacks. */
  @IsOptional()
  @IsString()
  SIM_CALLBACK_URL?: string;
}
