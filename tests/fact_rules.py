# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Reference implementations of rules the addon applies in SQL or in its fact
sources, stated once more in plain Python for the tests to check them against.

Production never calls these: the area rate and score live in the area
ranking view (``reports/helpdesk_service_area_month.py``), the callbacks that
count against an engineer in ``helpdesk.ticket.callback``'s fact source. This
file imports nothing of the addon or of Odoo, so that pytest loads it by path.
"""

# scoring.RATE_MODE_RATIO, restated (a pure test checks they agree).
RATE_MODE_RATIO = "ratio"


def engineer_counts(count_by_order, engineers_by_order):
    """Count the events of each order once for every engineer of the order.

    A dissatisfied callback costs each engineer on the order its deduction:
    it is not split between them as points are (POLICY 2). Orders without
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
    """Area score of the leader for a month: Q x R (POLICY 3)."""
    return standard_workload * rate
