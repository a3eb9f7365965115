"""The helper's application factory.

``create_app(config)`` builds the Flask app: the flask-smorest API with its
OpenAPI document at /api/openapi.json, the security checks of
``server.security`` in front of every route, and JSON errors for everything.
It never runs in debug mode.  ``server.wsgi`` serves it on 127.0.0.1.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, request
from flask_smorest import Api
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

from . import security
from .api import register_blueprints
from .api.errors import error_response, from_http_exception
from .api.health import plaint_version
from .api.schemas import ErrorSchema
from .context import DEFAULT_PORT, HelperContext
from .fill_payload import UnknownCase
from .keyring_session import helper_backend
from .pairing import Pairing, PairingCache, TokenChanged, TooManyOrigins
from .profile_cache import ProfileCache
from .store import (
    InvalidProfileName,
    KeyringUnavailable,
    NotFound,
    ProfileStore,
    StoreCorrupt,
    StoreError,
    VersionConflict,
)
from .store.keyring_blobs import KeyringBlobs
from .store.paths import data_dir
from .store.profiles import service_name
from .throttle import FailureThrottle

log = logging.getLogger("plaint.helper")

DESCRIPTION = """\
The local helper of plaint. It serves only the paired plaint extension and programs on this
computer: it listens on 127.0.0.1, answers only to the Host 127.0.0.1:PORT or localhost:PORT,
refuses web-page origins, and every route but /api/health needs the pairing token
(`plaint pair` prints it) as `Authorization: Bearer <token>`.

Errors are always JSON `{code, message, errors?}`; `errors` names each invalid field by its
path (e.g. `address.country`). Writes to the profile need `If-Match` with its ETag.
"""

DEFAULTS: dict[str, Any] = {
    "API_TITLE": "plaint helper",
    "API_VERSION": plaint_version(),
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/api",
    "OPENAPI_JSON_PATH": "openapi.json",
    "API_SPEC_OPTIONS": {
        "info": {"description": DESCRIPTION},
        "components": {
            "securitySchemes": {
                "pairingToken": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "The token `plaint pair` prints",
                }
            }
        },
        "security": [{"pairingToken": []}],
    },
    "MAX_CONTENT_LENGTH": security.MAX_BODY,
    # Defence in depth behind security.check_request, which also checks the port.
    "TRUSTED_HOSTS": ["127.0.0.1", "localhost"],
    "PLAINT_PORT": DEFAULT_PORT,
    "PLAINT_AUTH_BURST": 10,
    "PLAINT_AUTH_PER_SECOND": 1.0,
    "PLAINT_ACCESS_LOG": False,
}


class HelperFlask(Flask):
    def log_exception(self, exc_info: Any) -> None:
        # The exception's text or traceback could quote a profile value.
        kind = exc_info[0].__name__ if exc_info and exc_info[0] else "error"
        log.error("unexpected %s while answering %s %s", kind, request.method, request.path)


class HelperApi(Api):
    ERROR_SCHEMA = ErrorSchema

    def handle_http_exception(self, error: HTTPException) -> Response:  # type: ignore[override]
        return from_http_exception(error)


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    app = HelperFlask("server")
    app.config.update(DEFAULTS)
    app.config.update(config or {})
    # Never debug, whatever the config says: the debugger runs code and shows values.
    app.config["DEBUG"] = False
    app.config["PROPAGATE_EXCEPTIONS"] = False
    app.debug = False
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.json.compact = True  # type: ignore[attr-defined]

    app.extensions["plaint"] = _context(app.config)
    api = HelperApi(app)
    register_blueprints(api)
    _register_error_handlers(app)
    security.install(app)
    if app.config["PLAINT_ACCESS_LOG"]:
        app.after_request(_log_access)
    return app


def _log_access(response: Response) -> Response:
    # The path only: query strings, headers and bodies may carry names or the token.
    log.info("%s %s %s", request.method, request.path, response.status_code)
    return response


def _context(config: Mapping[str, Any]) -> HelperContext:
    blobs = KeyringBlobs(service_name(), data_dir() / "keyring.lock", helper_backend())
    store = ProfileStore(blobs)
    return HelperContext(
        store=store,
        profiles=ProfileCache(store),
        pairing=PairingCache(Pairing(store.blobs)),
        throttle=FailureThrottle(config["PLAINT_AUTH_BURST"], config["PLAINT_AUTH_PER_SECOND"]),
        port=int(config["PLAINT_PORT"]),
    )


def _register_error_handlers(app: Flask) -> None:
    def invalid(exc: ValidationError) -> Response:
        return error_response(422, None, exc.messages)

    def store_error(exc: StoreError) -> Response:
        # Store messages never contain stored values (server/store/errors.py).
        if isinstance(exc, KeyringUnavailable):
            return error_response(503, str(exc))
        if isinstance(exc, VersionConflict):
            return error_response(412)
        if isinstance(exc, NotFound):
            return error_response(404, str(exc))
        if isinstance(exc, InvalidProfileName):
            return error_response(422, None, {"profile": [str(exc)]})
        if isinstance(exc, TokenChanged):
            return error_response(401, str(exc))
        if isinstance(exc, TooManyOrigins):
            return error_response(409, str(exc))
        if isinstance(exc, StoreCorrupt):
            log.error("the keyring holds damaged data (%s)", type(exc).__name__)
            return error_response(500, str(exc))
        log.error("store error %s", type(exc).__name__)
        return error_response(500)

    def unknown_case(exc: UnknownCase) -> Response:
        return error_response(404, "Unknown case.")

    def unexpected(exc: Exception) -> Response:
        if isinstance(exc, HTTPException):  # not reached: flask-smorest handles these
            return from_http_exception(exc)
        log.error(
            "unexpected %s while answering %s %s", type(exc).__name__, request.method, request.path
        )
        if os.environ.get("PLAINT_DEBUG"):
            log.error("details (PLAINT_DEBUG is set)", exc_info=exc)
        return error_response(500)

    app.register_error_handler(ValidationError, invalid)
    app.register_error_handler(StoreError, store_error)
    app.register_error_handler(UnknownCase, unknown_case)
    app.register_error_handler(Exception, unexpected)
