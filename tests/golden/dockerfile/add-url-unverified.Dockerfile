# expect: add-url-unverified (warning) on lines 3 and 4; none on lines 5-6
FROM alpine:3.19
ADD https://example.org/tool-1.4.2.tar.gz /opt/
ADD https://github.com/moby/buildkit.git /src/buildkit
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.org/tool-1.4.2.tar.gz /opt/
ADD https://github.com/moby/buildkit.git#v0.12.5 /src/buildkit
