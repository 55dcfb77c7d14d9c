"""`python -m tui` runs the guide, the same as `spasm-guide`."""

import sys

from tui.cli import main

sys.exit(main())
