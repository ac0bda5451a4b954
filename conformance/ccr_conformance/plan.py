"""Which operations the suite exercises: a re-export of :mod:`ccr_contract.plan`, where the rule
lives because the coverage table (library) reads it too and the library never imports the suite."""

from ccr_contract.plan import not_applicable, planned_operations

__all__ = ["not_applicable", "planned_operations"]
