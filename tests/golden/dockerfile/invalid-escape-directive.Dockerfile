# escape=^
# expect: invalid-escape-directive on line 1 (escape must be \ or `)
FROM alpine:3.19
