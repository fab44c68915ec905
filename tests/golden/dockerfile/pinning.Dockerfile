FROM python
RUN pip install requests flask==2.0.1
FROM node:20 AS web
RUN npm install -g pnpm@9.1.0 yarn \
    && apk add --no-cache curl
FROM debian:bookworm-20240513
# hadolint ignore=DL3008
RUN apt-get update && apt-get install -y curl
COPY --from=web /usr/local/lib/node_modules /opt/node_modules
ENV GITHUB_TOKEN=ghp_0123456789abcdefghijklmnopqrstuvwxyzAB
COPY data/ /data/
LABEL org.opencontainers.image.source="https://github.com/example/pinning"
