import { stringify } from 'yaml';

export const examples = [
  {
    description:
      'The embedded setup: a new local bare repository named after the component',
    example: stringify({
      steps: [
        {
          id: 'publish',
          action: 'paved:publish:git',
          name: 'Publish',
          input: {
            repoUrl: 'checkout-service',
            gitCommitMessage:
              'Create checkout-service from the service template',
            gitAuthorName: 'Jane Doe',
            gitAuthorEmail: 'jane@northwind.example',
          },
        },
      ],
    }),
  },
  {
    description: 'Publish only a subfolder of the workspace, on another branch',
    example: stringify({
      steps: [
        {
          id: 'publish',
          action: 'paved:publish:git',
          input: {
            repoUrl: 'payments-docs',
            sourcePath: 'docs',
            defaultBranch: 'trunk',
          },
        },
      ],
    }),
  },
];
