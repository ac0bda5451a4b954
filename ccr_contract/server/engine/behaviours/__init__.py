"""Every hand-written behaviour the engine can run, by the name the spec gives it.

A spec resource names a behaviour for an operation (``behaviours: {TriggerTagScan: tag-scan}``);
the engine looks the name up in :data:`REGISTRY` and refuses to start when one is missing.  Each
module lists its behaviours as :class:`~ccr_contract.server.engine.crud.Behaviour` records: what
runs for the operation, and what else the behaviour brings (how items read, how they are
prepared at create, the status roles it writes, the events it listens to), in one place.
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
from ccr_contract.server.engine.crud import Behaviour

_MODULES = (personal, artifacts, credentials, executions, filters, instances, network, triggers)


def _registry() -> dict[str, Behaviour]:
    found: dict[str, Behaviour] = {}
    for module in _MODULES:
        for record in module.RECORDS:
            if record.name in found:
                raise ValueError(f"behaviour {record.name} is defined twice ({module.__name__})")
            found[record.name] = record
    return found


#: Behaviour name -> its record.
REGISTRY = _registry()
