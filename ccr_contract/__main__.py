"""``python -m ccr_contract`` runs the CLI (same as the ``ccr-contract`` console script)."""

import sys

from ccr_contract.cli import main

sys.exit(main())
