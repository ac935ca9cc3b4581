# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Scoring formulas of the appraisal policy, free of any Odoo import.

Each function states one rule of the policy, ``docs/policy.md``, in plain
Python so that it can be tested without a database and read side by side with
the rule it cites by number (``P1.4``). The Odoo models feed these functions
with values they read in batch. The rules that SQL views apply too are tables
here (``GRADE_BANDS``, ``RANK_DIGITS``) from which ``reports/scoring_sql.py``
builds their SQL.
"""

import dataclasses
import datetime
import itertools
import math
from decimal import ROUND_HALF_UP, Decimal
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
    their part goes to the engineers (policy P1.4, credit split). An order
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


def local_day(moment, tz_name=None):
    """Calendar day of the naive UTC datetime ``moment`` seen from ``tz_name``."""
    utc_time = moment.replace(tzinfo=datetime.timezone.utc)
    return utc_time.astimezone(ZoneInfo(tz_name or "UTC")).date()


def closing_month(closed_at, tz_name=None):
    """First day of the month an order closed in, seen from ``tz_name``.

    ``closed_at`` is a naive UTC datetime as Odoo stores it. An order closed
    at 00:30 on the 1st in Shanghai belongs to that month, not to the
    previous one as its UTC time would say.
    """
    return local_day(closed_at, tz_name).replace(day=1)


# Service areas (policy P3.4): how the monthly completion rate is taken.
RATE_MODE_DAILY_MEAN = "daily_mean"
RATE_MODE_RATIO = "ratio"


# Customer callbacks (policy P2.2, customer evaluation).
CALLBACK_DISSATISFIED = "dissatisfied"


def month_start(day):
    """First day of the month of ``day``: the month a dated fact counts in."""
    return day.replace(day=1)


# Assigned tasks (policy P4.1): execution status of a task with a deadline.
TASK_OPEN = "open"
TASK_ON_TIME = "on_time"
TASK_OVERDUE = "overdue"
TASK_OPEN_PAST_DEADLINE = "open_past_deadline"
# Both count as overdue in the half-year penalty.
TASK_OVERDUE_STATUSES = (TASK_OVERDUE, TASK_OPEN_PAST_DEADLINE)


def task_execution_status(deadline_day, completion_day, today):
    """How an assigned task was executed, judged by calendar days.

    The deadline day counts: a task completed on it is on time, from the next
    day on it is overdue. An open task is past its deadline from the day after
    the deadline day. A task without deadline is never overdue.
    """
    if completion_day:
        if deadline_day and completion_day > deadline_day:
            return TASK_OVERDUE
        return TASK_ON_TIME
    if deadline_day and today > deadline_day:
        return TASK_OPEN_PAST_DEADLINE
    return TASK_OPEN


def task_points(status, quality):
    """Points of an assigned task: its quality score when done on time, else 0."""
    return quality if status == TASK_ON_TIME else 0.0


# Monthly appraisal (policy P2).
GRADE_EXCELLENT = "excellent"
GRADE_GOOD = "good"
GRADE_PASS = "pass"
GRADE_BELOW_STANDARD = "below_standard"
GRADE_FAIL = "fail"
# The grade bands, best first: each grade and the setting holding the lowest
# total that earns it (``appraisal_<setting>`` on the company, ``<setting>``
# frozen on the appraisal). A total below every band fails. ``grade`` and the
# SQL of the period summaries (``reports/scoring_sql.py``) both read this
# table: a band is added here, with its settings.
GRADE_BANDS = (
    (GRADE_EXCELLENT, "grade_excellent"),
    (GRADE_GOOD, "grade_good"),
    (GRADE_PASS, "grade_pass"),
    (GRADE_BELOW_STANDARD, "grade_below_standard"),
)


def efficiency_ratio(earned_points, standard_points):
    """P / S, before the cap."""
    if standard_points <= 0:
        raise ValueError("standard points must be positive")
    return earned_points / standard_points


def efficiency(earned_points, standard_points, cap):
    """E = P / S, capped at ``cap``: beyond the cap extra orders earn nothing."""
    return min(efficiency_ratio(earned_points, standard_points), cap)


def workload_score(maximum, earned_points, standard_points, cap):
    """Workload component: W x E."""
    return maximum * efficiency(earned_points, standard_points, cap)


@dataclasses.dataclass(frozen=True)
class Workload:
    """The workload component and the numbers of its explanation."""

    score: float
    maximum: float  # W
    earned_points: float  # P
    standard_points: float  # S
    ratio: float  # P / S
    cap: float
    efficiency: float  # E
    capped: bool  # the cap took part of P / S off: E is the cap


def workload_component(maximum, earned_points, standard_points, cap):
    """The workload component as a ``Workload``: W x E and how it came."""
    ratio = efficiency_ratio(earned_points, standard_points)
    capped_efficiency = efficiency(earned_points, standard_points, cap)
    return Workload(
        score=workload_score(maximum, earned_points, standard_points, cap),
        maximum=maximum,
        earned_points=earned_points,
        standard_points=standard_points,
        ratio=ratio,
        cap=cap,
        efficiency=capped_efficiency,
        capped=capped_efficiency < ratio,
    )


def deduction_score(maximum, deduction_per_event, events):
    """A component that starts full and loses ``deduction_per_event`` for
    each event (dissatisfied callback, unqualified work log or order form),
    never below 0."""
    return max(0.0, maximum - deduction_per_event * events)


@dataclasses.dataclass(frozen=True)
class Deduction:
    """A deduction component and the numbers of its explanation."""

    score: float
    maximum: float
    deduction_per_event: float
    events: int


def deduction_component(maximum, deduction_per_event, events):
    """A deduction component as a ``Deduction`` (``deduction_score``)."""
    return Deduction(
        score=deduction_score(maximum, deduction_per_event, events),
        maximum=maximum,
        deduction_per_event=deduction_per_event,
        events=events,
    )


TOTAL_MAX = 100.0
# Binary floats turn exact sums of shares into 89.99999999999999; totals are
# kept to this many decimals, far below what the grade bands or a reader see.
TOTAL_DIGITS = 6


def appraisal_total(components):
    """Sum of the components, kept within 0 to 100 (policy P2.5): an area score
    added on top cannot lift a month beyond 100."""
    return round(min(TOTAL_MAX, max(0.0, sum(components))), TOTAL_DIGITS)


@dataclasses.dataclass(frozen=True)
class Total:
    """The total of a month and the numbers of its explanation."""

    score: float
    component_sum: float  # the components added up, before the bounds
    bounded: bool  # the sum lay outside 0 to 100: the total is the bound


def month_total(components):
    """The total of the components as a ``Total`` (``appraisal_total``)."""
    score = appraisal_total(components)
    component_sum = sum(components)
    return Total(
        score=score,
        component_sum=component_sum,
        bounded=round(component_sum, TOTAL_DIGITS) != score,
    )


def grade(total, thresholds):
    """Grade of a total from the lower bounds of the bands.

    ``thresholds`` gives the lowest total of each band of ``GRADE_BANDS``, in
    its order, strictly decreasing (defaults 90, 80, 60, 40); anything lower
    fails. The total is compared unrounded: 89.999 is good, not excellent.
    """
    for lowest, (band, _setting) in zip(thresholds, GRADE_BANDS, strict=True):
        if total >= lowest:
            return band
    return GRADE_FAIL


def thresholds_decreasing(thresholds):
    """Grade thresholds must decrease strictly and lie within (0, 100]."""
    return all(0 < value <= 100 for value in thresholds) and all(
        higher > lower for higher, lower in itertools.pairwise(thresholds)
    )


# Period summaries of the monthly appraisals (policy P2.8 and P4.2): an SQL
# view, reports/helpdesk_engineer_appraisal_summary.py.
PERIOD_QUARTER = "quarter"
PERIOD_HALF_YEAR = "half_year"
PERIOD_YEAR = "year"


# Ranks: the team export of the monthly appraisals, the period summaries and
# the area ranking. Scores are compared at the 2 decimals people see, in the
# views, the PDF and the exports: two rows showing the same number share a
# rank, whatever the third decimal or the float noise of the sum says
# (3 x 0.1 = 0.30000000000000004). A rank orders what people compare; the
# grade bands, a rule with thresholds, compare the unrounded total.
RANK_DIGITS = 2
_RANK_QUANTUM = Decimal(1).scaleb(-RANK_DIGITS)


def rank_key(score):
    """``score`` as ranks compare it: to ``RANK_DIGITS`` decimals, halves
    away from zero, from the float's 15 significant digits. That is what
    PostgreSQL's ``ROUND(score::numeric, RANK_DIGITS)`` does, so Python and
    the SQL views rank alike: 2.675 is 2.68 for both (Python's ``round``
    says 2.67, as the float lies just below 2.675)."""
    return Decimal(f"{score:.15g}").quantize(_RANK_QUANTUM, rounding=ROUND_HALF_UP)


def competition_ranks(scores):
    """Rank of each score, best first; equal scores share the better rank
    and the next rank is skipped (95, 90, 90, 80 -> 1, 2, 2, 4). Scores are
    compared by ``rank_key``."""
    keys = [rank_key(score) for score in scores]
    first_rank = {}
    for position, key in enumerate(sorted(keys, reverse=True), start=1):
        first_rank.setdefault(key, position)
    return [first_rank[key] for key in keys]


# Input bounds: what a number or a date typed into the appraisal may be.
INPUT_NOT_A_NUMBER = "not_a_number"
INPUT_TOO_LOW = "too_low"
INPUT_TOO_HIGH = "too_high"
# Integer columns of PostgreSQL hold 4 bytes.
INTEGER_MAX = 2**31 - 1
# No fact of the appraisal is older than this day.
EARLIEST_FACT_DAY = datetime.date(2000, 1, 1)
# Deadlines and planned days may lie ahead, at most this many years.
YEARS_AHEAD_MAX = 5
# The last time zones to leave a calendar day are 14 hours ahead of UTC.
_LATEST_UTC_OFFSET = datetime.timedelta(hours=14)


def number_problem(value, low=None, high=None, low_excluded=False):
    """Why ``value`` is not an acceptable number, or ``None`` when it is.

    ``INPUT_NOT_A_NUMBER`` for what is not a real finite number (NaN, an
    infinity, text, booleans aside: ``False`` is Odoo's empty number, 0);
    ``INPUT_TOO_LOW`` / ``INPUT_TOO_HIGH`` outside ``[low, high]`` (``None``
    for no bound; ``low_excluded`` when ``low`` itself is too low, as for
    values that must be greater than zero).
    """
    if value is None or value is False:
        value = 0
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return INPUT_NOT_A_NUMBER
    if isinstance(value, str) or not math.isfinite(number):
        return INPUT_NOT_A_NUMBER
    if low is not None and (number < low or (low_excluded and number == low)):
        return INPUT_TOO_LOW
    if high is not None and number > high:
        return INPUT_TOO_HIGH
    return None


def latest_day(now):
    """The latest calendar day anywhere on Earth at the naive UTC ``now``:
    a day that no time zone has reached yet is in the future for everyone."""
    return (now + _LATEST_UTC_OFFSET).date()


def years_ahead(day, years):
    """``day`` moved ``years`` years ahead (28 February for 29 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def date_problem(day, earliest, latest):
    """``INPUT_TOO_LOW`` / ``INPUT_TOO_HIGH`` when the date ``day`` lies
    outside ``[earliest, latest]``, else ``None``."""
    if day < earliest:
        return INPUT_TOO_LOW
    if day > latest:
        return INPUT_TOO_HIGH
    return None


# Timeliness and fix quality of an order (KPI_SPEC G2, G3) ----------------

RESPONSE_STAGE = "stage"
RESPONSE_MESSAGE = "message"
RESPONSE_WORK_LOG = "work_log"

RESOLUTION_RESOLVED = "resolved"
RESOLUTION_NOT_RESOLVED = "not_resolved"
RESOLUTION_ESCALATED = "escalated"
RESOLUTION_NO_FAULT = "no_fault_found"

QA_PASS = "pass"
QA_FAIL = "fail"


def within_target(actual, target):
    """Whether a measured duration meets its target (at most the target);
    ``None`` when the duration is not measured: no data, never a miss."""
    if actual is None or actual is False:
        return None
    return actual <= target


def handling_target_hours(target_days, hours_per_day):
    """The handling target in working hours: ``target_days`` working days
    of the calendar's ``hours_per_day``."""
    return target_days * hours_per_day


def arrival_minutes(arrived_at, reference):
    """Minutes from the ``reference`` moment (appointment or assignment) to
    the arrival on site; an early arrival is 0 minutes late."""
    return max(0.0, (arrived_at - reference).total_seconds() / 60)


def is_rework_in_window(original_closed_at, rework_reported_at, window_days):
    """Whether a rework reported at ``rework_reported_at`` counts against an
    original order first closed at ``original_closed_at``: reported at most
    ``window_days`` days after that closing (or before it). An original
    never closed has no fix to count against."""
    if not original_closed_at or not rework_reported_at:
        return False
    return rework_reported_at - original_closed_at <= datetime.timedelta(
        days=window_days
    )


def resolution_from_callback(work_confirmed, result):
    """The resolution an order's latest reached callback suggests: resolved
    when the customer confirmed the work, else not resolved; ``None`` when
    the customer was not reached."""
    if result == "unreachable":
        return None
    return RESOLUTION_RESOLVED if work_confirmed else RESOLUTION_NOT_RESOLVED


def overlap_hours(intervals, start, stop):
    """Hours of the ``(begin, end)`` ``intervals`` (sorted, not overlapping:
    the working time of a calendar) that lie between ``start`` and ``stop``."""
    seconds = 0.0
    for begin, end in intervals:
        low, high = max(begin, start), min(end, stop)
        if high > low:
            seconds += (high - low).total_seconds()
    return seconds / 3600
