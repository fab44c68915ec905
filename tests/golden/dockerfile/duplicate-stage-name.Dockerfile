# expect: duplicate-stage-name on line 3 (BUILD repeats build, case-insensitive)
FROM golang:1.22 AS build
FROM node:20.11-alpine AS BUILD
