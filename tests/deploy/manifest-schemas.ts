import Ajv, { ValidateFunction } from 'ajv';
import { Manifest } from './kustomize-build';

/*
 * JSON schemas for the kinds deploy/k8s uses, written from the Kubernetes API reference for the
 * fields used here. Objects that list their fields refuse unknown ones, so a misspelt key
 * (`livenesProbe`) fails instead of being silently ignored by the API server.
 */

const NAME = { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', maxLength: 63 };
const LABELS = { type: 'object', additionalProperties: { type: 'string' } };
const QUANTITY_CPU = { type: 'string', pattern: '^([0-9]+m|[0-9]+(\\.[0-9]+)?)$' };
const QUANTITY_MEMORY = { type: 'string', pattern: '^[0-9]+(Ki|Mi|Gi)$' };
const PORT_NUMBER = { type: 'integer', minimum: 1, maximum: 65535 };
const PORT_REF = { oneOf: [PORT_NUMBER, { type: 'string', pattern: '^[a-z0-9-]{1,15}$' }] };
const COUNT_OR_SHARE = {
  oneOf: [
    { type: 'integer', minimum: 0 },
    { type: 'string', pattern: '^[0-9]{1,3}%$' },
  ],
};
const SELECTOR = {
  type: 'object',
  required: ['matchLabels'],
  additionalProperties: false,
  properties: { matchLabels: LABELS },
};

const METADATA = {
  type: 'object',
  anyOf: [{ required: ['name'] }, { required: ['generateName'] }],
  additionalProperties: false,
  properties: {
    name: NAME,
    generateName: { type: 'string', pattern: '^[a-z0-9][-a-z0-9]*-$' },
    namespace: NAME,
    labels: LABELS,
    annotations: LABELS,
  },
};

const PROBE = {
  type: 'object',
  required: ['httpGet'],
  additionalProperties: false,
  properties: {
    httpGet: {
      type: 'object',
      required: ['path', 'port'],
      additionalProperties: false,
      properties: { path: { type: 'string', pattern: '^/' }, port: PORT_REF },
    },
    initialDelaySeconds: { type: 'integer', minimum: 0 },
    periodSeconds: { type: 'integer', minimum: 1 },
    timeoutSeconds: { type: 'integer', minimum: 1 },
    failureThreshold: { type: 'integer', minimum: 1 },
    successThreshold: { type: 'integer', minimum: 1 },
  },
};

const KEY_REF = {
  type: 'object',
  required: ['name', 'key'],
  additionalProperties: false,
  properties: { name: NAME, key: { type: 'string' }, optional: { type: 'boolean' } },
};

const ENV_VAR = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  oneOf: [{ required: ['value'] }, { required: ['valueFrom'] }],
  properties: {
    name: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
    value: { type: 'string' },
    valueFrom: {
      type: 'object',
      minProperties: 1,
      maxProperties: 1,
      additionalProperties: false,
      properties: {
        secretKeyRef: KEY_REF,
        configMapKeyRef: KEY_REF,
        fieldRef: {
          type: 'object',
          required: ['fieldPath'],
          additionalProperties: false,
          properties: { fieldPath: { type: 'string' } },
        },
      },
    },
  },
};

const RESOURCE_AMOUNTS = {
  type: 'object',
  required: ['cpu', 'memory'],
  additionalProperties: false,
  properties: { cpu: QUANTITY_CPU, memory: QUANTITY_MEMORY },
};

const CONTAINER = {
  type: 'object',
  required: ['name', 'image', 'resources', 'securityContext'],
  additionalProperties: false,
  properties: {
    name: NAME,
    image: { type: 'string', minLength: 1 },
    imagePullPolicy: { enum: ['Always', 'IfNotPresent', 'Never'] },
    command: { type: 'array', items: { type: 'string' } },
    args: { type: 'array', items: { type: 'string' } },
    ports: {
      type: 'array',
      items: {
        type: 'object',
        required: ['containerPort'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', pattern: '^[a-z0-9-]{1,15}$' },
          containerPort: PORT_NUMBER,
          protocol: { enum: ['TCP', 'UDP', 'SCTP'] },
        },
      },
    },
    env: { type: 'array', items: ENV_VAR },
    envFrom: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        minProperties: 1,
        properties: {
          configMapRef: {
            type: 'object',
            required: ['name'],
            additionalProperties: false,
            properties: { name: NAME },
          },
          secretRef: {
            type: 'object',
            required: ['name'],
            additionalProperties: false,
            properties: { name: NAME },
          },
        },
      },
    },
    resources: {
      type: 'object',
      required: ['requests', 'limits'],
      additionalProperties: false,
      properties: { requests: RESOURCE_AMOUNTS, limits: RESOURCE_AMOUNTS },
    },
    startupProbe: PROBE,
    livenessProbe: PROBE,
    readinessProbe: PROBE,
    lifecycle: {
      type: 'object',
      additionalProperties: false,
      properties: {
        preStop: {
          type: 'object',
          additionalProperties: false,
          properties: {
            exec: {
              type: 'object',
              required: ['command'],
              properties: { command: { type: 'array', items: { type: 'string' } } },
            },
          },
        },
      },
    },
    securityContext: {
      type: 'object',
      additionalProperties: false,
      properties: {
        allowPrivilegeEscalation: { type: 'boolean' },
        readOnlyRootFilesystem: { type: 'boolean' },
        runAsNonRoot: { type: 'boolean' },
        capabilities: {
          type: 'object',
          additionalProperties: false,
          properties: { drop: { type: 'array', items: { type: 'string' } } },
        },
      },
    },
    volumeMounts: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'mountPath'],
        additionalProperties: false,
        properties: {
          name: NAME,
          mountPath: { type: 'string', pattern: '^/' },
          readOnly: { type: 'boolean' },
        },
      },
    },
  },
};

