import { planRequest } from './planRequest';

describe('planRequest', () => {
  it("plans the template's own score.yaml with the form's scalar values", () => {
    expect(
      planRequest(
        {
          environment: 'development',
          templatePath: './skeleton/score.yaml',
          image: 'registry.northwind.example/${{ parameters.name }}:0.1.0',
        },
        { name: 'quote', owner: 'group:default/payments', tags: ['a'] },
        'template:default/typescript-service',
      ),
    ).toEqual({
      request: {
        environment: 'development',
        template: 'template:default/typescript-service',
        templatePath: './skeleton/score.yaml',
        image: 'registry.northwind.example/quote:0.1.0',
        values: { name: 'quote', owner: 'group:default/payments' },
      },
    });
  });

  it('adds resources to an existing component, filled from the form', () => {
    expect(
      planRequest(
        {
          environment: '${{ parameters.environment }}',
          entityRef: '${{ parameters.component }}',
          resources: [
            {
              name: '${{ parameters.resourceName }}',
              type: 'postgres',
              class: '${{ parameters.size }}',
            },
          ],
        },
        {
          environment: 'staging',
          component: 'component:default/checkout-service',
          resourceName: 'orders',
          size: 'default',
        },
      ),
    ).toEqual({
      request: {
        environment: 'staging',
        entityRef: 'component:default/checkout-service',
        resources: { orders: { type: 'postgres', class: 'default' } },
      },
    });
  });

  it('names the parameters still to fill instead of planning half a workload', () => {
    expect(
      planRequest(
        {
          environment: '${{ parameters.environment }}',
          entityRef: '${{ parameters.component }}',
        },
        { environment: 'staging', component: '' },
      ),
    ).toEqual({ missing: ['component'] });
  });

  it('tells the template author what the field needs', () => {
    expect(() => planRequest({ environment: 'development' }, {})).toThrow(
      'The PavedPlan field needs ui:options.templatePath (with a template) or ui:options.entityRef',
    );
  });
});
