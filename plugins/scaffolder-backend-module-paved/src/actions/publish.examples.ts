import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Publish the new component’s repository with the provider paved.publish.provider names (a local bare repository by default)',
    example: stringify({
      steps: [
        {
          id: 'publish',
          action: 'paved:publish',
          name: 'Publish the repository',
          input: {
            name: 'checkout-service',
            description: 'Takes payment for a basket',
            gitCommitMessage:
              'Create checkout-service from the service template',
          },
        },
      ],
    }),
  },
  {
    description: 'Publish only a folder of the workspace, on another branch',
    example: stringify({
      steps: [
        {
          id: 'publish',
          action: 'paved:publish',
          input: {
            name: 'payments-docs',
            sourcePath: 'docs',
            defaultBranch: 'trunk',
          },
        },
      ],
    }),
  },
  {
    description:
      'On GitHub or GitLab, publish into another organisation or group than paved.publish.owner (the local git provider has no owners)',
    example: stringify({
      steps: [
        {
          id: 'publish',
          action: 'paved:publish',
          input: {
            name: 'ledger-service',
            owner: 'northwind-finance',
            gitAuthorName: 'Jane Doe',
            gitAuthorEmail: 'jane@northwind.example',
          },
        },
      ],
    }),
  },
];
