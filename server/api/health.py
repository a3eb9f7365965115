"""``GET /api/health``: is the helper running?  The one route without a token."""

from __future__ import annotations

from importlib import metadata

from flask_smorest import Blueprint

from .schemas import HealthSchema

blp = Blueprint("health", __name__, url_prefix="/api", description="Is the helper running?")


def plaint_version() -> str:
    try:
        return metadata.version("plaint")
    except metadata.PackageNotFoundError:
        return "0+unknown"


@blp.route("/health", methods=["GET"])
@blp.response(200, HealthSchema)
@blp.doc(security=[])
def health() -> dict[str, str]:
    """The helper's name and version, nothing else (no token needed)."""
    return {"service": "plaint", "version": plaint_version()}
