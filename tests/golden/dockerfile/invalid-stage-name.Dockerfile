# expect: invalid-stage-name on line 2
FROM golang:1.22 AS 1st-build
