import { ResourceRenderer } from '../resources';
import { readParams } from './params';

/**
 * A host name in the environment's domain: `<params.subdomain or workload>.<domain>`.
 * Nothing is rendered: the environment's wildcard record and ExternalDNS serve it.
 */
export const dnsRenderer: ResourceRenderer = {
  name: 'dns',
  render(context) {
    const { subdomain } = readParams(context, { subdomain: 'string' });
    const host = `${subdomain ?? context.workload.metadata.name}.${
      context.environment.spec.domain
    }`;
    return { objects: [], outputs: { host: { kind: 'text', value: host } } };
  },
};
