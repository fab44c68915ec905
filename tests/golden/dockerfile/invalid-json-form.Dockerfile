# expect: invalid-json-form (warning) on line 3; none on line 4 (shell test command)
FROM alpine:3.19
CMD ["echo", "look ma, no quote!]
RUN [ -f /etc/os-release ] && echo ok
