"""``ccr-contract proxy``: a validating, bce-auth-v1-aware proxy that checks real traffic against the contract.

Put it between any client (an application, Baidu's SDKs, curl) and any CCR endpoint (a real account,
the reference server, your own implementation): every request is forwarded unchanged in meaning and
every answer streamed back, while both are judged with the project's own code -- the reference
server's router, validator and verifier for requests, the conformance suite's judges for answers --
and reported live on stderr and, at the end, in the suite's report formats (see docs-src/proxy.md).

Modules: :mod:`.rules` (the request rules), :mod:`.inspector` (judging), :mod:`.forwarding` (the
ASGI app), :mod:`.recorder` (results, live lines, coverage), :mod:`.reporting` (the suite's report
writers fed the proxy's results), :mod:`.session` (spec check, serving, the wrapped command).
"""
