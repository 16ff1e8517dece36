import { tagsAsLabels } from '../kubernetes/workload';
import {
  KubernetesObject,
  validateKubernetesObject,
} from '../kubernetes/validate';
import { ResourceRenderer } from '../resources';
import { readParams } from './params';

/**
 * A persistent volume for the workload: a PersistentVolumeClaim of
 * `params.size` (default `config.size`, else 1Gi) in the definition's
 * `config.storageClassName`. Its `source` output is what Score volumes mount
 * through `source: ${resources.<name>}`.
 */
export const volumeRenderer: ResourceRenderer = {
  name: 'volume',
  render(context) {
    const { size } = readParams(context, { size: 'string' });
    const config = context.definition.spec.renderer.config;
    const name = `${context.workload.metadata.name}-${context.name}`;
    const claim: KubernetesObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name,
        namespace: context.namespace,
        labels: tagsAsLabels(context.tags),
      },
      spec: {
        accessModes: ['ReadWriteOnce'],
        ...(typeof config.storageClassName === 'string' && {
          storageClassName: config.storageClassName,
        }),
        resources: {
          requests: { storage: size ?? String(config.size ?? '1Gi') },
        },
      },
    };
    validateKubernetesObject(
      claim,
      `resource definition "${context.definition.metadata.name}"`,
    );
    return {
      objects: [claim],
      outputs: { source: { kind: 'text', value: name } },
    };
  },
};
