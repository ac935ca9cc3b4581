# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The period summaries' formulas (policy P2.8 and P4.2) in plain Python.

The addon applies them once, in the SQL view of the summaries
(``reports/helpdesk_engineer_appraisal_summary.py``). These hand-written
formulas are what the tests check the view against: the pure tests test them,
the Odoo tests compare the view's rows with them. Free of Odoo: ``scoring.py``
is loaded from its file, so the addon's package is never imported.
"""

import importlib.util
from pathlib import Path

_SPEC = importlib.util.spec_from_file_location(
    "scoring", Path(__file__).resolve().parents[2] / "scoring.py"
)
scoring = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(scoring)

_PERIOD_MONTHS = {
    scoring.PERIOD_QUARTER: 3,
    scoring.PERIOD_HALF_YEAR: 6,
    scoring.PERIOD_YEAR: 12,
}


def half_year_penalty(overdue_tasks, penalty_per_task):
    """Points taken from the half-year total for overdue tasks (policy P4.2)."""
    return overdue_tasks * penalty_per_task


def period_start(day, period_type):
    """First day of the quarter, half-year or year that ``day`` lies in."""
    months = _PERIOD_MONTHS[period_type]
    return day.replace(month=(day.month - 1) // months * months + 1, day=1)


def summary_score(mean_total, overdue_tasks, penalty_per_task):
    """Final score of a period: the mean monthly total minus the overdue-task
    penalty, never below 0. Only half-years have overdue tasks (policy P4.2):
    quarters and years pass 0."""
    return max(0.0, mean_total - half_year_penalty(overdue_tasks, penalty_per_task))
