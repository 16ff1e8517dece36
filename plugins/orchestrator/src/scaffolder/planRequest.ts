import type { JsonObject } from '@backstage/types';
import type { PlanRequest } from '../api';

/** What a template author writes under the field's ui:options. */
export interface PlanFieldOptions {
  /** The environment to plan for, e.g. `development` or `${{ parameters.environment }}`. */
  environment?: string;
  /** The template's own score.yaml, e.g. `./skeleton/score.yaml`, filled with the form's values. */
  templatePath?: string;
  /** The Template entity; by default the one the form belongs to. */
  template?: string;
  /** An existing component to plan, e.g. `${{ parameters.component }}`. */
  entityRef?: string;
  /** The image CI would build, for containers whose image is ".". */
  image?: string;
  /** Resources to add to the workload, e.g. a database for an existing service. */
  resources?: Array<{ name: string; type: string; class?: string }>;
}

/** What the field keeps in the form: the plan it showed and whether the guardrails refuse it. */
export interface PlanFieldValue {
  hash: string;
  refused: boolean;
  /** `policy: message` of each deny verdict. */
  denied: string[];
}

const PARAMETER = /\$\{\{\s*parameters\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * Builds the plan request from the field's options and the form so far. An
 * option naming a parameter the user has not filled yet gives `missing`
 * instead, so the field asks for it rather than planning half a workload.
 */
export function planRequest(
  options: PlanFieldOptions,
  formData: JsonObject,
  formTemplate?: string,
): { request: PlanRequest } | { missing: string[] } {
  const missing = new Set<string>();
  const fill = (text: string) =>
    text.replace(PARAMETER, (_m, name: string) => {
      const value = formData[name];
      if (value === undefined || value === null || value === '') {
        missing.add(name);
        return '';
      }
      return String(value);
    });
  const request: PlanRequest = {
    environment: fill(options.environment ?? 'development'),
  };
  if (options.image) request.image = fill(options.image);
  if (options.entityRef) {
    request.entityRef = fill(options.entityRef);
  } else if (options.templatePath) {
    request.template = options.template ?? formTemplate;
    request.templatePath = options.templatePath;
    request.values = Object.fromEntries(
      Object.entries(formData).filter(([, v]) =>
        ['string', 'number', 'boolean'].includes(typeof v),
      ),
    ) as PlanRequest['values'];
  }
  if (options.resources?.length) {
    request.resources = Object.fromEntries(
      options.resources.map(r => [
        fill(r.name),
        { type: fill(r.type), ...(r.class ? { class: fill(r.class) } : {}) },
      ]),
    );
  }
  if (missing.size > 0) return { missing: [...missing] };
  if (!request.entityRef && !request.template) {
    throw new Error(
      'The PavedPlan field needs ui:options.templatePath (with a template) or ui:options.entityRef',
    );
  }
  return { request };
}
