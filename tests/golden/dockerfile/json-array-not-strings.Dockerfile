# expect: json-array-not-strings on line 3
FROM alpine:3.19
CMD ["sleep", 10]
