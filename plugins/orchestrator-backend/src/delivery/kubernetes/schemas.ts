import {
  ValidatingAdmissionPolicy,
  ValidatingAdmissionPolicyBinding,
} from 'kubernetes-models/admissionregistration.k8s.io/v1';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import {
  ConfigMap,
  Namespace,
  PersistentVolumeClaim,
  Secret,
  Service,
  ServiceAccount,
} from 'kubernetes-models/v1';

type Model = new (data: any) => { validate(): void };

// The built-in kinds Paved renders, checked against the Kubernetes OpenAPI
// schemas kubernetes-models is generated from.
const MODELS: Record<string, Model> = {
  'v1/Namespace': Namespace,
  'v1/ServiceAccount': ServiceAccount,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'networking.k8s.io/v1/Ingress': Ingress,
  'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy':
    ValidatingAdmissionPolicy,
  'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding':
    ValidatingAdmissionPolicyBinding,
};

export interface SchemaViolation {
  /** `spec.replicas`, `spec.template.spec.containers[0]` */
  field: string;
  message: string;
}

export function hasSchema(apiVersion: string, kind: string): boolean {
  return `${apiVersion}/${kind}` in MODELS;
}

interface AjvError {
  instancePath?: string;
  message?: string;
}

/** `/spec/template/spec/containers/0` -> `spec.template.spec.containers[0]` */
function fieldOf(instancePath: string): string {
  return (
    instancePath
      .split('/')
      .filter(Boolean)
      .map(part => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
      .join('')
      .replace(/^\./, '') || '(root)'
  );
}

/**
 * What the object's schema rejects; empty when valid or when Paved carries
 * no schema for the kind (custom resources are checked by their CRD, in the
 * cluster).
 */
export function schemaViolations(object: {
  apiVersion: string;
  kind: string;
}): SchemaViolation[] {
  const Model = MODELS[`${object.apiVersion}/${object.kind}`];
  if (!Model) return [];
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    const errors = (error as { errors?: AjvError[] }).errors;
    if (!Array.isArray(errors) || errors.length === 0) {
      return [{ field: '(root)', message: String(error) }];
    }
    return errors.map(e => ({
      field: fieldOf(e.instancePath ?? ''),
      message: e.message ?? 'is invalid',
    }));
  }
}
