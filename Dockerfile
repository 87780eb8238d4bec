# OpenZoom in a container: Node 24 (slim), a non-root user, SQLite on the
# /data volume, listening on every interface.
#   docker build -t openzoom .
#   docker run -p 9090:9090 -v openzoom-data:/data -e OPENZOOM_ADMIN_KEY=change-me openzoom
# test/docker.test.ts runs this file's ENTRYPOINT, CMD, ENV and HEALTHCHECK
# outside Docker; the image build itself is not exercised by the test suite.

FROM node:24-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# Optional packages stay for the build (the web console's build tools need their
# native bindings); the image has Node 24, so the optional `node` runtime package
# is pruned with them after the build.
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY contract ./contract
COPY src ./src
COPY console ./console
RUN npm run build && npm prune --omit=dev --omit=optional

FROM node:24-slim
ENV NODE_ENV=production \
    OPENZOOM_HOST=0.0.0.0 \
    OPENZOOM_PORT=9090 \
    OPENZOOM_DB=/data/openzoom.db \
    OPENZOOM_LOG=json
WORKDIR /app
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/bin ./bin
COPY --from=build /src/dist ./dist
COPY --from=build /src/contract ./contract
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 9090
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.OPENZOOM_PORT || 9090) + '/_openzoom/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "bin/openzoom.js"]
CMD ["start"]
