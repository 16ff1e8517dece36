/** What a failed guardrail does to a plan. */
export type GuardrailAction = 'deny' | 'warn' | 'audit' | 'require-approval';

/** One validation of one policy against one object, as `paved check` prints it. */
export interface GuardrailCheck {
  policy: string;
  /** Where in the policy: `validations[0]`, `matchConditions[1] (name)`, `variables.name`, `paramRef`. */
  validation: string;
  kind: string;
  namespace?: string;
  name: string;
  result: 'pass' | 'fail' | 'skip' | 'error';
  action: GuardrailAction;
  message?: string;
}

/** A failed (or failed to evaluate) guardrail, as a plan lists it. */
export interface GuardrailVerdict extends GuardrailCheck {
  result: 'fail' | 'error';
  /** The plan artifact the object was rendered into, when there is one. */
  artifact?: string;
  /** How to fix it: the policy's description annotation. */
  fix?: string;
  /** For require-approval: the group whose members may approve. */
  approvers?: string;
}
