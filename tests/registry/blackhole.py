#!/usr/bin/env python3
"""Listens on PORT and never answers: connections complete (the kernel accepts them into the
backlog) but no byte is ever sent. For the client's timeout test. Usage: blackhole.py PORT"""
import socket, sys, time

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(64)
held = []
while True:
    conn, _ = s.accept()
    held.append(conn)  # keep it open, say nothing
