import sys

from tandem.matching.engine.cli import main

sys.exit(main())
