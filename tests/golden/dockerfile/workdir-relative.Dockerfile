# expect: workdir-relative (warning) on line 4; none on lines 3 and 5
FROM python:3.12-slim
WORKDIR /srv
WORKDIR app
WORKDIR $HOME/cache
