"""Quality checks on translated entries: each check a small function, registered in one place.

- :mod:`pipeline.qa.registry`: what a check is (name, severity, family, precondition) and the
  table of them all;
- :mod:`pipeline.qa.checks`: the checks, one module per family;
- :mod:`pipeline.qa.context`: one context per target language, shared by ``check`` and
  ``review``, that runs them on entries, catalogs and projects;
- :mod:`pipeline.qa.report`: findings at their place, and the exit policy.

False alarms cost reviewers' trust, so a check flags only what is wrong in every correct
translation's eyes: reordered clauses, localised numbers and a different sentence split all pass.
A reviewer silences a check on one entry with a translator comment, which msgmerge keeps::

    # check-ignore: numbers, quotes
"""

from pipeline.qa import checks  # noqa: F401  (registers the checks)
from pipeline.qa.context import CheckContext, check_catalog, check_project, findings_for_entry
from pipeline.qa.registry import CHECKS, ERROR, WARNING, Check, Finding, Pair, check
from pipeline.qa.report import CatalogFinding, fails, summary

__all__ = [
    "CHECKS",
    "ERROR",
    "WARNING",
    "CatalogFinding",
    "Check",
    "CheckContext",
    "Finding",
    "Pair",
    "check",
    "check_catalog",
    "check_project",
    "fails",
    "findings_for_entry",
    "summary",
]
