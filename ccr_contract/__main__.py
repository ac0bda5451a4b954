"""``python -m ccr_contract`` runs the CLI (same as the ``ccr-contract`` console script).

Kept so commands documented as ``python -m ccr_contract ...`` keep working; it is an entry point,
never imported by the library, so the layers stay one-way (the CLI lives in ``ccr_cli``).
"""

import sys

from ccr_cli.main import main

sys.exit(main())
