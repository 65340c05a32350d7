#!/usr/bin/env python3
"""A small API to put behind nginx and HAProxy in the edge demo and tests.

  python3 scripts/demo-api.py --listen 127.0.0.1:8081

Answers 200 on its pages (/, /products, /products/<n>, /search, /account, /health), 404 on any other path, and on
POST /login 200 when the form or JSON body carries password=correct, 401 otherwise. A request carries a user when
it sends "Authorization: Bearer <user id>" (or logs in as one); the answer then names that user in the
X-User-Id header, which the proxies log and hide from the client. HTTP/1.1 with keep-alive; stdlib only.
"""

import argparse
import json
import re
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

PAGES = re.compile(r"^/(|products|products/[0-9]+|search|account|health)$")
USER_ID = re.compile(r"^[A-Za-z0-9._@-]{1,64}$")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "kwaf-demo-api"
    # Headers and body leave in two writes; with Nagle on, the body of every answer after the first on a keep-alive
    # connection waited for the proxy's delayed ACK (about 40 ms on Linux loopback).
    disable_nagle_algorithm = True

    def log_message(self, format, *args):  # noqa: A002 - the base class names it so
        pass

    def do_GET(self):
        path = urlsplit(self.path).path
        if PAGES.match(path):
            self.answer(200, {"page": path}, self.bearer_user())
        else:
            self.answer(404, {"error": "not found"}, self.bearer_user())

    do_HEAD = do_GET

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        if urlsplit(self.path).path != "/login":
            self.answer(404, {"error": "not found"}, self.bearer_user())
            return

        fields = self.login_fields(body)
        user = fields.get("user")
        user = user if user and USER_ID.match(user) else None
        if fields.get("password") == "correct":
            self.answer(200, {"login": "ok"}, user)
        else:
            self.answer(401, {"login": "failed"}, user)

    def login_fields(self, body):
        text = body.decode("utf-8", "replace")
        if self.headers.get("Content-Type", "").startswith("application/json"):
            try:
                value = json.loads(text)
                return {k: str(v) for k, v in value.items()} if isinstance(value, dict) else {}
            except ValueError:
                return {}
        return {k: v[0] for k, v in parse_qs(text).items()}

    def bearer_user(self):
        match = re.match(r"^Bearer\s+(\S+)$", self.headers.get("Authorization", ""))
        return match.group(1) if match and USER_ID.match(match.group(1)) else None

    def answer(self, status, payload, user):
        data = (json.dumps(payload) + "\n").encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        if user:
            self.send_header("X-User-Id", user)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)


def main():
    parser = argparse.ArgumentParser(description="kwaf demo API")
    parser.add_argument("--listen", default="127.0.0.1:8081", help="address:port (loopback)")
    args = parser.parse_args()
    host, _, port = args.listen.rpartition(":")
    if host not in ("127.0.0.1", "::1", "localhost"):
        sys.exit("demo-api: listens on loopback only")
    server = ThreadingHTTPServer((host, int(port)), Handler)
    server.daemon_threads = True
    print(f"demo-api listening on http://{args.listen}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
