#!/usr/bin/env python3
"""Listens on PORT and never answers: connections complete (the kernel accepts them into the
backlog) but no byte is ever sent. For the client's timeout test. With COUNT_FILE, writes the
number of connections accepted so far into it after each one, so a test can tell whether a
request reached the port at all. Usage: blackhole.py PORT [COUNT_FILE]"""
import os, socket, sys

count_file = sys.argv[2] if len(sys.argv) > 2 else None


def publish(count):
    if not count_file:
        return
    tmp = count_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(count))
    os.replace(tmp, count_file)


s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(64)
publish(0)
held = []
while True:
    conn, _ = s.accept()
    held.append(conn)  # keep it open, say nothing
    publish(len(held))
