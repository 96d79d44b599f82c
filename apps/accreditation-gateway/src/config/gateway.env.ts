import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';
import { HttpEnv } from '@lr/config';

const URL_OPTIONS = { require_tld: false, protocols: ['http', 'https'] };

export class GatewayEnv extends HttpEnv {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  GATEWAY_PORT = 8083;

  @IsUrl(URL_OPTIONS)
  CITY_AND_GUILDS_URL = 'http://127.0.0.1:8090/city-and-guilds';

  @IsString()
  @MinLength(16)
  CITY_AND_GUILDS_SECRET = 'development-secret-city-and-guilds';

  @IsUrl(URL_OPTIONS)
  CMI_URL = 'http://127.0.0.1:8090/cmi';

  @IsString()
  @MinLength(16)
  CMI_SECRET = 'development-secret-cmi';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  GATEWAY_MAX_ATTEMPTS = 8;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  GATEWAY_BASE_DELAY_MS = 500;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  GATEWAY_MAX_DELAY_MS = 30_000;

  @Type(() => Number)
  @IsInt()
  @Min(100)
  GATEWAY_TIMEOUT_MS = 5_000;

  /** Claims sent at once. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  GATEWAY_CONCURRENCY = 16;

  /** Bearer token for the operator endpoints; they answer 401 without it, 503 if unset. */
  @IsOptional()
  @IsString()
  @MinLength(16)
  GATEWAY_OPERATOR_TOKEN?: string;

  /** Where the certification statement is written back; skipped when unset. */
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  GATEWAY_LRS_URL?: string;

  @IsOptional()
  @IsString()
  GATEWAY_LRS_KEY?: string;

  @IsOptional()
  @IsString()
  GATEWAY_LRS_SECRET?: string;

  @IsOptional()
  @IsString()
  CATALOGUE_PATH?: string;
}
