"""plan: what will be done, decided once.

* :mod:`redactor.plan.policy`: the user's policy (terms, never-redact terms,
  categories on or off, actions, labels) and :meth:`Policy.decide`, the one
  place a finding's action is decided;
* :mod:`redactor.plan.plan`: the Plan, one :class:`Redaction` per box or value,
  plain JSON a person can edit and apply again;
* :mod:`redactor.plan.forms`: the spelling rules plan, render and verify share
  (FRCP 5.2 public forms, the other spellings of a value, how they are matched).
"""

from .plan import PLAN_FORMAT, Plan, Redaction, make_plan
from .policy import Policy, Term

__all__ = ["PLAN_FORMAT", "Plan", "Policy", "Redaction", "Term", "make_plan"]
