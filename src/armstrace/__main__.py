"""`python -m armstrace` runs the command line, like the `armstrace` script."""

from armstrace.cli import main

if __name__ == "__main__":
    main()
