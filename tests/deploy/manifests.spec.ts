import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { K8S_DIR, kustomizeBuild, Manifest, readManifests } from './kustomize-build';
import { missingApps, manifestProblems } from './manifest-checks';
import { kustomizationProblems } from './manifest-schemas';

const BASE = join(K8S_DIR, 'base');
const OVERLAY = join(K8S_DIR, 'overlays', 'example');
const JOBS = join(K8S_DIR, 'jobs');

/**
 * The Kubernetes manifests in deploy/k8s, checked without a cluster or kubectl: every kind
 * against a JSON schema, then against the code (env DTOs, health routes, partition count).
 */
describe('deploy/k8s manifests', () => {
  it.each([
    ['base', BASE],
    ['example overlay', OVERLAY],
  ])('the %s kustomization is well formed', (_name, dir) => {
    const raw: unknown = parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8'));
    expect(kustomizationProblems(raw, dir)).toEqual([]);
  });

  it('the base renders every app, valid and consistent with the code', () => {
    const objects = kustomizeBuild(BASE);
    expect(manifestProblems(objects)).toEqual([]);
    expect(missingApps(objects)).toEqual([]);
    expect(kindsOf(objects)).toEqual([
      'ConfigMap accreditation-gateway',
      'ConfigMap learning-records-common',
      'ConfigMap lrs-api',
      'ConfigMap projector',
      'ConfigMap reporting-api',
      'Deployment accreditation-gateway',
      'Deployment lrs-api',
      'Deployment reporting-api',
      'HorizontalPodAutoscaler lrs-api',
      'HorizontalPodAutoscaler projector',
      'Job kafka-topics',
      'PodDisruptionBudget accreditation-gateway',
      'PodDisruptionBudget lrs-api',
      'PodDisruptionBudget projector',
      'PodDisruptionBudget reporting-api',
      'Service accreditation-gateway',
      'Service lrs-api',
      'Service projector',
      'Service reporting-api',
      'StatefulSet projector',
    ]);
  });

  it('the example overlay renders valid objects with its own brokers, partitions and bounds', () => {
    const objects = kustomizeBuild(OVERLAY);
    expect(manifestProblems(objects)).toEqual([]);
    const common = find(objects, 'ConfigMap', 'learning-records-common').data as Record<
      string,
      string
    >;
    expect(common.KAFKA_STATEMENT_PARTITIONS).toBe('12');
    expect(common.MONGO_DATABASE).toBe('learning_records');
    expect((find(objects, 'HorizontalPodAutoscaler', 'projector').spec as Hpa).maxReplicas).toBe(
      12,
    );
    expect(objects.every((o) => o.metadata.namespace === 'learning-records')).toBe(true);
    expect(containerOf(find(objects, 'Deployment', 'lrs-api')).image).toBe(
      'registry.example.gov.uk/odp/learning-records:0.1.0',
    );
  });

  it('the one-off jobs are valid against the base configuration', () => {
    const configMaps = kustomizeBuild(BASE).filter((o) => o.kind === 'ConfigMap');
    const files = readdirSync(JOBS).filter((file) => file.endsWith('.yaml'));
    expect(files).toContain('rebuild-learning-read-models.yaml');
    for (const file of files) {
      expect(manifestProblems(readManifests(join(JOBS, file)), configMaps)).toEqual([]);
    }
  });

  describe('catches what a cluster would refuse or the apps would not read', () => {
    const broken = (change: (objects: Manifest[]) => void): string[] => {
      const objects = kustomizeBuild(BASE);
      change(objects);
      return manifestProblems(objects);
    };

    it('a misspelt field', () => {
      const problems = broken((objects) => {
        const container = containerOf(find(objects, 'Deployment', 'lrs-api'));
        container.livenesProbe = container.livenessProbe;
      });
      expect(problems.join('\n')).toContain('must NOT have additional properties');
    });

    it('an env key the app does not read, and a value its DTO refuses', () => {
      const problems = broken((objects) => {
        const config = find(objects, 'ConfigMap', 'projector').data as Record<string, string>;
        config.PROJECTOR_THREADS = '4';
        config.PROJECTOR_CONCURRENCY = '0';
      });
      expect(problems).toContain(
        'StatefulSet projector container projector: projector does not read PROJECTOR_THREADS',
      );
      expect(problems.join('\n')).toContain(
        'PROJECTOR_CONCURRENCY: PROJECTOR_CONCURRENCY must not be less than 1',
      );
    });

    it('a Secret with its values in the repository', () => {
      const problems = broken((objects) => {
        objects.push({
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: 'learning-records-mongodb' },
          stringData: { url: 'mongodb://user:password@mongo:27017' },
        });
      });
      expect(problems).toEqual([
        'Secret learning-records-mongodb: secrets are referenced, never checked in',
      ]);
    });

    it('a credential in a ConfigMap', () => {
      const problems = broken((objects) => {
        const config = find(objects, 'ConfigMap', 'accreditation-gateway').data as Record<
          string,
          string
        >;
        config.CMI_SECRET = 'not-in-a-configmap-please';
      });
      expect(problems).toContain(
        'Deployment accreditation-gateway container accreditation-gateway: CMI_SECRET comes from a ConfigMap; it belongs in a Secret',
      );
    });

    it('probes on a path the health controller does not serve or a port not exposed', () => {
      const problems = broken((objects) => {
        const container = containerOf(find(objects, 'Deployment', 'reporting-api'));
        container.readinessProbe = { httpGet: { path: '/healthz', port: 'metrics' } };
      });
      expect(problems).toEqual([
        'Deployment reporting-api container reporting-api: readinessProbe path /healthz is not /health/ready',
        'Deployment reporting-api container reporting-api: readinessProbe port metrics is not a container port',
      ]);
    });

    it('more projectors than statement partitions', () => {
      const problems = broken((objects) => {
        (
          find(objects, 'ConfigMap', 'learning-records-common').data as Record<string, string>
        ).KAFKA_STATEMENT_PARTITIONS = '4';
      });
      expect(problems).toEqual([
        'HorizontalPodAutoscaler projector: up to 6 projectors (2 at start) for 4 statement partitions; members beyond the partitions would idle',
      ]);
    });

    it('a selector that matches no pods and an autoscaler without a target', () => {
      const problems = broken((objects) => {
        (
          find(objects, 'Service', 'lrs-api').spec as { selector: Record<string, string> }
        ).selector = { 'app.kubernetes.io/name': 'lrs' };
        (find(objects, 'HorizontalPodAutoscaler', 'lrs-api').spec as Hpa).scaleTargetRef.name =
          'lrs';
      });
      expect(problems).toEqual([
        'Service lrs-api: selects no pods',
        'HorizontalPodAutoscaler lrs-api: no Deployment lrs to scale',
      ]);
    });

    it('a container that may write its root filesystem or run as root', () => {
      const problems = broken((objects) => {
        const deployment = find(objects, 'Deployment', 'lrs-api');
        containerOf(deployment).securityContext = { allowPrivilegeEscalation: false };
        podOf(deployment).securityContext = {};
      });
      expect(problems).toEqual([
        'Deployment lrs-api: pods must run as a non-root user id',
        'Deployment lrs-api container lrs-api: root filesystem must be read-only',
      ]);
    });
  });
});

interface Hpa {
  maxReplicas: number;
  scaleTargetRef: { name: string };
}

function kindsOf(objects: Manifest[]): string[] {
  return objects.map((o) => `${o.kind} ${o.metadata.name}`).sort();
}

function find(objects: Manifest[], kind: string, name: string): Manifest {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
}

function podOf(workload: Manifest): Record<string, unknown> {
  return (workload.spec as { template: { spec: Record<string, unknown> } }).template.spec;
}

function containerOf(workload: Manifest): Record<string, unknown> {
  return (podOf(workload).containers as Record<string, unknown>[])[0]!;
}
