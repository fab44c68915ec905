# expect: empty-continuation-line (warning) on line 4; the comment line on line 6 is fine
FROM debian:12.5-slim
RUN apt-get update \

    && apt-get install -y \
    # curl is needed by the tests
    curl=7.88.1-10+deb12u5
