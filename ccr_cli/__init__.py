"""The ``ccr-contract`` command line: the top layer.

Layers, each importing only the ones below it (tests/test_layers.py checks this):

* ``ccr_cli`` — the command line (this package);
* ``ccr_conformance`` — the conformance suite, which tests servers from the outside;
* ``ccr_contract`` — the library: spec, signer, reference server, codegen, docs builder.
"""
