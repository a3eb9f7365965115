"""``POST /api/pair``: an extension proves it holds the token; its origin gets CORS."""

from __future__ import annotations

from typing import Any

from flask import g, request
from flask_smorest import Blueprint

from ..context import helper
from ..pairing import is_extension_origin
from .body import load_body, request_body_doc
from .schemas import PairRequestSchema, PairResultSchema

blp = Blueprint("pair", __name__, url_prefix="/api", description="Pair the browser extension")


@blp.route("/pair", methods=["POST"])
@blp.doc(**request_body_doc(PairRequestSchema, "An empty object, or no body", required=False))
@blp.response(200, PairResultSchema)
def pair() -> dict[str, Any]:
    """Record the calling extension's origin as paired.

    The extension's options page calls this when the person saves the token.
    From a program without an Origin (the CLI, curl) it only confirms the token.
    """
    load_body(PairRequestSchema(), required=False)
    origin = request.headers.get("Origin")
    if origin is None or not is_extension_origin(origin):
        return {"paired": True, "origin": None}
    helper().pairing.add_origin(origin, g.token)
    return {"paired": True, "origin": origin}
