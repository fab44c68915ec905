# expect: wrong-argument-count on lines 2, 3, 4, 5
FROM alpine:3.19 builder
COPY requirements.txt
ENV PATH
HEALTHCHECK curl -f http://localhost/
