"""`python -m beiancli` is `beian`."""

from beiancli.cli import main

main()
