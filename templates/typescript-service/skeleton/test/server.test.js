import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createAppServer } from '../src/server.js';

let server;
let base;

before(async () => {
  server = createAppServer();
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});

after(() => new Promise(resolve => server.close(resolve)));

test('GET /healthz says the process is alive', async () => {
  const response = await fetch(`${base}/healthz`);
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), { status: 'ok' });
});

test('GET /ready says the service takes traffic', async () => {
  const response = await fetch(`${base}/ready`);
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), { status: 'ready' });
});

test('GET / names the service', async () => {
  const response = await fetch(`${base}/`);
  assert.equal(response.status, 200);
  assert.equal((await response.json()).service, '${{ values.name }}');
});

test('an unknown path is a 404', async () => {
  const response = await fetch(`${base}/nope`);
  assert.equal(response.status, 404);
});
