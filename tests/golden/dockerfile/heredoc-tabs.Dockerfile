# expect: no diagnostics; <<- strips the tab before the terminator
FROM alpine:3.19
RUN <<-EOF
	apk add --no-cache curl=8.5.0-r0
	EOF
COPY <<"A" <<'B' /etc/app/
first
A
second
B
