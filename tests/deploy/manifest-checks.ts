import {
  acceptedEnv,
  ENTRY_POINTS,
  envValueProblems,
  healthPaths,
  statementPartitionsOf,
  RUNTIME_ENV,
} from './app-env';
import { Manifest, podSpecOf } from './kustomize-build';
import { schemaProblems } from './manifest-schemas';

interface Container {
  name: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: {
    name: string;
    value?: string;
    valueFrom?: Record<string, { name: string; key: string }>;
  }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean };
}

interface Probe {
  httpGet: { path: string; port: string | number };
}

type Labels = Record<string, string>;

/** Names that carry credentials: they must come from a Secret, never a literal or a ConfigMap. */
const SECRET_NAME = /SECRET|TOKEN|PASSWORD|_KEY$|^MONGO_URL$/;
/** The HTTP apps: each must have a workload and a Service. */
const HTTP_APPS = ['lrs-api', 'projector', 'reporting-api', 'accreditation-gateway'];
const PROJECTOR = 'projector';

/**
 * Everything wrong with a set of rendered objects: schema violations, then what no schema can
 * see: selectors and pod labels, probe ports and paths, env keys against the apps' env DTOs,
 * secrets kept out of ConfigMaps, autoscaling targets and bounds. `context` adds objects that are
 * applied separately but referenced (the base's ConfigMaps for a one-off Job).
 */
export function manifestProblems(objects: Manifest[], context: Manifest[] = []): string[] {
  const secrets = objects.filter((o) => o.kind === 'Secret');
  if (secrets.length > 0)
    return secrets.map((o) => `${label(o)}: secrets are referenced, never checked in`);
  const problems = objects.flatMap(schemaProblems);
  if (problems.length > 0) return problems;
  const all = [...objects, ...context];
  const configMaps = new Map(
    all
      .filter((o) => o.kind === 'ConfigMap')
      .map((o) => [o.metadata.name!, o.data as Record<string, string>]),
  );
  for (const object of objects) {
    const pod = podSpecOf(object);
    if (pod) problems.push(...workloadProblems(object, pod, configMaps));
  }
  problems.push(...serviceProblems(objects), ...autoscalingProblems(objects, configMaps));
  return problems;
}

/** The HTTP apps that lack a workload or a Service in a full deployment. */
export function missingApps(objects: Manifest[]): string[] {
  return HTTP_APPS.flatMap((app) => [
    ...(objects.some((o) => isWorkload(o) && o.metadata.name === app)
      ? []
      : [`${app}: no workload`]),
    ...(objects.some((o) => o.kind === 'Service' && o.metadata.name === app)
      ? []
      : [`${app}: no Service`]),
  ]);
}

function workloadProblems(
  object: Manifest,
  pod: Record<string, unknown>,
  configMaps: Map<string, Record<string, string>>,
): string[] {
  const problems: string[] = [];
  const spec = object.spec as {
    selector?: { matchLabels: Labels };
    template: { metadata: { labels: Labels } };
  };
  if (spec.selector && !subset(spec.selector.matchLabels, spec.template.metadata.labels))
    problems.push(`${label(object)}: selector does not match its pod labels`);
  const podSecurity = pod.securityContext as { runAsNonRoot?: boolean; runAsUser?: number };
  if (podSecurity.runAsNonRoot !== true || !podSecurity.runAsUser)
    problems.push(`${label(object)}: pods must run as a non-root user id`);
  for (const container of pod.containers as Container[]) {
    const where = `${label(object)} container ${container.name}`;
    if (container.securityContext?.readOnlyRootFilesystem !== true)
      problems.push(`${where}: root filesystem must be read-only`);
    if (container.securityContext?.allowPrivilegeEscalation !== false)
      problems.push(`${where}: privilege escalation must be off`);
    problems.push(...probeProblems(where, container), ...envProblems(where, container, configMaps));
  }
  return problems;
}

function probeProblems(where: string, container: Container): string[] {
  const problems: string[] = [];
  const paths = healthPaths();
  const expected = {
    startupProbe: paths.live,
    livenessProbe: paths.live,
    readinessProbe: paths.ready,
  };
  for (const [probe, path] of Object.entries(expected) as [keyof typeof expected, string][]) {
    const get = container[probe]?.httpGet;
    if (!get) continue;
    if (get.path !== path) problems.push(`${where}: ${probe} path ${get.path} is not ${path}`);
    const port = (container.ports ?? []).find(
      (p) => p.name === get.port || p.containerPort === get.port,
    );
    if (!port) problems.push(`${where}: ${probe} port ${get.port} is not a container port`);
  }
  return problems;
}

