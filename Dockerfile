# syntax=docker/dockerfile:1
#
# One image for every process of the distributed profile (README, "docker-compose"): the gateway
# by default; docker-compose.yml picks the service with `command:`, e.g.
#   docker run … osteo-platform node dist/services/identity/main.js

# Node.js 22 LTS: content-disposition (under @fastify/static) declares Node 22, and Node 20 is past
# its end of life. package.json's engines still accept 20.19+ for machines that have only that.
ARG NODE_IMAGE=node:22-bookworm-slim

# ---- build: compile TypeScript and the web application, then keep only the production dependencies
FROM ${NODE_IMAGE} AS build
# better-sqlite3 and argon2 compile from source when no prebuilt binary matches the platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.build.json ./
COPY libs ./libs
COPY services ./services
COPY deploy ./deploy
COPY bench ./bench
# The web application (built by Vite into dist/web, served by the gateway at /).
COPY web ./web
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# ---- runtime: the build output and production node_modules, run as a non-root user ----------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/data
WORKDIR /app
# The native modules were built against this same base image, so they load here unchanged.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Code stays owned by root (read-only to the process); only DATA_DIR is writable. With
# EVENT_STORE=eventstoredb and MAILER=smtp nothing is written there, but the SQLite event store
# and the mail outbox, when chosen, are.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# Slim images have no curl: node's own fetch asks /health on the port this process listens on.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/services/gateway/main.js"]
