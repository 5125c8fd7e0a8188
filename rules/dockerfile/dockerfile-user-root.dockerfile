FROM node:20 AS build
# ok: dockerfile-user-root
USER root
RUN npm ci && npm run build

FROM node:20-slim
# ok: dockerfile-user-root
USER root
RUN apt-get update && apt-get install -y --no-install-recommends tini
# ok: dockerfile-user-root
USER node
COPY --from=build /app/dist /app
# ruleid: dockerfile-user-root
USER 0:0
CMD ["tini", "--", "node", "/app/server.js"]
