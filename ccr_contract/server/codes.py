"""Every BCE error code the reference server answers with, named once.

Auth failure codes are not here: they come from the spec's ``x-bce-auth.errors``.  Nor are status
values (an execution's ``InProgress``, a scan's ``Success``): the spec names them by role in
``x-bce-states`` and behaviours ask for the role (:mod:`ccr_contract.states`).
"""

from __future__ import annotations

# Error codes of the BCE error body.
INVALID_REQUEST = "InvalidHTTPRequest"
MALFORMED_JSON = "MalformedJSON"
NOT_FOUND = "NotFound"
METHOD_NOT_ALLOWED = "MethodNotAllowed"
STATUS_CONFLICT = "StatusConflict"
INTERNAL_ERROR = "InternalError"
