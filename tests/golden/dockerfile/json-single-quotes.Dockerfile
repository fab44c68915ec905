# expect: json-single-quotes (warning) on line 3, fix swaps the quotes
FROM alpine:3.19
CMD ['echo', 'hi']
