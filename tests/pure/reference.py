# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Reference implementations, in plain Python, of rules the addon applies
once elsewhere: the period summaries' formulas (policy P2.8 and P4.2, in the
SQL view ``reports/helpdesk_engineer_appraisal_summary.py``), the area rate
and score (policy P3.4, P3.5, in the area ranking view
``reports/helpdesk_service_area_month.py``) and which callbacks count against
whom (policy P2.2, in ``helpdesk.ticket.callback``'s fact source). These hand-written
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


# Fact rules (the fact sources and the area ranking view apply them).
RATE_MODE_RATIO = scoring.RATE_MODE_RATIO


def engineer_counts(count_by_order, engineers_by_order):
    """Count the events of each order once for every engineer of the order.

    A dissatisfied callback costs each engineer on the order its deduction:
    it is not split between them as points are (policy P2.2). Orders without
    engineers count against nobody.
    """
    counts = {}
    for order, count in count_by_order.items():
        for engineer in engineers_by_order.get(order, ()):
            counts[engineer] = counts.get(engineer, 0) + count
    return counts


def monthly_completion_rate(days, mode):
    """Monthly completion rate R of an area from its ``(due, confirmed)`` days.

    Days with nothing due have no daily rate and are skipped in both modes.
    The mean of the daily rates makes every day weigh the same;
    ``RATE_MODE_RATIO`` divides the month's totals, so every order weighs the
    same. A month with nothing due has no rate: ``None``.
    """
    due_days = [(due, confirmed) for due, confirmed in days if due > 0]
    if not due_days:
        return None
    if mode == RATE_MODE_RATIO:
        total_due = sum(due for due, _confirmed in due_days)
        return sum(confirmed for _due, confirmed in due_days) / total_due
    return sum(confirmed / due for due, confirmed in due_days) / len(due_days)


def area_score(standard_workload, rate):
    """Area score of the leader for a month: Q x R (policy P3.5)."""
    return standard_workload * rate
