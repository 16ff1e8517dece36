import { InputError } from '@backstage/errors';
import {
  Environment,
  filesByTarget,
  volumesByTarget,
  SCORE_BUILT_IMAGE,
  ScoreContainer,
  ScoreProbe,
  ScoreWorkload,
} from '@paved/plugin-orchestrator-common';
import { expandPlaceholders, ExpandedValue } from '../placeholders';
import { ResourceOutputs, workloadResolver } from '../workload';
import { renderServiceObjects } from './serviceObjects';
import { KubernetesObject, validateKubernetesObject } from './validate';

export interface WorkloadRenderInput {
  workload: ScoreWorkload;
  environment: Environment;
  /** Outputs of the workload's resources, by resource name, once their definitions matched. */
  outputs: Record<string, ResourceOutputs>;
  /** The image this workload's CI built, for containers whose image is ".". */
  builtImage?: string;
}

export interface RenderedWorkload {
  namespace: string;
  objects: KubernetesObject[];
  warnings: string[];
}

/** Annotations on the Score workload that Paved turns into labels on everything it renders. */
export const OWNER_ANNOTATION = 'paved.dev/owner';
export const COST_CENTER_ANNOTATION = 'paved.dev/cost-center';

// Used where a Score container states no resources: guardrails require both.
const DEFAULT_REQUESTS = { cpu: '100m', memory: '128Mi' };
const DEFAULT_LIMITS = { cpu: '500m', memory: '256Mi' };

const sortedEntries = <T>(record: Record<string, T> | undefined) =>
  Object.entries(record ?? {}).sort(([a], [b]) => a.localeCompare(b));

/** Tags as Kubernetes labels: values such as `group:default/payments` are not valid label values. */
export function tagsAsLabels(
  tags: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(tags).map(([key, value]) => [key, labelValue(value)]),
  );
}

function labelValue(value: string): string {
  // Label values: at most 63 of [A-Za-z0-9_.-]; owners are often entity refs like group:payments.
  return value
    .replace(/^[a-z]+:(default\/)?/, '')
    .replace(/[^A-Za-z0-9_.-]/g, '-')
    .slice(0, 63);
}

function probe(p: ScoreProbe | undefined) {
  if (!p) return undefined;
  if (p.httpGet) {
    const { path, port, host, scheme, httpHeaders } = p.httpGet;
    return {
      httpGet: {
        path,
        port,
        ...(host && { host }),
        ...(scheme && { scheme }),
        ...(httpHeaders && {
          httpHeaders: httpHeaders.map(h => ({ name: h.name, value: h.value })),
        }),
      },
    };
  }
  return { exec: { command: p.exec!.command } };
}

/**
 * Renders a Score workload as Kubernetes objects, secure by default: non-root,
 * read-only root filesystem, no capabilities, RuntimeDefault seccomp, requests
 * and limits, and a default-deny network policy. Secrets only ever appear as
 * references. Every object is validated against its Kubernetes schema.
 */
