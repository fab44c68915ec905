# expect: unknown-instruction on line 3 (RUNN -> did you mean RUN)
FROM alpine:3.19
RUNN echo hi
