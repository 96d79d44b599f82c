import { getMetadataStorage } from 'class-validator';
import { KafkaEnv, validateEnv } from '@lr/config';
import { HealthController } from '../../libs/health/src/health.controller';
import { GatewayEnv } from '../../apps/accreditation-gateway/src/config/gateway.env';
import { LrsApiEnv } from '../../apps/lrs-api/src/config/lrs-api.env';
import { ProjectorEnv } from '../../apps/projector/src/config/projector.env';
import { ReportingApiEnv } from '../../apps/reporting-api/src/config/reporting-api.env';

type EnvClass = new () => object;

export interface AppEntry {
  readonly app: string;
  readonly envClass: EnvClass;
  /** The env key of its HTTP port; a CLI entry serves none. */
  readonly portKey?: string;
}

/** Entry points of the built image (see Dockerfile) and the env DTO each validates at boot. */
export const ENTRY_POINTS: Record<string, AppEntry> = {
  'dist/apps/lrs-api/src/main.js': { app: 'lrs-api', envClass: LrsApiEnv, portKey: 'LRS_PORT' },
  'dist/apps/projector/src/main.js': {
    app: 'projector',
    envClass: ProjectorEnv,
    portKey: 'PROJECTOR_PORT',
  },
  'dist/apps/projector/src/cli/rebuild.js': { app: 'rebuild', envClass: ProjectorEnv },
  'dist/apps/reporting-api/src/main.js': {
    app: 'reporting-api',
    envClass: ReportingApiEnv,
    portKey: 'REPORTING_PORT',
  },
  'dist/apps/accreditation-gateway/src/main.js': {
    app: 'accreditation-gateway',
    envClass: GatewayEnv,
    portKey: 'GATEWAY_PORT',
  },
};

/** Read by Node itself rather than the app (heap size in line with the memory limit). */
export const RUNTIME_ENV = new Set(['NODE_OPTIONS']);

/** Every key the DTO declares a rule for, its base classes' included. */
export function acceptedEnv(envClass: EnvClass): Set<string> {
  return new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(envClass, '', true, false)
      .map((rule) => rule.propertyName),
  );
}

/** The DTO's own verdict on the values a manifest sets; none when it would boot. */
export function envValueProblems(envClass: EnvClass, values: Record<string, string>): string[] {
  try {
    validateEnv(envClass, values);
    return [];
  } catch (error) {
    return [...((error as { problems?: string[] }).problems ?? [String(error)])];
  }
}

/**
 * KAFKA_STATEMENT_PARTITIONS as the app reads it from these values (its default when unset);
 * NaN when the value is invalid, which envValueProblems reports.
 */
export function statementPartitionsOf(values: Record<string, string>): number {
  const only = { KAFKA_STATEMENT_PARTITIONS: values.KAFKA_STATEMENT_PARTITIONS ?? '' };
  try {
    return validateEnv(KafkaEnv, only).KAFKA_STATEMENT_PARTITIONS;
  } catch {
    return Number.NaN;
  }
}

/** The routes the health controller really serves, e.g. /health/live. */
export function healthPaths(): { live: string; ready: string } {
  const base = Reflect.getMetadata('path', HealthController) as string;
  const route = (method: keyof HealthController) =>
    `/${base}/${Reflect.getMetadata('path', HealthController.prototype[method]) as string}`;
  return { live: route('live'), ready: route('ready') };
}
