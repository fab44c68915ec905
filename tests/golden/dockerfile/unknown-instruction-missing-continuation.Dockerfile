# expect: unknown-instruction on line 5 (`&&`: the line above lost its backslash)
FROM debian:12.5-slim
RUN apt-get update \
    && apt-get install -y curl=7.88.1-10+deb12u5
    && rm -rf /var/lib/apt/lists/*
