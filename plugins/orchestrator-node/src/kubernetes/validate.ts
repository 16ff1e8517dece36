import { InputError } from '@backstage/errors';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import {
  ConfigMap,
  Namespace,
  PersistentVolumeClaim,
  Service,
  ServiceAccount,
} from 'kubernetes-models/v1';

/** The shape every rendered Kubernetes object has. */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
  [key: string]: unknown;
}

type Model = new (data: any) => { validate(): void };

// The kinds Paved renders, checked against the Kubernetes OpenAPI schemas that
// kubernetes-models is generated from.
const MODELS: Record<string, Model> = {
  'v1/Namespace': Namespace,
  'v1/ServiceAccount': ServiceAccount,
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'apps/v1/Deployment': Deployment,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'networking.k8s.io/v1/Ingress': Ingress,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

/** True for the Kubernetes kinds whose schemas Paved carries. */
export function isKnownKubernetesKind(object: KubernetesObject): boolean {
  return `${object.apiVersion}/${object.kind}` in MODELS;
}

/** `data/spec/template/spec/containers/0/ports/0` -> `spec.template.spec.containers[0].ports[0]` */
function toFieldPath(message: string): string {
  return message
    .replace(/(?:^|\s)data((?:\/[^\s/]+)*)/g, (_all, path: string) => {
      const dotted = path
        .split('/')
        .filter(Boolean)
        .map(part => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
        .join('');
      return ` ${dotted.replace(/^\./, '') || '(root)'}`;
    })
    .trim();
}

/**
 * Checks a rendered object against its Kubernetes schema. An object that would
 * not be accepted by the API server fails here, naming who rendered it and the field.
 *
 * @param renderedBy - e.g. `workload "checkout"` or `resource definition "postgres-managed"`
 */
export function validateKubernetesObject(
  object: KubernetesObject,
  renderedBy: string,
): void {
  const Model = MODELS[`${object.apiVersion}/${object.kind}`];
  const name = `${object.kind} "${object.metadata?.name}"`;
  if (!Model) {
    throw new InputError(
      `${renderedBy} rendered ${name} of ${
        object.apiVersion
      }, which Paved cannot validate; known kinds: ${Object.keys(MODELS).join(
        ', ',
      )}`,
    );
  }
  try {
    new Model(object).validate();
  } catch (error) {
    throw new InputError(
      `${renderedBy} rendered an invalid ${name}: ${toFieldPath(
        (error as Error).message,
      )}`,
    );
  }
}
