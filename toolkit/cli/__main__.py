"""`python -m toolkit.cli`."""

from .app import main

main()
