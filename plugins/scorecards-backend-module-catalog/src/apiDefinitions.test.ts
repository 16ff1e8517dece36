import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { apiDefinitionProblem } from './apiDefinitions';

const openApi = `
openapi: 3.0.3
info:
  title: Orders API
  version: 2.0.0
paths:
  /orders/{id}:
    get:
      parameters:
        - name: id
          in: path
          required: true
          schema: { type: string }
      responses:
        '200':
          description: The order
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Order' }
components:
  schemas:
    Order:
      type: object
      properties:
        id: { type: string }
`;

describe('apiDefinitionProblem', () => {
  it('accepts a valid OpenAPI 3.0 definition in YAML and a 3.1 one in JSON', async () => {
    await expect(apiDefinitionProblem('openapi', openApi)).resolves.toBe(
      undefined,
    );
    const json = JSON.stringify({
      openapi: '3.1.0',
      info: { title: 'Cart API', version: '1.0.0' },
      paths: {},
    });
    await expect(apiDefinitionProblem('openapi', json)).resolves.toBe(
      undefined,
    );
  });

  it('rejects an OpenAPI definition that breaks the specification', async () => {
    const noInfo = openApi.replace(/info:\n( {2}.*\n)+/, '');
    await expect(apiDefinitionProblem('openapi', noInfo)).resolves.toMatch(
      /validation failed/i,
    );
  });

  it('rejects an OpenAPI definition whose internal $ref points nowhere', async () => {
    const dangling = openApi.replace(
      "'#/components/schemas/Order'",
      "'#/components/schemas/Missing'",
    );
    await expect(apiDefinitionProblem('openapi', dangling)).resolves.toMatch(
      /Missing/,
    );
  });

  it('rejects an OpenAPI definition that is not YAML, or not a document', async () => {
    await expect(
      apiDefinitionProblem('openapi', 'openapi: [3.0.3\ninfo: {'),
    ).resolves.toMatch(/not valid YAML/);
    await expect(
      apiDefinitionProblem('openapi', '- just\n- a list'),
    ).resolves.toBe('not an OpenAPI document');
    await expect(
      apiDefinitionProblem('openapi', 'title: not an api'),
    ).resolves.toMatch(/not a valid openapi/i);
  });

  describe('with a server that would answer an external $ref', () => {
    let server: Server;
    let requests = 0;
    beforeAll(async () => {
      server = createServer((_req, res) => {
        requests += 1;
        res.end('type: object');
      });
      await new Promise<void>(resolve =>
        server.listen(0, '127.0.0.1', resolve),
      );
    });
    afterAll(() => new Promise(resolve => server.close(resolve)));

    it('judges the definition on its own text: the reference is neither fetched nor an error', async () => {
      const { port } = server.address() as AddressInfo;
      const external = openApi.replace(
        "'#/components/schemas/Order'",
        `'http://127.0.0.1:${port}/order.yaml'`,
      );
      await expect(apiDefinitionProblem('openapi', external)).resolves.toBe(
        undefined,
      );
      expect(requests).toBe(0);
    });
  });

  it('accepts an AsyncAPI document and rejects broken or version-less YAML', async () => {
    await expect(
      apiDefinitionProblem(
        'asyncapi',
        'asyncapi: 2.6.0\ninfo: { title: Order events, version: 1.0.0 }\nchannels: {}\n',
      ),
    ).resolves.toBe(undefined);
    await expect(
      apiDefinitionProblem('asyncapi', 'asyncapi: 2.6.0\n  channels: : {'),
    ).resolves.toMatch(/not valid YAML/);
    await expect(
      apiDefinitionProblem('asyncapi', 'channels: {}'),
    ).resolves.toMatch(/no asyncapi version/);
  });

  it('only asks GraphQL and gRPC definitions to be there', async () => {
    await expect(
      apiDefinitionProblem('graphql', 'type Query { order(id: ID!): Order }'),
    ).resolves.toBe(undefined);
    await expect(
      apiDefinitionProblem('grpc', 'syntax = "proto3";'),
    ).resolves.toBe(undefined);
    await expect(apiDefinitionProblem('graphql', '  \n')).resolves.toBe(
      'no definition',
    );
  });

  it('reports a missing definition for any type', async () => {
    await expect(apiDefinitionProblem('openapi', undefined)).resolves.toBe(
      'no definition',
    );
    await expect(apiDefinitionProblem('grpc', 42)).resolves.toBe(
      'no definition',
    );
  });
});
