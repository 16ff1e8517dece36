import { stringify } from 'yaml';

export const examples = [
  {
    description: 'Plan the workspace’s score.yaml for development',
    example: stringify({
      steps: [
        {
          id: 'plan',
          action: 'paved:plan',
          name: 'Plan for development',
          input: { environment: 'development' },
        },
      ],
    }),
  },
  {
    description:
      'Plan a score file elsewhere in the workspace with the image CI built',
    example: stringify({
      steps: [
        {
          id: 'plan',
          action: 'paved:plan',
          name: 'Plan for staging',
          input: {
            environment: 'staging',
            scorePath: 'deploy/score.yaml',
            image: 'registry.northwind.example/checkout:1.2.3',
          },
        },
      ],
    }),
  },
  {
    description:
      'Plan a catalog component’s own score.yaml, the one its paved.dev/score annotation names',
    example: stringify({
      steps: [
        {
          id: 'plan',
          action: 'paved:plan',
          name: 'Plan the component for staging',
          input: {
            environment: 'staging',
            entityRef: 'component:default/checkout',
          },
        },
      ],
    }),
  },
  {
    description:
      'Plan a component with a database its score.yaml does not have yet',
    example: stringify({
      steps: [
        {
          id: 'plan',
          action: 'paved:plan',
          name: 'Plan the component with a database',
          input: {
            environment: 'staging',
            entityRef: 'component:default/checkout',
            resources: { orders: { type: 'postgres', class: 'default' } },
          },
        },
      ],
    }),
  },
  {
    description:
      'The same as a list, which is how a template gives a name from its parameters (the scaffolder renders values, not keys)',
    example: stringify({
      steps: [
        {
          id: 'plan',
          action: 'paved:plan',
          name: 'Plan the component with a database',
          input: {
            environment: 'staging',
            entityRef: 'component:default/checkout',
            resources: [{ name: 'orders', type: 'postgres', class: 'default' }],
          },
        },
      ],
    }),
  },
];
