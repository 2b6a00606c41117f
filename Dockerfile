# Latchkey: one image serving the GraphQL API and the built panel.
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/* \
 && npm install -g pnpm@12.4.2
WORKDIR /app
COPY package.json pnpm-workspace.yaml pnpm-lock.yaml tsconfig.base.json ./
COPY packages/api/package.json packages/api/
COPY packages/web/package.json packages/web/
RUN pnpm install --frozen-lockfile
COPY packages packages
RUN pnpm build && pnpm --filter @latchkey/api deploy --prod /deploy/api

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=4000 DATA_DIR=/data WEB_DIST_DIR=/app/web
WORKDIR /app
COPY --from=build /deploy/api /app/api
COPY --from=build /app/packages/web/dist /app/web
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 4000
CMD ["node", "api/dist/main.js"]
