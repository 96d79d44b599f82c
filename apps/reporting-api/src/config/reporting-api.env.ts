import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';
import { MongoEnv } from '@lr/config';
import { IsIn } from 'class-validator';

export class ReportingApiEnv extends MongoEnv {
  @IsString()
  HOST = '127.0.0.1';

  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL = 'log';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  REPORTING_PORT = 8082;

  /** HS256 secret for development tokens; at least 32 characters so it cannot be guessed. */
  @IsOptional()
  @IsString()
  @MinLength(32)
  REPORTING_JWT_SECRET?: string;

  /** JWKS URL of the production identity provider (RS256/ES256 tokens). */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['https', 'http'] })
  REPORTING_JWKS_URL?: string;

  @IsOptional()
  @IsString()
  REPORTING_JWT_ISSUER?: string;

  @IsOptional()
  @IsString()
  REPORTING_JWT_AUDIENCE?: string;

  @IsOptional()
  @IsString()
  CATALOGUE_PATH?: string;
}
