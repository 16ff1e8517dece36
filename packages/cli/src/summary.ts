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
  if (plan.warnings.length > 0) {
    lines.push('', 'Warnings:', ...plan.warnings.map(w => `  ${w}`));
  }
  lines.push('', `Plan hash: ${plan.hash}`, '');
  return lines.join('\n');
}
