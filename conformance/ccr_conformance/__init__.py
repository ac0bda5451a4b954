"""ccr-conformance: checks any CCR server against the ccr-contract OpenAPI document, over HTTP only.

Entry points: ``ccr-contract conformance`` (``ccr_cli.commands.conformance``),
:func:`ccr_conformance.runner.run_suite` (Python), ``ccr_conformance.hooks`` (plain schemathesis CLI)
and ``ccr_conformance.pytest_plugin`` (pytest).  The catalogue is ``conformance/checks.yaml``.
"""
