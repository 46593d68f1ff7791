import sys

from assist.hq.cli import main

sys.exit(main())
