import { InputError } from '@backstage/errors';
import { CompositeResourceDefinition } from '@paved/plugin-orchestrator-common';
import Ajv, { ValidateFunction } from 'ajv';
import { KubernetesObject } from './validate';

/**
 * Checks Crossplane claims against the XRDs the platform declares, the way the
 * API server would once Crossplane has installed the claim's CRD.
 */
export class ClaimValidator {
  readonly #validators = new Map<string, ValidateFunction>();

  constructor(xrds: CompositeResourceDefinition[]) {
    // strict: false, because Kubernetes schemas carry x-kubernetes-* keywords.
    const ajv = new Ajv({ allErrors: true, strict: false });
    for (const xrd of xrds) {
      const claimKind = xrd.spec.claimNames?.kind;
      if (!claimKind) continue;
      for (const version of xrd.spec.versions) {
        const schema = version.schema.openAPIV3Schema as {
          properties?: { spec?: object };
        };
        this.#validators.set(
          `${xrd.spec.group}/${version.name}/${claimKind}`,
          ajv.compile(schema.properties?.spec ?? {}),
        );
      }
    }
  }

  /** True when the platform declares an XRD whose claim this object is. */
  knows(object: KubernetesObject): boolean {
    return this.#validators.has(`${object.apiVersion}/${object.kind}`);
  }

  /** Throws naming who rendered the claim and every invalid field. */
  validate(object: KubernetesObject, renderedBy: string): void {
    const validate = this.#validators.get(
      `${object.apiVersion}/${object.kind}`,
    );
    if (!validate || validate(object.spec)) return;
    const problems = (validate.errors ?? []).map(error => {
      const field = `spec${error.instancePath.replace(/\//g, '.')}`;
      const extra = error.params as {
        additionalProperty?: string;
        allowedValues?: unknown[];
      };
      if (extra.additionalProperty)
        return `${field}: unknown field "${extra.additionalProperty}"`;
      if (extra.allowedValues)
        return `${field}: ${error.message} (${extra.allowedValues.join(', ')})`;
      return `${field}: ${error.message}`;
    });
    throw new InputError(
      `${renderedBy} rendered an invalid ${object.kind} "${
        object.metadata.name
      }": ${problems.join('; ')}`,
    );
  }
}
