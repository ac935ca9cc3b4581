# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Scoring formulas of the appraisal policy, free of any Odoo import.

Each function states one rule of POLICY.md in plain Python so that it can be
tested without a database and read side by side with the policy. The Odoo
models feed these functions with values they read in batch.
"""

import datetime
from zoneinfo import ZoneInfo

ROLE_ENGINEER = "engineer"
ROLE_INTERN = "intern"

# Why a participant's line earns nothing, in the order the checks apply.
REASON_DUPLICATE = "duplicate"
REASON_NOT_CLOSED = "not_closed"
REASON_NOT_REVIEWED = "not_reviewed"
REASON_INTERN = "intern"
REASON_NO_WORK_LOG = "no_work_log"


def engineer_share(engineer_count):
    """Fraction of an order's points earned by each engineer on it.

    Points are split evenly between engineers only; interns take no share, so
    their part goes to the engineers (POLICY 1, credit split). An order
    without engineers has no share to give.
    """
    if engineer_count <= 0:
        return 0.0
    return 1.0 / engineer_count


def participant_credit(
    *,
    role,
    engineer_count,
    difficulty_points,
    is_closed,
    is_duplicate,
    has_work_log,
):
    """Return ``(share, points, invalid_reason)`` of one participant.

    ``difficulty_points`` is the reviewed (final) difficulty, ``None`` while
    the order is not reviewed. ``share`` is the participant's part of the
    order whether or not it is valid, so pending orders show what they would
    earn; ``points`` is earned only when ``invalid_reason`` is ``None``.
    """
    share = engineer_share(engineer_count) if role == ROLE_ENGINEER else 0.0
    if is_duplicate:
        reason = REASON_DUPLICATE
    elif not is_closed:
        reason = REASON_NOT_CLOSED
    elif difficulty_points is None:
        reason = REASON_NOT_REVIEWED
    elif role != ROLE_ENGINEER:
        reason = REASON_INTERN
    elif not has_work_log:
        reason = REASON_NO_WORK_LOG
    else:
        return share, difficulty_points * share, None
    return share, 0.0, reason


def closing_month(closed_at, tz_name=None):
    """First day of the month an order closed in, seen from ``tz_name``.

    ``closed_at`` is a naive UTC datetime as Odoo stores it. An order closed
    at 00:30 on the 1st in Shanghai belongs to that month, not to the
    previous one as its UTC time would say.
    """
    utc_time = closed_at.replace(tzinfo=datetime.timezone.utc)
    local_day = utc_time.astimezone(ZoneInfo(tz_name or "UTC")).date()
    return local_day.replace(day=1)


# Service areas (POLICY 3): how the monthly completion rate is taken.
RATE_MODE_DAILY_MEAN = "daily_mean"
RATE_MODE_RATIO = "ratio"


def closing_day(closed_at, tz_name=None):
    """Day an order closed on, seen from ``tz_name`` (naive UTC input).

    An order closed at 23:30 UTC on the 3rd was closed on the 4th in
    Shanghai: the area leader's time zone decides the day (POLICY 3).
    """
    utc_time = closed_at.replace(tzinfo=datetime.timezone.utc)
    return utc_time.astimezone(ZoneInfo(tz_name or "UTC")).date()


def monthly_completion_rate(days, mode):
    """Monthly completion rate R of an area from its ``(due, confirmed)`` days.

    Days with nothing due have no daily rate and are skipped in both modes.
    ``RATE_MODE_DAILY_MEAN`` averages the daily rates, so every day weighs the
    same; ``RATE_MODE_RATIO`` divides the month's totals, so every order weighs
    the same. A month with nothing due has no rate: ``None``.
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
