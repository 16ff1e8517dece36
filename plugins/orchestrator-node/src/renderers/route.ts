import { tagsAsLabels } from '../kubernetes/workload';
import { InputError } from '@backstage/errors';
import {
  KubernetesObject,
  validateKubernetesObject,
} from '../kubernetes/validate';
import { ResourceRenderer } from '../resources';
import { readParams } from './params';

/**
 * An HTTP route to the workload's service, with TLS from cert-manager: an
 * Ingress for `params.host` (default `<workload>.<environment domain>`),
 * `params.path` (default `/`) and `params.port` (the service port).
 * Definition config: `ingressClassName`, `clusterIssuer`.
 */
export const routeRenderer: ResourceRenderer = {
  name: 'route',
  render(context) {
    const { workload, environment, namespace, tags, definition } = context;
    const params = readParams(context, {
      host: 'string',
      path: 'string',
      port: 'number',
    });
    const config = definition.spec.renderer.config;
    const servicePorts = Object.values(workload.service?.ports ?? {}).map(
      p => p.port,
    );
    const port = params.port ?? servicePorts[0];
    if (port === undefined || !servicePorts.includes(port)) {
      throw new InputError(
        `resources.${
          context.name
        }: a route needs a service port of the workload; ${
          port === undefined
            ? 'the workload has none'
            : `${port} is not one of ${servicePorts.join(', ')}`
        }`,
      );
    }
    const host =
      params.host ?? `${workload.metadata.name}.${environment.spec.domain}`;
    const path = params.path ?? '/';
    if (!path.startsWith('/')) {
      throw new InputError(
        `resources.${context.name}.params.path must start with "/", got "${path}"`,
      );
    }
    const name = `${workload.metadata.name}-${context.name}`;
    const ingress: KubernetesObject = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        name,
        namespace,
        labels: tagsAsLabels(tags),
        annotations: {
          'cert-manager.io/cluster-issuer': String(
            config.clusterIssuer ?? 'letsencrypt',
          ),
        },
      },
      spec: {
        ingressClassName: String(config.ingressClassName ?? 'nginx'),
        tls: [{ hosts: [host], secretName: `${name}-tls` }],
        rules: [
          {
            host,
            http: {
              paths: [
                {
                  path,
                  pathType: 'Prefix',
                  backend: {
                    service: {
                      name: workload.metadata.name,
                      port: { number: port },
                    },
                  },
                },
              ],
            },
          },
        ],
      },
    };
    validateKubernetesObject(
      ingress,
      `resource definition "${definition.metadata.name}"`,
    );
    return {
      objects: [ingress],
      outputs: {
        host: { kind: 'text', value: host },
        path: { kind: 'text', value: path },
        url: {
          kind: 'text',
          value: `https://${host}${path === '/' ? '' : path}`,
        },
      },
    };
  },
};
