"""python -m gratitude_desktop"""

import sys

from gratitude_desktop.app import main

sys.exit(main())
