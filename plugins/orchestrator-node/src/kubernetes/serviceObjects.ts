import { ScoreServicePort } from '@paved/plugin-orchestrator-common';
import { ResourceOutputs } from '../workload';
import { KubernetesObject } from './validate';

/** What the objects around a workload's pods need to know about it. */
export interface ServiceObjectsInput {
  name: string;
  meta: (objectName: string) => KubernetesObject['metadata'];
  selector: Record<string, string>;
  production: boolean;
  /** The workload's service ports, sorted by name. */
  servicePorts: Array<[string, ScoreServicePort]>;
  outputs: Record<string, ResourceOutputs>;
}

/**
 * The Service, the network policies (default deny; the service's ports in;
 * DNS, the namespace and the resources' ports out) and, in production, the
 * autoscaler and disruption budget.
 */
export function renderServiceObjects(
  input: ServiceObjectsInput,
): KubernetesObject[] {
  const { name, meta, selector, production, servicePorts, outputs } = input;
  const objects: KubernetesObject[] = [];
  const resourcePorts = [
    ...new Set(
      Object.values(outputs)
        .map(resource => resource.port)
        .filter(port => port?.kind === 'text' && /^\d+$/.test(port.value))
        .map(port => Number((port as { value: string }).value)),
    ),
  ].sort((a, b) => a - b);
  if (servicePorts.length > 0) {
    objects.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(name),
      spec: {
        type: 'ClusterIP',
        selector,
        ports: servicePorts.map(([portName, port]) => ({
          name: portName,
          port: port.port,
          targetPort: port.targetPort ?? port.port,
          protocol: port.protocol ?? 'TCP',
        })),
      },
    });
  }

  objects.push(
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta(`${name}-default-deny`),
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta(name),
      spec: {
        podSelector: { matchLabels: selector },
        policyTypes: ['Ingress', 'Egress'],
        ingress: servicePorts.length
          ? [
              {
                ports: servicePorts.map(([, p]) => ({
                  port: p.targetPort ?? p.port,
                  protocol: p.protocol ?? 'TCP',
                })),
              },
            ]
          : [],
        egress: [
          // Name resolution, and what runs beside the workload in its namespace (its in-cluster resources).
          {
            to: [
              {
                namespaceSelector: {},
                podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
              },
            ],
            ports: [
              { port: 53, protocol: 'UDP' },
              { port: 53, protocol: 'TCP' },
            ],
          },
          { to: [{ podSelector: {} }] },
          // The workload's resources, wherever they run, on the ports they announce.
          ...resourcePorts.map(port => ({
            ports: [{ port, protocol: 'TCP' }],
          })),
        ],
      },
    },
  );

  if (production) {
    objects.push(
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: meta(name),
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
          minReplicas: 2,
          maxReplicas: 10,
          metrics: [
            {
              type: 'Resource',
              resource: {
                name: 'cpu',
                target: { type: 'Utilization', averageUtilization: 70 },
              },
            },
          ],
        },
      },
      {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: meta(name),
        spec: { minAvailable: 1, selector: { matchLabels: selector } },
      },
    );
  }

  return objects;
}
