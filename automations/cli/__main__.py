"""`python -m automations.cli`: the same as the `plaint` console script."""

from automations.cli import main

main()
