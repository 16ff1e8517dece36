import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

const SERVICE = '${{ values.name }}';

/** Handles one request; exported so the tests can start the server on any port. */
export function handler(request, response) {
  const { pathname } = new URL(request.url ?? '/', 'http://localhost');
  const json = (status, body) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return json(405, { error: 'method not allowed' });
  }
  switch (pathname) {
    case '/healthz':
      return json(200, { status: 'ok' });
    case '/ready':
      return json(200, { status: 'ready' });
    case '/':
      return json(200, { service: SERVICE, message: 'Hello from Paved' });
    default:
      return json(404, { error: 'not found' });
  }
}

export const createAppServer = () => createServer(handler);

// Started directly (npm start, the container): listen on PORT, default 8080.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const port = Number(process.env.PORT ?? 8080);
  const server = createAppServer().listen(port, () => {
    console.log(`${SERVICE} listening on port ${port}`);
  });
  for (const signal of ['SIGTERM', 'SIGINT']) {
    process.on(signal, () => server.close(() => process.exit(0)));
  }
}