function envProblems(
  where: string,
  container: Container,
  configMaps: Map<string, Record<string, string>>,
): string[] {
  const problems: string[] = [];
  const values: Record<string, string> = {};
  for (const from of container.envFrom ?? []) {
    if (from.secretRef)
      problems.push(`${where}: envFrom a Secret hides which keys it sets; use secretKeyRef`);
    if (!from.configMapRef) continue;
    const data = configMaps.get(from.configMapRef.name);
    if (!data) problems.push(`${where}: no ConfigMap ${from.configMapRef.name}`);
    Object.assign(values, data);
  }
  for (const name of Object.keys(values).filter((key) => SECRET_NAME.test(key)))
    problems.push(`${where}: ${name} comes from a ConfigMap; it belongs in a Secret`);
  for (const variable of container.env ?? []) {
    if (variable.value !== undefined) {
      if (SECRET_NAME.test(variable.name))
        problems.push(`${where}: ${variable.name} is a literal; use a Secret`);
      values[variable.name] = variable.value;
    }
    const configKey = variable.valueFrom?.configMapKeyRef;
    if (configKey && configMaps.get(configKey.name)?.[configKey.key] === undefined)
      problems.push(`${where}: ${variable.name} refers to a missing ConfigMap key`);
    if (SECRET_NAME.test(variable.name) && variable.valueFrom && !variable.valueFrom.secretKeyRef)
      problems.push(`${where}: ${variable.name} must come from a Secret`);
  }
  const entry =
    ENTRY_POINTS[(container.command ?? []).find((arg) => arg.startsWith('dist/')) ?? ''];
  if (!entry) return problems;
  const accepted = acceptedEnv(entry.envClass);
  const names = new Set([...Object.keys(values), ...(container.env ?? []).map((v) => v.name)]);
  for (const name of names) {
    if (!accepted.has(name) && !RUNTIME_ENV.has(name))
      problems.push(`${where}: ${entry.app} does not read ${name}`);
  }
  const appValues = Object.fromEntries(Object.entries(values).filter(([key]) => accepted.has(key)));
  problems.push(...envValueProblems(entry.envClass, appValues).map((p) => `${where}: ${p}`));
  if (entry.portKey) {
    const port = Number(appValues[entry.portKey]);
    if (!(container.ports ?? []).some((p) => p.containerPort === port && p.name === 'http'))
      problems.push(
        `${where}: ${entry.portKey}=${appValues[entry.portKey]} is not its http container port`,
      );
  }
  return problems;
}

function serviceProblems(objects: Manifest[]): string[] {
  const problems: string[] = [];
  for (const object of objects.filter((o) => ['Service', 'PodDisruptionBudget'].includes(o.kind))) {
    const spec = object.spec as {
      selector: Labels | { matchLabels: Labels };
      ports?: { targetPort?: string | number }[];
    };
    const selector =
      'matchLabels' in spec.selector ? (spec.selector.matchLabels as Labels) : spec.selector;
    const targets = objects.filter(
      (o) =>
        isWorkload(o) &&
        subset(
          selector,
          (o.spec as { template: { metadata: { labels: Labels } } }).template.metadata.labels,
        ),
    );
    if (targets.length === 0) {
      problems.push(`${label(object)}: selects no pods`);
      continue;
    }
    for (const { targetPort } of spec.ports ?? []) {
      const ports = targets.flatMap((t) =>
        (podSpecOf(t)!.containers as Container[]).flatMap((c) => c.ports ?? []),
      );
      if (
        targetPort !== undefined &&
        !ports.some((p) => p.name === targetPort || p.containerPort === targetPort)
      )
        problems.push(`${label(object)}: target port ${targetPort} is not a container port`);
    }
  }
  return problems;
}

function autoscalingProblems(
  objects: Manifest[],
  configMaps: Map<string, Record<string, string>>,
): string[] {
  const problems: string[] = [];
  for (const hpa of objects.filter((o) => o.kind === 'HorizontalPodAutoscaler')) {
    const spec = hpa.spec as {
      scaleTargetRef: { kind: string; name: string };
      minReplicas?: number;
      maxReplicas: number;
    };
    const target = objects.find(
      (o) => o.kind === spec.scaleTargetRef.kind && o.metadata.name === spec.scaleTargetRef.name,
    );
    if (!target) {
      problems.push(
        `${label(hpa)}: no ${spec.scaleTargetRef.kind} ${spec.scaleTargetRef.name} to scale`,
      );
      continue;
    }
    if ((spec.minReplicas ?? 1) > spec.maxReplicas)
      problems.push(`${label(hpa)}: minReplicas above maxReplicas`);
    if (target.metadata.name !== PROJECTOR) continue;
    const partitions = statementPartitions(target, configMaps);
    const replicas = (target.spec as { replicas?: number }).replicas ?? 1;
    if (spec.maxReplicas > partitions || replicas > partitions)
      problems.push(
        `${label(hpa)}: up to ${spec.maxReplicas} projectors (${replicas} at start) for ${partitions} statement partitions; members beyond the partitions would idle`,
      );
  }
  return problems;
}

/** KAFKA_STATEMENT_PARTITIONS as the projector's own ConfigMaps set it (the DTO's default else). */
function statementPartitions(
  workload: Manifest,
  configMaps: Map<string, Record<string, string>>,
): number {
  const container = (podSpecOf(workload)!.containers as Container[])[0]!;
  const values = Object.assign(
    {},
    ...(container.envFrom ?? []).map((from) => configMaps.get(from.configMapRef?.name ?? '') ?? {}),
  ) as Record<string, string>;
  return statementPartitionsOf(values);
}

function isWorkload(object: Manifest): boolean {
  return object.kind === 'Deployment' || object.kind === 'StatefulSet';
}

function subset(part: Labels, whole: Labels): boolean {
  return Object.entries(part).every(([key, value]) => whole[key] === value);
}

function label(object: Manifest): string {
  return `${object.kind} ${object.metadata.name ?? object.metadata.generateName}`;
}
