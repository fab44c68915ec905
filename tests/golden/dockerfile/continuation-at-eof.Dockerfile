# expect: no Dockerfile diagnostics (the last line continues into the end of the file)
FROM alpine:3.19
RUN echo hi \