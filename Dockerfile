# syntax=docker/dockerfile:1
# One image recipe for every merchant-pulse service: `docker build --build-arg APP=merchant-registry .`
# (docker-compose.yml builds all five). Stages: build (all deps, SWC build) → prod-deps (runtime
# node_modules only) → runtime (non-root, dist + prod node_modules, nothing else).

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
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
