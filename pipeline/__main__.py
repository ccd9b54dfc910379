"""``python -m pipeline`` runs the ``wapenradar`` command line."""
from .cli import main

main()
