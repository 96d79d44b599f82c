import { BadRequestException } from '@nestjs/common';
import { Catalogue } from '@lr/catalogue';
import { ANY, CounterSelector, levelSelector, UNKNOWN } from '@lr/learning';

export interface AnalyticsQueryParams {
  readonly qualification?: string;
  readonly level?: string;
  readonly department?: string;
  readonly grade?: string;
  readonly from?: string;
  readonly to?: string;
}

export interface AnalyticsFilter {
  readonly selector: CounterSelector;
  /** Inclusive months (YYYY-MM); absent means all time. */
  readonly from?: string;
  readonly to?: string;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Validates filters against the catalogue and turns them into a counter selector. */
export function parseAnalyticsFilter(
  params: AnalyticsQueryParams,
  storeId: string,
  department: string | undefined,
  catalogue: Catalogue,
): AnalyticsFilter {
  const qualification = qualificationSelector(params, catalogue);
  if (department !== undefined && department !== UNKNOWN && !catalogue.isDepartment(department)) {
    throw new BadRequestException(`unknown department ${department}`);
  }
  const grade = params.grade;
  if (grade !== undefined && grade !== UNKNOWN && !catalogue.isGrade(grade)) {
    throw new BadRequestException(`unknown grade ${grade}`);
  }
  for (const [name, value] of [
    ['from', params.from],
    ['to', params.to],
  ] as const) {
    if (value !== undefined && !MONTH.test(value)) {
      throw new BadRequestException(`${name} must be a month, YYYY-MM`);
    }
  }
  if (params.from && params.to && params.from > params.to) {
    throw new BadRequestException('from must not be after to');
  }
  return {
    selector: { storeId, qualification, department: department ?? ANY, grade: grade ?? ANY },
    ...(params.from ? { from: params.from } : {}),
    ...(params.to ? { to: params.to } : {}),
  };
}

function qualificationSelector(params: AnalyticsQueryParams, catalogue: Catalogue): string {
  const level = params.level === undefined ? undefined : Number(params.level);
  if (level !== undefined && !(Number.isInteger(level) && level >= 2 && level <= 7)) {
    throw new BadRequestException('level must be an RQF level, 2 to 7');
  }
  if (params.qualification !== undefined) {
    const qualification = catalogue.qualification(params.qualification);
    if (!qualification)
      throw new BadRequestException(`unknown qualification ${params.qualification}`);
    if (level !== undefined && qualification.level !== level) {
      throw new BadRequestException(`${qualification.code} is not at level ${level}`);
    }
    return qualification.code;
  }
  return level === undefined ? ANY : levelSelector(level);
}
