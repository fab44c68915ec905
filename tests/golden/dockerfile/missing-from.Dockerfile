# expect: missing-from on line 3 (RUN before the first FROM)
ARG TAG=3.19
RUN echo hi
FROM alpine:${TAG}
