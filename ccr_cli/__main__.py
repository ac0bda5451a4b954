"""``python -m ccr_cli``: the command line without the console script."""

import sys

from ccr_cli.main import main

sys.exit(main())
