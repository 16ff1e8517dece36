import { Plan } from '@paved/plugin-orchestrator-node';

/** The plan as a developer reads it in a terminal; `--json` gives the whole plan. */
export function formatPlanSummary(plan: Plan): string {
  const lines = [
    `Plan for workload "${plan.workload}" in ${plan.environment.name} (${plan.environment.type}), namespace ${plan.namespace}`,
    '',
    `Objects (${plan.artifacts.length}):`,
    ...plan.artifacts.map(a => `  ${a.path}`),
    '',
    `Resources (${plan.resources.length}):`,
  ];
  for (const resource of plan.resources) {
    const price = resource.pricePerMonth
      ? `, ${resource.pricePerMonth.amount} ${resource.pricePerMonth.currency}/month`
      : '';
    const after = resource.dependsOn.length
      ? `, after ${resource.dependsOn.join(', ')}`
      : '';
    lines.push(
      `  ${resource.name}: ${resource.type} (class ${resource.class}) via ${resource.definition}${price}${after}`,
    );
    for (const [output, value] of Object.entries(resource.outputs).sort(
      ([a], [b]) => a.localeCompare(b),
    )) {
      const shown =
        value.kind === 'secret'
          ? `<secret ${value.secretRef.name}/${value.secretRef.key}>`
          : value.value;
      lines.push(`    ${output}: ${shown}`);
    }
  }
  const cost =
    plan.cost.perMonth.map(m => `${m.amount} ${m.currency}`).join(' + ') ||
    'nothing priced';
  lines.push('', `Cost per month: ${cost}`);
  if (plan.verdicts.length > 0) {
    lines.push('', `Guardrail verdicts (${plan.verdicts.length}):`);
    for (const v of plan.verdicts) {
      const target = v.namespace
        ? `${v.kind} ${v.namespace}/${v.name}`
        : `${v.kind} ${v.name}`;
      const approvers = v.approvers ? ` (approvers: ${v.approvers})` : '';
      lines.push(
        `  ${v.action.toUpperCase()}${approvers} ${v.policy} ${
          v.validation
        } on ${target}: ${v.message ?? v.result}`,
      );
      if (v.fix) lines.push(`    how to fix: ${v.fix}`);
    }
  } else {
    lines.push('', 'Guardrail verdicts: none, every policy passes');
  }
  if (plan.warnings.length > 0) {
    lines.push('', 'Warnings:', ...plan.warnings.map(w => `  ${w}`));
  }
  lines.push('', `Plan hash: ${plan.hash}`, '');
  return lines.join('\n');
}
