# expect: template-placeholder on lines 2 and 3
FROM {{ .Source }}
ADD ./{{ .Recipe }} /
RUN docker inspect --format '{{.Id}}' x
