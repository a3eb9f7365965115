"""Who may talk to the helper, checked before any endpoint runs.

In order, for every request:

1. **Host** must be ``127.0.0.1:PORT`` or ``localhost:PORT``.  A DNS-rebinding
   page reaches the helper under its own name, so this stops it before anything
   else (Transmission CVE-2018-5702, Jupyter and others were open to that).
2. **Origin**, when present, must be a browser-extension origin: a web page can
   never have one.  It must be paired, except for ``/api/health`` and for
   ``/api/pair`` itself.  Without an Origin, a browser's ``Sec-Fetch-Site`` of
   ``cross-site``/``same-site`` (an ``<img>``, a ``<script>``, a navigation from
   another site) is refused as well.
3. A CORS **preflight** is answered here (only origins that passed 2 get there).
4. **Size**: a body over 1 MiB is refused with 413 before it is read.
5. **Token**: every route but ``GET /api/health`` needs ``Authorization: Bearer
   <token>``, compared in constant time; a burst of wrong tokens turns into 429.
6. **Content-Type**: a body must be JSON, so the classic CSRF shapes (a
   ``text/plain`` or form POST, which need no preflight) are refused even with a
   token.

CORS headers go only to paired extension origins; nothing is ever ``*``.
"""

from __future__ import annotations

import math

from flask import Flask, Response, g, request

from .api.errors import fail
from .context import helper
from .pairing import is_extension_origin

MAX_BODY = 1024 * 1024
PUBLIC = frozenset({("GET", "/api/health"), ("HEAD", "/api/health")})
# An extension that is not paired yet may check that the helper runs, and pair.
UNPAIRED_EXTENSION_PATHS = frozenset({"/api/health", "/api/pair"})
JSON_TYPES = frozenset({"application/json", "application/merge-patch+json"})
CORS_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
CORS_REQUEST_HEADERS = "Authorization, Content-Type, If-Match, If-None-Match"
CORS_EXPOSED_HEADERS = "ETag, Retry-After"
WWW_AUTHENTICATE = 'Bearer realm="plaint"'

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    # No page may embed or frame a response, even one it cannot read.
    "Cross-Origin-Resource-Policy": "same-origin",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


def install(app: Flask) -> None:
    app.before_request(check_request)
    app.after_request(add_response_headers)


def check_request() -> Response | None:
    state = helper()
    g.cors_origin = None
    if request.headers.get("Host", "") not in state.allowed_hosts:
        fail(
            400,
            f"This helper answers only at http://127.0.0.1:{state.port}/ "
            "(the Host header named something else).",
        )
    origin = request.headers.get("Origin")
    if origin is not None:
        _check_origin(origin)
    elif request.headers.get("Sec-Fetch-Site") in ("cross-site", "same-site"):
        fail(403, "Requests from other sites are refused.")
    if (
        origin
        and request.method == "OPTIONS"
        and "Access-Control-Request-Method" in request.headers
    ):
        return _preflight()
    if (request.content_length or 0) > MAX_BODY:
        fail(413)
    if (request.method, request.path) not in PUBLIC:
        _check_token()
    _check_content_type()
    return None


def _check_origin(origin: str) -> None:
    if not is_extension_origin(origin):
        fail(
            403,
            "Requests from web pages are refused: only the paired plaint extension and "
            "programs on this computer may use the helper.",
        )
    if request.path in UNPAIRED_EXTENSION_PATHS or helper().pairing.is_paired(origin):
        g.cors_origin = origin
        return
    fail(
        403,
        "This extension is not paired with the helper: open its options page, paste the "
        "token that `plaint pair` prints and press Save.",
    )


def _preflight() -> Response:
    method = request.headers["Access-Control-Request-Method"].strip().upper()
    if method not in CORS_METHODS:
        fail(403, "This method is not allowed from an extension.")
    response = Response(status=204)
    response.headers["Access-Control-Allow-Methods"] = ", ".join(CORS_METHODS)
    response.headers["Access-Control-Allow-Headers"] = CORS_REQUEST_HEADERS
    response.headers["Access-Control-Max-Age"] = "600"
    if request.headers.get("Access-Control-Request-Private-Network") == "true":
        response.headers["Access-Control-Allow-Private-Network"] = "true"
    return response


def _check_token() -> None:
    state = helper()
    header = request.headers.get("Authorization", "")
    if not header:
        fail(401, headers={"WWW-Authenticate": WWW_AUTHENTICATE})
    wait = state.throttle.retry_after()
    if wait:
        # Not even compared: while throttled, a right guess looks like a wrong one.
        fail(429, headers={"Retry-After": str(math.ceil(wait))})
    scheme, _, token = header.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or not state.pairing.token_matches(token):
        state.throttle.record_failure()
        fail(
            401,
            "The pairing token is wrong or was replaced: run `plaint pair` and use the token "
            "it prints.",
            headers={"WWW-Authenticate": f'{WWW_AUTHENTICATE}, error="invalid_token"'},
        )
    g.token = token


def _check_content_type() -> None:
    if request.method not in ("POST", "PUT", "PATCH", "DELETE"):
        return
    has_body = (request.content_length or 0) > 0 or "chunked" in request.headers.get(
        "Transfer-Encoding", ""
    ).lower()
    if not has_body:
        return
    if request.mimetype not in JSON_TYPES:
        fail(415)
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        fail(415, "Send JSON encoded as UTF-8.")


def add_response_headers(response: Response) -> Response:
    headers = response.headers
    for name, value in SECURITY_HEADERS.items():
        headers[name] = value
    # Profile data must not stay in any browser or proxy cache.
    headers["Cache-Control"] = "no-store"
    headers.add("Vary", "Origin")
    origin = g.get("cors_origin")
    if origin:
        headers["Access-Control-Allow-Origin"] = origin
        headers["Access-Control-Expose-Headers"] = CORS_EXPOSED_HEADERS
    return response
