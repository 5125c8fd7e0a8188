# ok: dockerfile-missing-user
FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app ./cmd/app

# ok: dockerfile-missing-user
FROM gcr.io/distroless/static:nonroot AS runtime-base

# the stage that becomes the image has no USER
# ruleid: dockerfile-missing-user
FROM debian:12-slim
COPY --from=build /out/app /usr/local/bin/app
# USER app  (a comment is not an instruction)
ENTRYPOINT ["/usr/local/bin/app"]
