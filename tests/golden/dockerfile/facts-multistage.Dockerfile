# expect: no Dockerfile diagnostics; images python:3.12-slim (resolved from ARGs), build (names a stage)
ARG BASE=python
ARG TAG=3.12-slim
FROM ${BASE}:${TAG} AS build
RUN pip install numpy==1.26.4
FROM build AS test
COPY --from=build /usr/local /usr/local
ONBUILD RUN pip install requests==2.31.0
LABEL org.opencontainers.image.source="https://github.com/example/project"
CMD ["python", "-m", "project"]
