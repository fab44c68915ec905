# expect: unknown-stage on line 5 (buildr -> did you mean build); none on lines 6-7
FROM golang:1.22 AS build
RUN go build -o /out/app ./cmd/app
FROM alpine:3.19
COPY --from=buildr /out/app /usr/local/bin/app
COPY --from=nginx:1.25.4 /etc/nginx/nginx.conf /etc/nginx/
RUN --mount=type=bind,from=build,target=/b ls /b
