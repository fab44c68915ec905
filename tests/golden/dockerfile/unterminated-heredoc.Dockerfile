# expect: unterminated-heredoc on line 3 (EOF never comes)
FROM alpine:3.19
RUN <<EOF
apk add --no-cache curl=8.5.0-r0
USER nobody
