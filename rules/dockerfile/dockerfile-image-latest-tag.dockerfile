# ruleid: dockerfile-image-latest-tag
FROM node:latest AS build
RUN npm ci
# ruleid: dockerfile-image-latest-tag
FROM --platform=linux/amd64 registry.example.com/base/runtime:latest
# ok: dockerfile-image-latest-tag
FROM node:20.11-slim
# ok: dockerfile-image-latest-tag
FROM nginx:latest@sha256:0f04e4f646a3f14bf31d8bc8d885b6c951fdcf42589d06845f64d18aec6a3c4d
# ok: dockerfile-image-latest-tag
FROM ghcr.io/example/latest-tools:1.4
USER 10001
