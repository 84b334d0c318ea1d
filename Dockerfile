# syntax=docker/dockerfile:1
# One image recipe for every merchant-pulse service: `docker build --build-arg APP=merchant-registry .`
# (docker-compose.yml builds all five). Stages: build (all deps, SWC build) → prod-deps (runtime
# node_modules only) → runtime (non-root, dist + prod node_modules, nothing else).

# Node 24 LTS ("krypton"), pinned by digest: the official image's multi-platform index as published
# for node:24.18.0-bookworm-slim (= node:24-bookworm-slim and node:krypton-slim on 14 Jul 2026,
# NODE_VERSION=24.18.0, per docker-library/repo-info). With a digest Docker ignores the tag, so the
# build is reproducible; to move on, take the new digest from
# `docker buildx imagetools inspect node:24-bookworm-slim` and bump NODE_LTS_VERSION in
# tools/scripts/node-lts.sh to the same version (the suites run on that binary in `npm test`).
ARG NODE_IMAGE=node:24.18.0-bookworm-slim@sha256:6f7b03f7c2c8e2e784dcf9295400527b9b1270fd37b7e9a7285cf83b6951452d

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# npm ci: exactly the lockfile (which lists every platform's optional builds; `npm test` checks that
# `npm ci` accepts it).
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
# Which app this image runs (a folder under apps/). Required.
ARG APP
RUN test -n "$APP" || (echo 'build with --build-arg APP=<app under apps/>' >&2 && exit 1)
# Services default to HOST=127.0.0.1 (developer machines); a container must listen on all interfaces.
ENV NODE_ENV=production \
    APP=${APP} \
    HOST=0.0.0.0
WORKDIR /app
COPY --from=prod-deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
# Writable runtime data (e.g. merchant-registry's local object storage, OBJECT_STORAGE_DIR=.data/...).
RUN test -f "dist/apps/${APP}/src/main.js" && mkdir -p /app/.data && chown node:node /app/.data
# The official image's unprivileged user (uid 1000).
USER node
# exec: node becomes PID 1's child under `init: true` / tini and receives SIGTERM for graceful shutdown.
CMD ["sh", "-c", "exec node \"dist/apps/${APP}/src/main.js\""]
