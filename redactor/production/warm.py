"""Loaded into the server process that starts the local workers, before it starts any.

Importing this module loads the detectors' models (the spaCy pipeline, the
pattern packs, the recogniser registry) once, in the server; every worker it
forks, and every worker that later replaces one, starts with them in memory
instead of loading them again.
"""

from .worker import warm_up

warm_up()
