"""The helper's endpoints: one flask-smorest ``Blueprint`` per module, all under /api.

To add endpoints (cases, channels …):

1. create ``server/api/<name>.py`` with ``blp = Blueprint("<name>", __name__,
   url_prefix="/api", description=...)`` and its routes, using schemas from
   ``schemas/`` with ``@blp.arguments`` / ``@blp.response`` so they appear in
   /api/openapi.json;
2. add ``"<name>"`` to ``BLUEPRINTS`` below.

Every route is behind ``server.security`` (Host, Origin, token, body size and
type) without doing anything; errors raised with ``server.api.errors.fail`` or
as store errors become the JSON ``{code, message, errors?}`` answer.
"""

from __future__ import annotations

import importlib
from typing import Any

BLUEPRINTS: tuple[str, ...] = (
    "health",
    "pair",
    "keys",
    "profile",
    "fill_payload",
    "cases",
)


def register_blueprints(api: Any) -> None:
    for name in BLUEPRINTS:
        api.register_blueprint(importlib.import_module(f"{__name__}.{name}").blp)