const POD_SPEC = {
  type: 'object',
  required: ['containers', 'securityContext'],
  additionalProperties: false,
  properties: {
    containers: { type: 'array', minItems: 1, items: CONTAINER },
    restartPolicy: { enum: ['Always', 'OnFailure', 'Never'] },
    automountServiceAccountToken: { type: 'boolean' },
    serviceAccountName: NAME,
    terminationGracePeriodSeconds: { type: 'integer', minimum: 0 },
    securityContext: {
      type: 'object',
      additionalProperties: false,
      properties: {
        runAsNonRoot: { type: 'boolean' },
        runAsUser: { type: 'integer', minimum: 0 },
        runAsGroup: { type: 'integer', minimum: 0 },
        fsGroup: { type: 'integer', minimum: 0 },
        seccompProfile: {
          type: 'object',
          required: ['type'],
          properties: { type: { enum: ['RuntimeDefault', 'Localhost', 'Unconfined'] } },
        },
      },
    },
    topologySpreadConstraints: {
      type: 'array',
      items: {
        type: 'object',
        required: ['maxSkew', 'topologyKey', 'whenUnsatisfiable'],
        additionalProperties: false,
        properties: {
          maxSkew: { type: 'integer', minimum: 1 },
          topologyKey: { type: 'string' },
          whenUnsatisfiable: { enum: ['DoNotSchedule', 'ScheduleAnyway'] },
          labelSelector: SELECTOR,
        },
      },
    },
    volumes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'emptyDir'],
        additionalProperties: false,
        properties: {
          name: NAME,
          emptyDir: {
            type: 'object',
            additionalProperties: false,
            properties: { sizeLimit: QUANTITY_MEMORY, medium: { enum: ['', 'Memory'] } },
          },
        },
      },
    },
  },
};

const POD_TEMPLATE = {
  type: 'object',
  required: ['metadata', 'spec'],
  additionalProperties: false,
  properties: {
    metadata: {
      type: 'object',
      required: ['labels'],
      additionalProperties: false,
      properties: { labels: LABELS, annotations: LABELS },
    },
    spec: POD_SPEC,
  },
};

function kind(apiVersion: string, name: string, spec: object, required = ['spec']): object {
  return {
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata', ...required],
    additionalProperties: false,
    properties: {
      apiVersion: { const: apiVersion },
      kind: { const: name },
      metadata: METADATA,
      ...(required.includes('spec') ? { spec } : spec),
    },
  };
}

const WORKLOAD_COMMON = {
  replicas: { type: 'integer', minimum: 0 },
  revisionHistoryLimit: { type: 'integer', minimum: 0 },
  selector: SELECTOR,
  template: POD_TEMPLATE,
};

