"""`python -m calaccess` is the `calaccess` command."""

from calaccess.cli import main

main()
