# Paved's production image: the backend bundle, which also serves the built app.
#
#   docker build -t paved .
#   docker run -p 7007:7007 -e PAVED_BASE_URL=... -e POSTGRES_HOST=... paved
#
# Multi-stage, from the repository root as context; it runs the same scripts as
# the README's commands (yarn install --immutable, yarn tsc, yarn build:backend).
# No Docker engine runs on Paved's development machines, so this file is checked
# by packages/backend/src/deployment.test.ts (every path, script and config file
# it names exists) rather than built there.

ARG NODE_IMAGE=node:24-trixie-slim
# The yarn the repository is locked with (package.json packageManager); the
# image's own yarn is 1.x, so both stages that run yarn install this one.
ARG YARN_VERSION=4.13.0

# Stage 1: only the package.json files of the workspace, so the dependency install
# below stays cached until a manifest or yarn.lock changes.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /app
COPY packages packages
COPY plugins plugins
RUN find packages plugins -mindepth 2 -maxdepth 2 \! -name package.json -exec rm -rf {} \+

# Stage 2: install everything, type-check, build the backend bundle and the app.
FROM ${NODE_IMAGE} AS build
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends python3 g++ make
ARG YARN_VERSION
RUN npm install -g --force @yarnpkg/cli-dist@${YARN_VERSION}
USER node
WORKDIR /app
COPY --chown=node:node .yarnrc.yml backstage.json package.json yarn.lock ./
COPY --from=manifests --chown=node:node /app .
RUN --mount=type=cache,target=/home/node/.cache/yarn,sharing=locked,uid=1000,gid=1000 \
    yarn install --immutable
COPY --chown=node:node . .
RUN yarn tsc && yarn build:backend
RUN mkdir -p packages/backend/dist/skeleton packages/backend/dist/bundle \
 && tar xzf packages/backend/dist/skeleton.tar.gz -C packages/backend/dist/skeleton \
 && tar xzf packages/backend/dist/bundle.tar.gz -C packages/backend/dist/bundle

# Stage 3: production dependencies and the bundle, nothing else.
FROM ${NODE_IMAGE}
# mkdocs and its material theme build TechDocs in-process (techdocs.generator.runIn: local).
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends mkdocs mkdocs-material
ARG YARN_VERSION
RUN npm install -g --force @yarnpkg/cli-dist@${YARN_VERSION}
USER node
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build --chown=node:node /app/.yarnrc.yml /app/backstage.json /app/package.json /app/yarn.lock ./
COPY --from=build --chown=node:node /app/packages/backend/dist/skeleton/ ./
RUN --mount=type=cache,target=/home/node/.cache/yarn,sharing=locked,uid=1000,gid=1000 \
    yarn workspaces focus --all --production && rm -rf "$(yarn cache clean)"
COPY --from=build --chown=node:node /app/packages/backend/dist/bundle/ ./
COPY --chown=node:node app-config.yaml app-config.production.yaml catalog-info.yaml ./
COPY --chown=node:node templates ./templates
# The platform team's environments, resource definitions and guardrail policies.
COPY --chown=node:node platform ./platform
EXPOSE 7007
CMD ["node", "packages/backend", "--config", "app-config.yaml", "--config", "app-config.production.yaml"]