export function renderWorkload(input: WorkloadRenderInput): RenderedWorkload {
  const { workload, environment } = input;
  const name = workload.metadata.name;
  const env = environment.metadata.name;
  const production = environment.spec.type === 'production';
  const namespace = environment.spec.namespace ?? `${name}-${env}`;
  if (namespace.length > 63) {
    throw new InputError(
      `The namespace "${namespace}" for workload "${name}" in environment "${env}" is longer than 63 characters; set spec.namespace on the environment`,
    );
  }
  const warnings: string[] = [];
  const resolve = workloadResolver(workload, input.outputs);
  const expand = (value: string, where: string): ExpandedValue =>
    expandPlaceholders(value, resolve, where);
  const text = (value: string, where: string): string => {
    const expanded = expand(value, where);
    if (expanded.kind === 'secret') {
      throw new InputError(
        `${where}: a secret cannot be used here; only container variables may hold secrets`,
      );
    }
    return expanded.value;
  };

  const annotations = workload.metadata.annotations ?? {};
  const selector = {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/instance': `${name}-${env}`,
  };
  const labels: Record<string, string> = {
    ...selector,
    'app.kubernetes.io/managed-by': 'paved',
    'paved.dev/environment': env,
  };
  for (const [annotation, label] of [
    [OWNER_ANNOTATION, 'paved.dev/owner'],
    [COST_CENTER_ANNOTATION, 'paved.dev/cost-center'],
  ] as const) {
    if (annotations[annotation])
      labels[label] = labelValue(annotations[annotation]);
    else
      warnings.push(
        `metadata.annotations["${annotation}"] is not set; objects carry no ${label} label`,
      );
  }
  const meta = (objectName: string) => ({
    name: objectName,
    namespace,
    labels,
  });

  const plainVariables: Record<string, string> = {};
  const fileData: Record<string, string> = {};
  const fileBinaryData: Record<string, string> = {};
  const volumes: Array<Record<string, unknown>> = [
    { name: 'tmp', emptyDir: {} },
  ];

  const firstContainer = sortedEntries(workload.containers)[0][0];
  const containerPorts = sortedEntries(workload.service?.ports).map(
    ([portName, port]) => ({
      name: portName,
      containerPort: port.targetPort ?? port.port,
      protocol: port.protocol ?? 'TCP',
    }),
  );
  /**
   * A Score volume's source: `${resources.<name>}` (a volume resource, whose
   * `source` output names the claim), or the name of a claim that already exists.
   */
  function volumeClaim(source: string, where: string): string {
    const reference = /^\$\{resources\.([^.}]+)\}$/.exec(source);
    if (!reference) return text(source, where);
    const claim = input.outputs[reference[1]]?.source;
    if (claim?.kind !== 'text') {
      throw new InputError(
        `${where}: \${resources.${reference[1]}} is not a volume resource (it has no "source" output)`,
      );
    }
    return claim.value;
  }

  const containers = sortedEntries(workload.containers).map(
    ([containerName, container]) => renderContainer(containerName, container),
  );

  function renderContainer(containerName: string, container: ScoreContainer) {
    const at = `containers.${containerName}`;
    let image = container.image;
    if (image === SCORE_BUILT_IMAGE) {
      image = input.builtImage ?? `${name}:unbuilt`;
      if (!input.builtImage) {
        warnings.push(
          `${at}.image is "." (the image CI builds) and no built image was given; rendered as "${image}"`,
        );
      }
    }

    const containerEnv: Array<Record<string, unknown>> = [];
    for (const [variable, value] of sortedEntries(container.variables)) {
      const expanded = expand(String(value), `${at}.variables.${variable}`);
      if (expanded.kind === 'secret') {
        containerEnv.push({
          name: variable,
          valueFrom: { secretKeyRef: expanded.secretRef },
        });
      } else {
        const key = `${containerName}.${variable}`;
        plainVariables[key] = expanded.value;
        containerEnv.push({
          name: variable,
          valueFrom: { configMapKeyRef: { name: `${name}-env`, key } },
        });
      }
    }

    const mounts: Array<Record<string, unknown>> = [
      { name: 'tmp', mountPath: '/tmp' },
    ];
    const items: Array<Record<string, unknown>> = [];
    sortedEntries(filesByTarget(container)).forEach(([target, file], index) => {
      const where = `${at}.files["${target}"]`;
      const key = `${containerName}-${index}`;
      if (file.source !== undefined) {
        throw new InputError(
          `${where}.source: read the file first (inlineFileSources); the renderer only sees content`,
        );
      }
      if (file.binaryContent !== undefined) {
        fileBinaryData[key] = file.binaryContent;
      } else {
        const content = String(file.content ?? '');
        fileData[key] = file.noExpand
          ? content
          : text(content, `${where}.content`);
      }
      items.push({
        key,
        path: key,
        ...(file.mode && { mode: parseInt(file.mode, 8) }),
      });
      mounts.push({
        name: `${containerName}-files`,
        mountPath: target,
        subPath: key,
        readOnly: true,
      });
    });
    if (items.length > 0) {
      volumes.push({
        name: `${containerName}-files`,
        configMap: { name: `${name}-files`, items },
      });
    }
    sortedEntries(volumesByTarget(container)).forEach(
      ([target, volume], index) => {
        const volumeName = `${containerName}-volume-${index}`;
        volumes.push({
          name: volumeName,
          persistentVolumeClaim: {
            claimName: volumeClaim(
              volume.source,
              `${at}.volumes["${target}"].source`,
            ),
          },
        });
        mounts.push({
          name: volumeName,
          mountPath: target,
          ...(volume.path && { subPath: volume.path.replace(/^\/+/, '') }),
          readOnly: volume.readOnly ?? false,
        });
      },
    );

    const requests =
      container.resources?.requests ??
      container.resources?.limits ??
      DEFAULT_REQUESTS;
    const limits =
      container.resources?.limits ??
      container.resources?.requests ??
      DEFAULT_LIMITS;
    return {
      name: containerName,
      image,
      ...(container.command && {
        command: container.command.map((c, i) =>
          text(c, `${at}.command[${i}]`),
        ),
      }),
      ...(container.args && {
        args: container.args.map((a, i) => text(a, `${at}.args[${i}]`)),
      }),
      ...(containerEnv.length > 0 && { env: containerEnv }),
      // Score does not say which container serves the service's ports: the first one (by name) declares them.
      ...(containerName === firstContainer &&
        containerPorts.length > 0 && { ports: containerPorts }),
      resources: { requests, limits },
      ...(container.livenessProbe && {
        livenessProbe: probe(container.livenessProbe),
      }),
      ...(container.readinessProbe && {
        readinessProbe: probe(container.readinessProbe),
      }),
      securityContext: {
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        capabilities: { drop: ['ALL'] },
      },
      volumeMounts: mounts,
    };
  }

  const objects: KubernetesObject[] = [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      // The environment type lets admission policy bindings select namespaces by it.
      metadata: {
        name: namespace,
        labels: {
          ...labels,
          'paved.dev/environment-type': environment.spec.type,
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: meta(name),
      automountServiceAccountToken: false,
    },
  ];
  if (Object.keys(plainVariables).length > 0) {
    objects.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta(`${name}-env`),
      data: plainVariables,
    });
  }
  if (Object.keys(fileData).length + Object.keys(fileBinaryData).length > 0) {
    objects.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta(`${name}-files`),
      ...(Object.keys(fileData).length > 0 && { data: fileData }),
      ...(Object.keys(fileBinaryData).length > 0 && {
        binaryData: fileBinaryData,
      }),
    });
  }
  objects.push({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(name),
    spec: {
      // Production replicas belong to the autoscaler below.
      ...(!production && { replicas: 1 }),
      selector: { matchLabels: selector },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: name,
          automountServiceAccountToken: false,
          securityContext: {
            runAsNonRoot: true,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers,
          volumes,
        },
      },
    },
  });

  objects.push(
    ...renderServiceObjects({
      name,
      meta,
      selector,
      production,
      servicePorts: sortedEntries(workload.service?.ports),
      outputs: input.outputs,
    }),
  );

  for (const object of objects) {
    validateKubernetesObject(object, `workload "${name}"`);
  }
  return { namespace, objects, warnings };
}
