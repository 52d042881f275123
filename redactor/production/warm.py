"""Loaded into the server process that starts the local workers, before it starts any.

The server is first told to die with the main process (see
:func:`redactor.production.executors.die_with_parent`). Then importing this
module loads the detectors' models (the spaCy pipeline, the pattern packs, the
recogniser registry) once, in the server; every worker it forks, and every
worker that later replaces one, starts with them in memory instead of loading
them again.
"""

from .executors import die_with_parent

die_with_parent()

from .worker import warm_up  # noqa: E402 (after the line above: loading takes seconds)

warm_up()
