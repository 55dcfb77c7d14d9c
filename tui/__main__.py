"""`python -m tui` runs the guide, the same as `spasm-guide`."""

import sys

from tui.launch import main

sys.exit(main())
