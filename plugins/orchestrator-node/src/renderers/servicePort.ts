import { ResourceRenderer } from '../resources';
import { readParams } from './params';

/**
 * One workload reaching another's service port in the same environment:
 * `params.workload` and `params.port` give its in-cluster host name and URL.
 */
export const servicePortRenderer: ResourceRenderer = {
  name: 'service-port',
  render(context) {
    const { workload: target, port } = readParams(
      context,
      { workload: 'string', port: 'number' },
      ['workload', 'port'],
    );
    const env = context.environment;
    const host = `${target}.${
      env.spec.namespace ?? `${target}-${env.metadata.name}`
    }.svc.cluster.local`;
    return {
      objects: [],
      outputs: {
        hostname: { kind: 'text', value: host },
        port: { kind: 'text', value: String(port) },
        url: { kind: 'text', value: `http://${host}:${port}` },
      },
    };
  },
};
