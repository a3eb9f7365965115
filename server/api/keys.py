"""``GET /api/keys``: the canonical field keys every fill path speaks, with labels."""

from __future__ import annotations

from functools import cache
from typing import Any

from flask_smorest import Blueprint

from schemas.keys import FIELD_KEYS

from .schemas import FieldKeyListSchema

blp = Blueprint("keys", __name__, url_prefix="/api", description="The canonical field keys")


@cache
def _keys() -> dict[str, Any]:
    return {
        "keys": [
            {
                "key": k.key,
                "group": k.group,
                "labels": {"en": k.label_en, "zh": k.label_zh},
                "sensitive": k.sensitive,
                "derived": k.derived,
            }
            for k in FIELD_KEYS
        ]
    }


@blp.route("/keys", methods=["GET"])
@blp.response(200, FieldKeyListSchema)
def keys() -> dict[str, Any]:
    """Every canonical key: its group (profile or case), labels in English and Chinese,
    whether it is sensitive (filled only when allowed) or derived (computed)."""
    return _keys()
