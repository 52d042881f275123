"""review: a person looks at every proposed redaction on the page before anything is released.

* :mod:`redactor.review.session`: the review itself: the proposed plan (made as
  the redact command plans it, or read from a plan file), each entry accepted
  or rejected, actions changed, boxes drawn, phrases searched and redacted
  everywhere, undo; Save writes the plan, Apply redacts with it as the redact command does with a plan file;
* :mod:`redactor.review.view`: what the page is sent (positions from the check
  report's page view, :mod:`redactor.check.pageview`);
* :mod:`redactor.review.server`: the local server, on 127.0.0.1 only, every
  request carrying this run's token; the page, its script and styles ship in
  ``static/``.
"""

from .server import ReviewError, ReviewServer
from .session import ReviewSession, default_output_path, default_plan_path

__all__ = [
    "ReviewError",
    "ReviewServer",
    "ReviewSession",
    "default_output_path",
    "default_plan_path",
]
