# Latchkey: one image serving the GraphQL API and the built panel.
# Node.js 22, an LTS line that still gets security updates (20 reached its end of life in April
# 2026; 24 is not supported yet: better-sqlite3 12 can abort there). The tag follows the line's
# patch releases, so a rebuild picks up fixes.
FROM node:22-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/* \
 && npm install -g pnpm@12.4.2
WORKDIR /app
# What `pnpm install --frozen-lockfile` reads (the lockfile records the pnpmfile's checksum, and
# the patches of patched dependencies).
COPY package.json pnpm-workspace.yaml pnpm-lock.yaml .pnpmfile.cjs tsconfig.base.json ./
COPY patches patches
COPY packages/api/package.json packages/api/
COPY packages/web/package.json packages/web/
RUN pnpm install --frozen-lockfile
COPY packages packages
RUN pnpm build && pnpm --filter @latchkey/api deploy --prod /deploy/api

FROM node:22-bookworm-slim AS runtime
# The allocator's settings (GLIBC_TUNABLES): see "Memory" in the README.
ENV NODE_ENV=production PORT=4000 DATA_DIR=/data WEB_DIST_DIR=/app/web \
    GLIBC_TUNABLES=glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=4194304:glibc.malloc.trim_threshold=33554432
WORKDIR /app
COPY --from=build /deploy/api /app/api
COPY --from=build /app/packages/web/dist /app/web
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 4000
# Liveness only: /readyz (database and Redis) is for the orchestrator that routes traffic.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "api/dist/main.js"]
