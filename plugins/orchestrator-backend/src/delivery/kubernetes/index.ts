export { KubernetesDeliveryTarget } from './KubernetesDeliveryTarget';
export type { KubernetesDeliveryTargetOptions } from './KubernetesDeliveryTarget';
export { readKubernetesConfig } from './config';
export type {
  KubernetesClusterConfig,
  KubernetesDeliveryConfig,
} from './config';
export { KubernetesDeliveryError } from './errors';
export type { RetryOptions } from './retry';
