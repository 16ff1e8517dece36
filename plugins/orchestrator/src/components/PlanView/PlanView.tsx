import type { Plan } from '@paved/plugin-orchestrator-common';

/** A plan: its artifacts as a tree with a YAML viewer, its verdicts by action with how to fix them, and its cost. */
export function PlanView(_props: { plan: Plan }) {
  return null;
}

/** Loads a stored plan by hash and shows it with PlanView (loading and errors included). */
export function PlanLoader(_props: { hash: string }) {
  return null;
}
