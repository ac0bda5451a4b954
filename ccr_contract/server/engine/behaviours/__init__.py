"""Every hand-written behaviour the engine can run, by the name the spec gives it.

A spec resource names a behaviour for an operation (``behaviours: {TriggerTagScan: tag-scan}``);
the engine looks the name up here and refuses to start when one is missing.  ``READERS`` adjust
an item as it is read (a scan or execution whose time is up reads as finished); ``PREPARERS``
adjust an item as it is created (a robot's name prefix and secret); ``STATES`` names the status
roles a behaviour writes (``ccr_contract.states``).
"""

from __future__ import annotations

from ccr_contract.server import resources as personal
from ccr_contract.server.engine.behaviours import (
    artifacts,
    credentials,
    executions,
    filters,
    instances,
    network,
    triggers,
)

BEHAVIOURS = {
    **personal.BEHAVIOURS,
    **artifacts.BEHAVIOURS,
    **credentials.BEHAVIOURS,
    **executions.BEHAVIOURS,
    **filters.BEHAVIOURS,
    **instances.BEHAVIOURS,
    **network.BEHAVIOURS,
    **triggers.BEHAVIOURS,
}
READERS = {**artifacts.READERS, **executions.READERS}
#: Behaviour name -> ``(field, roles)`` of the status values it writes on its resource's items:
#: the engine resolves them from the spec's ``x-bce-states`` when it starts, so a spec without one
#: fails the start, not a request.
STATES = {**personal.STATES, **artifacts.STATES, **executions.STATES, **network.STATES, **triggers.STATES}
PREPARERS = {**credentials.PREPARERS}
ON_EVENT = triggers.on_event
