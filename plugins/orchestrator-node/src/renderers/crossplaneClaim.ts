import { tagsAsLabels } from '../kubernetes/workload';
import { InputError } from '@backstage/errors';
import { KubernetesObject } from '../kubernetes/validate';
import { resolveDefinitionOutputs, ResourceRenderer } from '../resources';

export function isPlainObject(
  value: unknown,
): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Renders a Crossplane claim of the composite resource the platform defines
 * (`config.apiVersion`/`config.kind`), so cloud resources deliver through the
 * same GitOps and Kubernetes path as the workload. The definition's
 * `config.parameters` are the platform's baked-in defaults; a workload may set
 * only the parameters listed in `config.overridableParams`. The claim writes its
 * connection details to a Secret, which outputs reference as `${claim.secret}`.
 */
export const crossplaneClaimRenderer: ResourceRenderer = {
  name: 'crossplane-claim',
  render(context) {
    const { definition, name, resource, namespace, tags } = context;
    const config = definition.spec.renderer.config;
    const at = `resource definition "${definition.metadata.name}" renderer.config`;
    for (const key of ['apiVersion', 'kind'] as const) {
      if (typeof config[key] !== 'string')
        throw new InputError(`${at}.${key} must be a string`);
    }
    const defaults = isPlainObject(config.parameters) ? config.parameters : {};
    const overridable = Array.isArray(config.overridableParams)
      ? (config.overridableParams as string[])
      : [];
    const params = resource.params ?? {};
    const refused = Object.keys(params)
      .filter(key => !overridable.includes(key))
      .sort();
    if (refused.length > 0) {
      throw new InputError(
        `resources.${name}.params: ${refused
          .map(k => `"${k}"`)
          .join(', ')} cannot be set for ${resource.type} in environment "${
          context.environment.metadata.name
        }"; settable: ${overridable.join(', ') || 'none'}`,
      );
    }
    const claimName = resource.id
      ? resource.id.replace(/\./g, '-')
      : `${context.workload.metadata.name}-${name}`;
    const secret = `${claimName}-connection`;
    const claim: KubernetesObject = {
      apiVersion: config.apiVersion as string,
      kind: config.kind as string,
      metadata: { name: claimName, namespace, labels: tagsAsLabels(tags) },
      spec: {
        parameters: { ...defaults, ...params, tags },
        ...(isPlainObject(config.compositionSelector) && {
          compositionSelector: { matchLabels: config.compositionSelector },
        }),
        writeConnectionSecretToRef: { name: secret },
      },
    };
    return {
      objects: [claim],
      outputs: resolveDefinitionOutputs(definition, {
        'claim.name': claimName,
        'claim.namespace': namespace,
        'claim.secret': secret,
      }),
    };
  },
};
