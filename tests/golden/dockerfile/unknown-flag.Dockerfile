# expect: unknown-flag on line 4 (--form -> did you mean --from)
FROM golang:1.22 AS build
FROM alpine:3.19
COPY --form=build /out/app /usr/local/bin/app
