import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

/**
 * A conventional class-validator model of a statement: the shape a NestJS ValidationPipe would
 * check, covering actor, verb, object, result and context with the usual decorators. It is the
 * baseline for the benchmark, not a full xAPI model (language-map keys, IFI counts and many
 * cross-field rules are left out, which only flatters it).
 */

const IRI = { require_protocol: true, require_tld: false };
const DURATION = /^P(?:\d+(?:\.\d+)?[YMWD])*(?:T(?:\d+(?:\.\d+)?[HMS])+)?$/;

export class AccountDto {
  @IsUrl(IRI) homePage!: string;
  @IsString() name!: string;
}

export class AgentDto {
  @IsOptional() @IsIn(['Agent', 'Group']) objectType?: string;
  @IsOptional() @IsString() name?: string;
  @IsOptional() @Matches(/^mailto:[^@\s]+@[^@\s]+$/) mbox?: string;
  @IsOptional() @Matches(/^[0-9a-f]{40}$/i) mbox_sha1sum?: string;
  @IsOptional() @IsUrl(IRI) openid?: string;
  @IsOptional() @ValidateNested() @Type(() => AccountDto) account?: AccountDto;
}

export class VerbDto {
  @IsUrl(IRI) id!: string;
  @IsOptional() @IsObject() display?: Record<string, string>;
}

export class DefinitionDto {
  @IsOptional() @IsObject() name?: Record<string, string>;
  @IsOptional() @IsObject() description?: Record<string, string>;
  @IsOptional() @IsUrl(IRI) type?: string;
  @IsOptional() @IsUrl(IRI) moreInfo?: string;
  @IsOptional() @IsObject() extensions?: Record<string, unknown>;
}

export class ActivityDto {
  @IsOptional() @IsIn(['Activity']) objectType?: string;
  @IsUrl(IRI) id!: string;
  @IsOptional() @ValidateNested() @Type(() => DefinitionDto) definition?: DefinitionDto;
}

export class ScoreDto {
  @IsOptional() @IsNumber() @Min(-1) @Max(1) scaled?: number;
  @IsOptional() @IsNumber() raw?: number;
  @IsOptional() @IsNumber() min?: number;
  @IsOptional() @IsNumber() max?: number;
}

export class ResultDto {
  @IsOptional() @ValidateNested() @Type(() => ScoreDto) score?: ScoreDto;
  @IsOptional() @IsBoolean() success?: boolean;
  @IsOptional() @IsBoolean() completion?: boolean;
  @IsOptional() @IsString() response?: string;
  @IsOptional() @Matches(DURATION) duration?: string;
  @IsOptional() @IsObject() extensions?: Record<string, unknown>;
}

export class ContextActivitiesDto {
  @IsOptional() @ValidateNested({ each: true }) @Type(() => ActivityDto) parent?: ActivityDto[];
  @IsOptional() @ValidateNested({ each: true }) @Type(() => ActivityDto) grouping?: ActivityDto[];
  @IsOptional() @ValidateNested({ each: true }) @Type(() => ActivityDto) category?: ActivityDto[];
  @IsOptional() @ValidateNested({ each: true }) @Type(() => ActivityDto) other?: ActivityDto[];
}

export class ContextDto {
  @IsOptional() @IsUUID('all') registration?: string;
  @IsOptional() @ValidateNested() @Type(() => AgentDto) instructor?: AgentDto;
  @IsOptional()
  @ValidateNested()
  @Type(() => ContextActivitiesDto)
  contextActivities?: ContextActivitiesDto;
  @IsOptional() @IsString() revision?: string;
  @IsOptional() @IsString() platform?: string;
  @IsOptional() @IsString() language?: string;
  @IsOptional() @IsObject() extensions?: Record<string, unknown>;
}

export class StatementDto {
  @IsOptional() @IsUUID('all') id?: string;
  @ValidateNested() @Type(() => AgentDto) actor!: AgentDto;
  @ValidateNested() @Type(() => VerbDto) verb!: VerbDto;
  @ValidateNested() @Type(() => ActivityDto) object!: ActivityDto;
  @IsOptional() @ValidateNested() @Type(() => ResultDto) result?: ResultDto;
  @IsOptional() @ValidateNested() @Type(() => ContextDto) context?: ContextDto;
  @IsOptional() @IsISO8601({ strict: true }) timestamp?: string;
}
