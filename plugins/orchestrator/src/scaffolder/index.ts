import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { PlanField, validatePlanField } from './PlanField';

/** `ui:field: PavedPlan`: the plan for the form's values, before anything is created. */
export const pavedPlanField = createFormField({
  name: 'PavedPlan',
  component: PlanField,
  validation: validatePlanField,
});
