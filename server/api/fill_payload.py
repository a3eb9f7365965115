"""``POST /api/fill-payload``: the values to fill a page with, by canonical key."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint

from ..context import helper
from ..fill_payload import UnknownCase, build_fill_payload
from .body import load_body, request_body_doc
from .errors import fail
from .schemas import FillPayloadRequestSchema, FillPayloadSchema

blp = Blueprint(
    "fill_payload", __name__, url_prefix="/api", description="What a complaint form is filled with"
)


@blp.route("/fill-payload", methods=["POST"])
@blp.doc(**request_body_doc(FillPayloadRequestSchema))
@blp.response(200, FillPayloadSchema)
def fill_payload() -> dict[str, Any]:
    """The profile's values (and a case's) for the page at ``url``.

    Sensitive values (ID number, date of birth) are included only for the keys
    listed in ``include_sensitive``.  When the URL belongs to a known complaint
    channel, ``channel`` carries its id, name and per-site fill rules.
    """
    args = load_body(FillPayloadRequestSchema())
    name = args["profile"]
    state = helper()
    profile = state.profiles.current(name)
    if profile is None:
        fail(404, f"There is no profile '{name}' yet: create it with `plaint profile set …`.")
    assert profile is not None
    try:
        return build_fill_payload(
            profile,
            args["url"],
            args["case_id"],
            args["include_sensitive"],
            cases=state.case_store,
        )
    except UnknownCase:
        fail(404, f"Unknown case {args['case_id']}.")
