import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { CatalogVisibility } from './service/CatalogVisibility';
import { normalizeEntityRef } from './service/refs';
import { ScorecardService } from './service/ScorecardService';

export const HISTORY_LIMIT = { default: 200, max: 1000 };

const entityRef = z.string().min(1);
// `?owner=a&owner=b` arrives as an array, `?owner=a` as a string.
const repeatable = z.preprocess(
  value => (value === undefined ? undefined : [value].flat()),
  z.array(z.string().min(1)).optional(),
);

const schemas = {
  entity: z.object({ entityRef }),
  history: z.object({
    entityRef,
    scorecard: z.string().min(1),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(HISTORY_LIMIT.max)
      .default(HISTORY_LIMIT.default),
  }),
  refresh: z.object({ entityRef }),
  overview: z.object({
    owner: repeatable,
    system: repeatable,
    scorecard: z.string().min(1).optional(),
    kind: z.string().min(1).optional(),
  }),
};

/** Parses a request's query or body; an InputError names each bad parameter. */
function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new InputError(
      parsed.error.issues
        .map(issue => `${issue.path.join('.') || 'request'}: ${issue.message}`)
        .join('; '),
    );
  }
  return parsed.data;
}

export interface RouterOptions {
  httpAuth: HttpAuthService;
  service: ScorecardService;
  visibility: CatalogVisibility;
}

export async function createRouter({
  httpAuth,
  service,
  visibility,
}: RouterOptions): Promise<express.Router> {
  const router = Router();
  router.use(express.json());
  // Signed-in users and other plugins; the http router refuses anyone else before this too.
  const caller = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });
  router.use(async (req, _res, next) => {
    await caller(req);
    next();
  });
  /** The entity ref of a request, refused (404) when the caller cannot read that entity in the catalog. */
  const readableEntity = async (req: express.Request, value: string) => {
    const ref = normalizeEntityRef(value, 'entityRef');
    await visibility.assertVisible(ref, await caller(req));
    return ref;
  };

  router.get('/scorecards', async (_req, res) => {
    res.json(service.listScorecards());
  });

  router.get('/entity', async (req, res) => {
    const query = parse(schemas.entity, req.query);
    res.json(
      await service.getEntity(await readableEntity(req, query.entityRef)),
    );
  });

  router.get('/entity/history', async (req, res) => {
    const query = parse(schemas.history, req.query);
    res.json({
      items: await service.history(
        await readableEntity(req, query.entityRef),
        query.scorecard,
        query.limit,
      ),
    });
  });

  router.post('/entity/refresh', async (req, res) => {
    const body = parse(schemas.refresh, req.body);
    res.json(await service.refresh(await readableEntity(req, body.entityRef)));
  });

  router.get('/overview', async (req, res) => {
    const query = parse(schemas.overview, req.query);
    res.json({
      items: await visibility.filter(
        await service.overview(query),
        await caller(req),
      ),
    });
  });

  return router;
}
