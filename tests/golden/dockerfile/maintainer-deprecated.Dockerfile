# expect: maintainer-deprecated (hint) on line 3, fix: LABEL maintainer="..."
FROM alpine:3.19
MAINTAINER Jane Doe <jane@example.org>
