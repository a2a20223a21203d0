"""``python -m presswork`` runs the ``presswork`` command."""

import sys

from presswork.cli import main

sys.exit(main())
