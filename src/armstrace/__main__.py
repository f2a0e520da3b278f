"""`python -m armstrace`: the same command line as the `armstrace` console script."""

from armstrace.cli import main

main()