const SCHEMAS: Record<string, object> = {
  Deployment: kind('apps/v1', 'Deployment', {
    type: 'object',
    required: ['selector', 'template'],
    additionalProperties: false,
    properties: {
      ...WORKLOAD_COMMON,
      strategy: {
        type: 'object',
        properties: {
          type: { enum: ['RollingUpdate', 'Recreate'] },
          rollingUpdate: { type: 'object' },
        },
      },
    },
  }),
  StatefulSet: kind('apps/v1', 'StatefulSet', {
    type: 'object',
    required: ['selector', 'template', 'serviceName'],
    additionalProperties: false,
    properties: {
      ...WORKLOAD_COMMON,
      serviceName: NAME,
      podManagementPolicy: { enum: ['OrderedReady', 'Parallel'] },
      updateStrategy: {
        type: 'object',
        properties: { type: { enum: ['RollingUpdate', 'OnDelete'] } },
      },
    },
  }),
  Job: kind('batch/v1', 'Job', {
    type: 'object',
    required: ['template'],
    additionalProperties: false,
    properties: {
      backoffLimit: { type: 'integer', minimum: 0 },
      ttlSecondsAfterFinished: { type: 'integer', minimum: 0 },
      activeDeadlineSeconds: { type: 'integer', minimum: 1 },
      template: {
        ...POD_TEMPLATE,
        properties: {
          ...POD_TEMPLATE.properties,
          spec: {
            ...POD_SPEC,
            required: [...POD_SPEC.required, 'restartPolicy'],
            properties: {
              ...POD_SPEC.properties,
              restartPolicy: { enum: ['OnFailure', 'Never'] },
            },
          },
        },
      },
    },
  }),
  Service: kind('v1', 'Service', {
    type: 'object',
    required: ['selector', 'ports'],
    additionalProperties: false,
    properties: {
      type: { enum: ['ClusterIP', 'NodePort', 'LoadBalancer'] },
      clusterIP: { type: 'string' },
      selector: LABELS,
      ports: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['port'],
          additionalProperties: false,
          properties: {
            name: NAME,
            port: PORT_NUMBER,
            targetPort: PORT_REF,
            protocol: { enum: ['TCP', 'UDP', 'SCTP'] },
          },
        },
      },
    },
  }),
  HorizontalPodAutoscaler: kind('autoscaling/v2', 'HorizontalPodAutoscaler', {
    type: 'object',
    required: ['scaleTargetRef', 'maxReplicas'],
    additionalProperties: false,
    properties: {
      scaleTargetRef: {
        type: 'object',
        required: ['apiVersion', 'kind', 'name'],
        additionalProperties: false,
        properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, name: NAME },
      },
      minReplicas: { type: 'integer', minimum: 1 },
      maxReplicas: { type: 'integer', minimum: 1 },
      metrics: {
        type: 'array',
        items: {
          type: 'object',
          required: ['type'],
          properties: { type: { enum: ['Resource', 'Pods', 'Object', 'External'] } },
        },
      },
      behavior: { type: 'object' },
    },
  }),
  PodDisruptionBudget: kind('policy/v1', 'PodDisruptionBudget', {
    type: 'object',
    required: ['selector'],
    oneOf: [{ required: ['minAvailable'] }, { required: ['maxUnavailable'] }],
    additionalProperties: false,
    properties: {
      selector: SELECTOR,
      minAvailable: COUNT_OR_SHARE,
      maxUnavailable: COUNT_OR_SHARE,
    },
  }),
  ConfigMap: kind(
    'v1',
    'ConfigMap',
    { data: { type: 'object', additionalProperties: { type: 'string' } } },
    ['data'],
  ),
};

function listOf(required: string[], properties: object): object {
  return {
    type: 'array',
    items: { type: 'object', required, additionalProperties: false, properties },
  };
}

/** The kustomization file itself, for the fields kustomize-build.ts implements. */
export const KUSTOMIZATION_SCHEMA = {
  type: 'object',
  required: ['apiVersion', 'kind'],
  properties: {
    apiVersion: { const: 'kustomize.config.k8s.io/v1beta1' },
    kind: { const: 'Kustomization' },
    resources: { type: 'array', items: { type: 'string' } },
    namespace: NAME,
    configMapGenerator: listOf(['name'], {
      name: NAME,
      behavior: { enum: ['create', 'merge'] },
      literals: { type: 'array', items: { type: 'string', pattern: '^[A-Z_][A-Z0-9_]*=' } },
      envs: { type: 'array', items: { type: 'string' } },
    }),
    patches: listOf(['path'], { path: { type: 'string' } }),
    images: listOf(['name'], {
      name: { type: 'string' },
      newName: { type: 'string' },
      newTag: { type: 'string' },
    }),
  },
};

// Unknown keywords still fail (strictSchema); `required` in oneOf branches needs no type.
const ajv = new Ajv({ allErrors: true, strictTypes: false, strictRequired: false });
const validators = new Map<string, ValidateFunction>(
  Object.entries(SCHEMAS).map(([name, schema]) => [name, ajv.compile(schema)]),
);
const kustomizationValidator = ajv.compile(KUSTOMIZATION_SCHEMA);

/** Schema problems of one object, each naming the object and the path; none when it is valid. */
export function schemaProblems(object: Manifest): string[] {
  const label = `${object.kind} ${object.metadata?.name ?? object.metadata?.generateName}`;
  const validate = validators.get(object.kind);
  if (!validate) return [`${label}: kind ${object.kind} has no schema here`];
  return validate(object)
    ? []
    : (validate.errors ?? []).map((e) => `${label}${e.instancePath}: ${e.message}`);
}

export function kustomizationProblems(raw: unknown, where: string): string[] {
  return kustomizationValidator(raw)
    ? []
    : (kustomizationValidator.errors ?? []).map((e) => `${where}${e.instancePath}: ${e.message}`);
}
