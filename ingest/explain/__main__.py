import sys

from ingest.explain.cli import main

sys.exit(main())
