import type { FactDefinition } from '@paved/plugin-scorecards-common';
import type { DeclaredSources } from '../engine/compileChecks';

const fact = (
  type: FactDefinition['type'],
  description: string,
): FactDefinition => ({ type, description });

/**
 * The facts each shipped source module declares, as the issue fixes them: the
 * default scorecards in platform/scorecards are written against these.
 */
export const declaredFactSources: DeclaredSources = [
  {
    id: 'catalog',
    facts: {
      ownerIsGroup: fact('boolean', 'spec.owner is a Group that exists'),
      hasDescription: fact('boolean', 'metadata.description is set'),
      hasSystem: fact('boolean', 'spec.system is set and the System exists'),
      lifecycle: fact('string', 'spec.lifecycle, null when none'),
      linkCount: fact('number', 'metadata.links'),
      apiCount: fact('number', 'the APIs it provides; 1 for an API'),
      apiDefinitionsValid: fact(
        'boolean',
        'every API exists and its definition is present and valid',
      ),
      hasOnCall: fact('boolean', 'an on-call annotation'),
      hasRunbook: fact('boolean', 'a runbook annotation or link'),
    },
  },
  {
    id: 'techdocs',
    facts: {
      present: fact('boolean', 'backstage.io/techdocs-ref annotation'),
      built: fact('boolean', 'the TechDocs site exists in storage'),
      pageCount: fact('number', 'pages in the built site'),
      lastUpdated: fact('datetime', 'the build timestamp'),
      daysSinceUpdate: fact('number', 'days since the build'),
    },
  },
  {
    id: 'repository',
    facts: {
      hasReadme: fact('boolean', 'a README'),
      hasCodeowners: fact('boolean', 'a CODEOWNERS file'),
      hasCiWorkflow: fact('boolean', 'a CI workflow'),
      hasTests: fact('boolean', 'test files or a test folder'),
    },
  },
  {
    id: 'orchestrator',
    facts: {
      managed: fact('boolean', 'an orchestrator workload'),
      deployedToProduction: fact('boolean', 'delivered to production'),
      latestDeploymentState: fact('string', 'its newest deployment state'),
      podSecurityRestricted: fact('boolean', 'restricted pod security'),
      resourceLimitsSet: fact('boolean', 'resource limits set'),
      databaseBackups: fact('boolean', 'backups on its databases'),
      costWithinBudget: fact('boolean', 'cost within budget'),
      monthlyCost: fact('number', 'estimated monthly cost'),
    },
  },
];
