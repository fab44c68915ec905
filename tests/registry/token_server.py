#!/usr/bin/python3
"""A tiny Docker registry token server for the tests: RS256 JWTs whose x5c header carries the
signing certificate (which the registry trusts through its rootcertbundle). Anonymous callers
get pull; callers with the right Basic credentials get what they ask for.
Usage: token_server.py PORT KEY.pem CERT.pem ISSUER SERVICE USER PASSWORD"""
import base64, json, sys, time, uuid
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlparse

import jwt
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

port, key_file, cert_file, issuer, service, user, password = sys.argv[1:8]
key = open(key_file, "rb").read()
cert = x509.load_pem_x509_certificate(open(cert_file, "rb").read())
x5c = [base64.b64encode(cert.public_bytes(Encoding.DER)).decode()]


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        url = urlparse(self.path)
        if url.path != "/token":
            self.send_error(404)
            return
        query = parse_qs(url.query)
        authorized = False
        header = self.headers.get("Authorization", "")
        if header.startswith("Basic "):
            given = base64.b64decode(header[6:]).decode(errors="replace")
            if given != user + ":" + password:
                self.send_error(401)
                return
            authorized = True
        access = []
        for scope in query.get("scope", []):
            for item in scope.split(" "):
                parts = item.split(":")
                if len(parts) < 3 or parts[0] != "repository":
                    continue
                wanted = parts[-1].split(",")
                granted = [a for a in wanted if authorized or a == "pull"]
                access.append({"type": "repository", "name": ":".join(parts[1:-1]), "actions": granted})
        now = int(time.time())
        claims = {"iss": issuer, "sub": user if authorized else "", "aud": service, "exp": now + 300,
                  "nbf": now - 10, "iat": now, "jti": str(uuid.uuid4()), "access": access}
        token = jwt.encode(claims, key, algorithm="RS256", headers={"x5c": x5c})
        body = json.dumps({"token": token, "access_token": token, "expires_in": 300}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


HTTPServer(("127.0.0.1", int(port)), Handler).serve_forever()
