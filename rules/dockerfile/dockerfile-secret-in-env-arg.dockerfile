FROM node:20-slim
# ruleid: dockerfile-secret-in-env-arg
ARG NPM_TOKEN
# ruleid: dockerfile-secret-in-env-arg
ENV DATABASE_PASSWORD=hunter2-not-for-prod STRIPE_API_KEY=${STRIPE_API_KEY}
# ruleid: dockerfile-secret-in-env-arg
ENV GITHUB_TOKEN ${GITHUB_TOKEN}
# ok: dockerfile-secret-in-env-arg
ARG NODE_VERSION=20
# ok: dockerfile-secret-in-env-arg
ENV DATABASE_PASSWORD_FILE=/run/secrets/db_password
# ok: dockerfile-secret-in-env-arg
ENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D
# ok: dockerfile-secret-in-env-arg
ENV TOKEN_URL=https://auth.example.com/oauth/token SECRET=""
# ok: dockerfile-secret-in-env-arg
RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci
USER node
