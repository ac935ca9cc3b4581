# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Scoring formulas of the policy (docs/policy.md), tested without Odoo.

``scoring.py`` is loaded from its file so that the addon's package, which
imports Odoo, is never imported here; so is ``reference.py``, the summaries'
formulas that the tests check the SQL view against.
"""

import importlib.util
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from unittest import mock

import pytest

_SPEC = importlib.util.spec_from_file_location(
    "scoring", Path(__file__).resolve().parents[2] / "scoring.py"
)
scoring = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(scoring)
_REFERENCE_SPEC = importlib.util.spec_from_file_location(
    "reference", Path(__file__).resolve().parent / "reference.py"
)
reference = importlib.util.module_from_spec(_REFERENCE_SPEC)
_REFERENCE_SPEC.loader.exec_module(reference)


def credit(**overrides):
    values = {
        "role": scoring.ROLE_ENGINEER,
        "engineer_count": 1,
        "difficulty_points": 1.0,
        "is_closed": True,
        "is_duplicate": False,
        "has_work_log": True,
    }
    values.update(overrides)
    return scoring.participant_credit(**values)


@pytest.mark.parametrize(
    ("engineers", "share"), [(0, 0.0), (1, 1.0), (2, 0.5), (3, 1 / 3), (4, 0.25)]
)
def test_engineer_share_is_an_even_split(engineers, share):
    assert scoring.engineer_share(engineers) == pytest.approx(share)


def test_single_engineer_earns_the_whole_order():
    assert credit(difficulty_points=1.5) == (1.0, 1.5, None)


def test_two_engineers_and_an_intern_on_a_hard_order():
    # Policy P1.4: 0.75 + 0.75 + 0.
    engineer = credit(engineer_count=2, difficulty_points=1.5)
    intern = credit(role=scoring.ROLE_INTERN, engineer_count=2, difficulty_points=1.5)
    assert engineer == (0.5, 0.75, None)
    assert intern == (0.0, 0.0, scoring.REASON_INTERN)


def test_worked_example_points():
    # Policy P5: 30 standard orders alone, 6 hard ones shared with B and an intern.
    alone = credit(difficulty_points=1.0)[1]
    shared = credit(engineer_count=2, difficulty_points=1.5)[1]
    assert 30 * alone + 6 * shared == pytest.approx(34.5)


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"is_duplicate": True}, scoring.REASON_DUPLICATE),
        ({"is_closed": False}, scoring.REASON_NOT_CLOSED),
        ({"difficulty_points": None}, scoring.REASON_NOT_REVIEWED),
        ({"role": scoring.ROLE_INTERN}, scoring.REASON_INTERN),
        ({"has_work_log": False}, scoring.REASON_NO_WORK_LOG),
        # The first failing rule is the one reported.
        ({"is_duplicate": True, "is_closed": False}, scoring.REASON_DUPLICATE),
        ({"is_closed": False, "difficulty_points": None}, scoring.REASON_NOT_CLOSED),
        (
            {"difficulty_points": None, "has_work_log": False},
            scoring.REASON_NOT_REVIEWED,
        ),
    ],
)
def test_invalid_orders_earn_nothing_with_a_reason(overrides, reason):
    share, points, invalid_reason = credit(**overrides)
    assert points == 0.0
    assert invalid_reason == reason


def test_pending_order_still_shows_the_share_it_would_earn():
    assert credit(engineer_count=2, difficulty_points=None)[0] == 0.5


def test_only_interns_earn_nothing():
    assert credit(role=scoring.ROLE_INTERN, engineer_count=0) == (
        0.0,
        0.0,
        scoring.REASON_INTERN,
    )


@pytest.mark.parametrize(
    ("closed_at", "tz_name", "month"),
    [
        (datetime(2026, 10, 31, 16, 30), "Asia/Shanghai", date(2026, 11, 1)),
        (datetime(2026, 10, 31, 16, 30), "UTC", date(2026, 10, 1)),
        (datetime(2026, 10, 31, 16, 30), None, date(2026, 10, 1)),
        (datetime(2026, 10, 1, 0, 0), "America/New_York", date(2026, 9, 1)),
        (datetime(2026, 12, 31, 23, 59), "UTC", date(2026, 12, 1)),
    ],
)
def test_closing_month_in_the_local_time_zone(closed_at, tz_name, month):
    assert scoring.closing_month(closed_at, tz_name) == month


@pytest.mark.parametrize(
    ("day", "month"),
    [
        (date(2026, 10, 1), date(2026, 10, 1)),
        (date(2026, 10, 31), date(2026, 10, 1)),
        (date(2024, 2, 29), date(2024, 2, 1)),
    ],
)
def test_month_start(day, month):
    assert scoring.month_start(day) == month


DEADLINE = date(2026, 10, 20)


@pytest.mark.parametrize(
    ("deadline_day", "completion_day", "today", "status"),
    [
        # Done on the deadline day: on time, whatever today is.
        (DEADLINE, DEADLINE, date(2026, 11, 5), scoring.TASK_ON_TIME),
        (DEADLINE, date(2026, 10, 19), DEADLINE, scoring.TASK_ON_TIME),
        # Done the next day or later: overdue.
        (DEADLINE, date(2026, 10, 21), date(2026, 10, 21), scoring.TASK_OVERDUE),
        (DEADLINE, date(2026, 12, 1), date(2026, 12, 1), scoring.TASK_OVERDUE),
        # Open on the deadline day: still open; the day after: past deadline.
        (DEADLINE, None, DEADLINE, scoring.TASK_OPEN),
        (DEADLINE, None, date(2026, 10, 19), scoring.TASK_OPEN),
        (DEADLINE, None, date(2026, 10, 21), scoring.TASK_OPEN_PAST_DEADLINE),
        # No deadline: never overdue.
        (None, None, date(2030, 1, 1), scoring.TASK_OPEN),
        (None, date(2030, 1, 1), date(2030, 1, 1), scoring.TASK_ON_TIME),
    ],
)
def test_task_execution_status_at_the_deadline_boundary(
    deadline_day, completion_day, today, status
):
    assert scoring.task_execution_status(deadline_day, completion_day, today) == status


@pytest.mark.parametrize(
    ("status", "points"),
    [
        (scoring.TASK_ON_TIME, 4.5),
        (scoring.TASK_OVERDUE, 0.0),
        (scoring.TASK_OPEN_PAST_DEADLINE, 0.0),
        (scoring.TASK_OPEN, 0.0),
    ],
)
def test_task_points_only_when_on_time(status, points):
    assert scoring.task_points(status, 4.5) == points


def test_both_late_statuses_count_as_overdue():
    assert set(scoring.TASK_OVERDUE_STATUSES) == {
        scoring.TASK_OVERDUE,
        scoring.TASK_OPEN_PAST_DEADLINE,
    }


@pytest.mark.parametrize(
    ("moment", "tz_name", "day"),
    [
        # 20:00 UTC on the 20th is already the 21st in Shanghai (UTC+8).
        (datetime(2026, 10, 20, 20, 0), "Asia/Shanghai", date(2026, 10, 21)),
        (datetime(2026, 10, 20, 20, 0), "UTC", date(2026, 10, 20)),
        (datetime(2026, 10, 20, 20, 0), None, date(2026, 10, 20)),
        (datetime(2026, 10, 20, 2, 0), "America/New_York", date(2026, 10, 19)),
    ],
)
def test_local_day_in_the_time_zone(moment, tz_name, day):
    assert scoring.local_day(moment, tz_name) == day


@pytest.mark.parametrize(
    ("closed_at", "tz_name", "day"),
    [
        (datetime(2026, 10, 3, 23, 30), "Asia/Shanghai", date(2026, 10, 4)),
        (datetime(2026, 10, 3, 23, 30), "UTC", date(2026, 10, 3)),
        (datetime(2026, 10, 3, 23, 30), None, date(2026, 10, 3)),
        (datetime(2026, 10, 4, 3, 0), "America/New_York", date(2026, 10, 3)),
    ],
)
def test_closing_day_in_the_leader_time_zone(closed_at, tz_name, day):
    assert scoring.local_day(closed_at, tz_name) == day


# Monthly appraisal (policy P2 and the worked example P5).


def test_worked_example_total_and_grade():
    # P = 34.5, S = 40: E = 0.8625, workload = 60 x 0.8625 = 51.75;
    # 3 dissatisfied callbacks: 20 - 3 x 2 = 14; 2 bad work logs: 10 - 2 = 8.
    workload = scoring.workload_score(60, 34.5, 40, 1.0)
    customer = scoring.deduction_score(20, 2, 3)
    work_log = scoring.deduction_score(10, 1, 2)
    order_form = scoring.deduction_score(10, 1, 0)
    total = workload + customer + work_log + order_form
    assert (workload, customer, work_log, order_form) == (51.75, 14, 8, 10)
    assert total == pytest.approx(83.75)
    assert scoring.grade(total, (90, 80, 60, 40)) == scoring.GRADE_GOOD


@pytest.mark.parametrize(
    ("earned", "standard", "cap", "expected"),
    [
        (34.5, 40, 1.0, 0.8625),
        (52, 40, 1.0, 1.0),  # capped
        (52, 40, 1.2, 1.2),  # a higher cap lets more through
        (0, 40, 1.0, 0.0),
        (30, 30, 1.0, 1.0),  # per-employee standard points
    ],
)
def test_efficiency_is_capped(earned, standard, cap, expected):
    assert scoring.efficiency(earned, standard, cap) == pytest.approx(expected)


def test_efficiency_needs_positive_standard_points():
    with pytest.raises(ValueError):
        scoring.efficiency(10, 0, 1.0)


@pytest.mark.parametrize(
    ("maximum", "per_event", "events", "expected"),
    [(20, 2, 0, 20), (20, 2, 3, 14), (20, 2, 10, 0), (20, 2, 11, 0), (10, 1.5, 3, 5.5)],
)
def test_deductions_never_go_below_zero(maximum, per_event, events, expected):
    assert scoring.deduction_score(maximum, per_event, events) == expected


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        (100, scoring.GRADE_EXCELLENT),
        (90, scoring.GRADE_EXCELLENT),
        (89.99, scoring.GRADE_GOOD),
        (80, scoring.GRADE_GOOD),
        (79.99, scoring.GRADE_PASS),
        (60, scoring.GRADE_PASS),
        (59.99, scoring.GRADE_BELOW_STANDARD),
        (40, scoring.GRADE_BELOW_STANDARD),
        (39.99, scoring.GRADE_FAIL),
        (0, scoring.GRADE_FAIL),
    ],
)
def test_grade_band_boundaries(total, expected):
    assert scoring.grade(total, (90, 80, 60, 40)) == expected


@pytest.mark.parametrize(
    ("thresholds", "valid"),
    [
        ((90, 80, 60, 40), True),
        ((95, 85, 70, 50), True),
        ((90, 90, 60, 40), False),  # not strictly decreasing
        ((80, 90, 60, 40), False),
        ((90, 80, 60, 0), False),  # a band must start above 0
        ((110, 80, 60, 40), False),  # nothing scores over 100
    ],
)
def test_grade_thresholds_must_decrease(thresholds, valid):
    assert scoring.thresholds_decreasing(thresholds) is valid


def test_half_year_penalty():
    # Policy P4.2: minus 2 per overdue task.
    assert reference.half_year_penalty(3, 2) == 6


@pytest.mark.parametrize(
    ("day", "period_type", "start"),
    [
        (date(2026, 1, 1), scoring.PERIOD_QUARTER, date(2026, 1, 1)),
        (date(2026, 3, 31), scoring.PERIOD_QUARTER, date(2026, 1, 1)),
        (date(2026, 4, 1), scoring.PERIOD_QUARTER, date(2026, 4, 1)),
        (date(2026, 12, 31), scoring.PERIOD_QUARTER, date(2026, 10, 1)),
        (date(2026, 6, 30), scoring.PERIOD_HALF_YEAR, date(2026, 1, 1)),
        (date(2026, 7, 1), scoring.PERIOD_HALF_YEAR, date(2026, 7, 1)),
        (date(2026, 12, 31), scoring.PERIOD_HALF_YEAR, date(2026, 7, 1)),
        (date(2026, 1, 1), scoring.PERIOD_YEAR, date(2026, 1, 1)),
        (date(2026, 12, 31), scoring.PERIOD_YEAR, date(2026, 1, 1)),
    ],
)
def test_period_start(day, period_type, start):
    assert reference.period_start(day, period_type) == start


@pytest.mark.parametrize(
    ("mean_total", "overdue", "score"),
    [
        (89.0, 0, 89.0),
        (89.0, 2, 85.0),  # 89 - 2 x 2
        (13.2, 7, 0.0),  # 13.2 - 14 is negative: 0
        (4.0, 2, 0.0),  # exactly 0
    ],
)
def test_summary_score(mean_total, overdue, score):
    assert reference.summary_score(mean_total, overdue, 2.0) == pytest.approx(score)


@pytest.mark.parametrize(
    ("components", "total"),
    [
        ((51.75, 14, 8, 10), 83.75),
        ((60, 20, 10, 10, 7.5), 100.0),  # an added area score stops at 100
        ((0, 0, 0, 0), 0.0),
    ],
)
def test_total_stays_within_0_and_100(components, total):
    assert scoring.appraisal_total(components) == pytest.approx(total)


def test_exact_sum_of_thirds_is_excellent():
    # 60 very hard orders shared by 3 engineers: P = 60 x 2.0 / 3 = 40 on
    # paper, 39.99999999999999 in binary floats; E = 1 -> 60, and 3
    # dissatisfied callbacks, 2 work logs and 2 order forms: 60 + 14 + 8 + 8.
    earned = sum([2.0 / 3] * 60)
    assert earned < 40
    workload = scoring.workload_score(60, earned, 40, 1.0)
    total = scoring.appraisal_total((workload, 14, 8, 8))
    assert total == 90
    assert scoring.grade(total, (90, 80, 60, 40)) == scoring.GRADE_EXCELLENT


def test_a_total_just_below_a_band_keeps_its_grade():
    total = scoring.appraisal_total((59.999, 14, 8, 8))
    assert total == pytest.approx(89.999)
    assert scoring.grade(total, (90, 80, 60, 40)) == scoring.GRADE_GOOD


@pytest.mark.parametrize(
    ("scores", "ranks"),
    [
        ([], []),
        ([83.75], [1]),
        ([80.0, 95.0, 90.0, 90.0], [4, 1, 2, 2]),
        # 90.001 and 90.004 both show as 90.0: a tie.
        ([90.001, 90.004, 89.0], [1, 1, 3]),
    ],
)
def test_competition_ranks(scores, ranks):
    assert scoring.competition_ranks(scores) == ranks


# Each component returns its score and the numbers of its explanation.


@pytest.mark.parametrize(
    ("earned", "standard", "ratio"),
    [(34.5, 40, 0.8625), (79.5, 40, 1.9875), (0, 40, 0.0), (30, 30, 1.0)],
)
def test_efficiency_ratio_is_not_capped(earned, standard, ratio):
    assert scoring.efficiency_ratio(earned, standard) == pytest.approx(ratio)


def test_efficiency_ratio_needs_positive_standard_points():
    with pytest.raises(ValueError):
        scoring.efficiency_ratio(10, 0)


def test_workload_component_of_the_worked_example():
    # P 34.5 / S 40 = 0.8625 below the cap 1: E = 0.8625; 60 x 0.8625 = 51.75.
    assert scoring.workload_component(60, 34.5, 40, 1.0) == scoring.Workload(
        score=51.75,
        maximum=60,
        earned_points=34.5,
        standard_points=40,
        ratio=0.8625,
        cap=1.0,
        efficiency=0.8625,
        capped=False,
    )


def test_workload_component_capped():
    # P 79.5 / S 40 = 1.9875 over the cap 1: E = 1; 60 x 1 = 60.
    workload = scoring.workload_component(60, 79.5, 40, 1.0)
    assert workload.ratio == 1.9875
    assert workload.efficiency == 1.0
    assert workload.capped is True
    assert workload.score == 60


@pytest.mark.parametrize(
    ("earned", "cap", "efficiency", "capped"),
    [
        (40, 1.0, 1.0, False),  # exactly at the cap: nothing taken off
        (48, 1.2, 1.2, False),  # 48 / 40 = 1.2, the higher cap
        (52, 1.2, 1.2, True),  # 52 / 40 = 1.3 over 1.2
    ],
)
def test_workload_component_at_the_cap(earned, cap, efficiency, capped):
    workload = scoring.workload_component(60, earned, 40, cap)
    assert workload.efficiency == pytest.approx(efficiency)
    assert workload.capped is capped
    assert workload.score == pytest.approx(60 * efficiency)


@pytest.mark.parametrize(
    ("maximum", "per_event", "events", "score"),
    [(20, 2, 3, 14), (20, 2, 11, 0), (10, 1, 0, 10), (10, 1.5, 3, 5.5)],
)
def test_deduction_component(maximum, per_event, events, score):
    # max(0, 20 - 2 x 3) = 14; max(0, 20 - 2 x 11) = 0; 10 - 1.5 x 3 = 5.5.
    assert scoring.deduction_component(maximum, per_event, events) == (
        scoring.Deduction(
            score=score, maximum=maximum, deduction_per_event=per_event, events=events
        )
    )


@pytest.mark.parametrize(
    ("components", "score", "component_sum", "bounded"),
    [
        ((51.75, 14, 8, 10), 83.75, 83.75, False),
        # An added area score stops at 100: 107.5 -> 100.
        ((0, 80, 10, 10, 7.5), 100.0, 107.5, True),
        # Below 0 (only negative components could): -2 -> 0.
        ((-3.0, 1.0), 0.0, -2.0, True),
        ((0, 0, 0, 0), 0.0, 0.0, False),
        # Exactly 100 is within the bounds.
        ((60, 20, 10, 10), 100.0, 100.0, False),
    ],
)
def test_month_total(components, score, component_sum, bounded):
    total = scoring.month_total(components)
    assert total.score == pytest.approx(score)
    assert total.component_sum == pytest.approx(component_sum)
    assert total.bounded is bounded


def test_month_total_float_noise_is_not_a_bound():
    # 60 x (sum of 60 thirds of 2.0) / 40 + 14 + 8 + 8 = 89.99999999999999 in
    # binary floats, kept as 90: rounding, not the 0-100 bounds.
    workload = scoring.workload_score(60, sum([2.0 / 3] * 60), 40, 1.0)
    total = scoring.month_total((workload, 14, 8, 8))
    assert total.component_sum < 90
    assert total.score == 90
    assert total.bounded is False


def test_grade_bands_table_order():
    assert [grade for grade, _setting in scoring.GRADE_BANDS] == [
        scoring.GRADE_EXCELLENT,
        scoring.GRADE_GOOD,
        scoring.GRADE_PASS,
        scoring.GRADE_BELOW_STANDARD,
    ]
    assert [setting for _grade, setting in scoring.GRADE_BANDS] == [
        "grade_excellent",
        "grade_good",
        "grade_pass",
        "grade_below_standard",
    ]


def test_a_band_added_to_the_table_grades():
    # One edit: a band "outstanding" from 97 above excellent. (mock, not
    # pytest's monkeypatch: Odoo's runner runs this test too.)
    bands = (("outstanding", "grade_outstanding"), *scoring.GRADE_BANDS)
    thresholds = (97, 90, 80, 60, 40)
    with mock.patch.object(scoring, "GRADE_BANDS", bands):
        assert scoring.grade(98, thresholds) == "outstanding"
        assert scoring.grade(96.99, thresholds) == scoring.GRADE_EXCELLENT
        assert scoring.grade(39.99, thresholds) == scoring.GRADE_FAIL


def test_grade_needs_one_threshold_per_band():
    with pytest.raises(ValueError):
        scoring.grade(10, (90, 80, 60))


@pytest.mark.parametrize(
    ("score", "key"),
    [
        (83.75, "83.75"),
        (90.004, "90.00"),
        (90.005, "90.01"),  # halves away from zero
        # The float of 2.675 lies below it (Python's round says 2.67); read
        # to 15 significant digits, as PostgreSQL does, it is 2.675 -> 2.68.
        (2.675, "2.68"),
        (89.995, "90.00"),
        (0.1 + 0.2, "0.30"),  # 0.30000000000000004
        (456 / 11, "41.45"),  # 41.4545...
        (60 / 7, "8.57"),  # 8.5714...
        (0.0, "0.00"),
    ],
)
def test_rank_key_to_the_rank_digits(score, key):
    assert scoring.RANK_DIGITS == 2
    assert scoring.rank_key(score) == Decimal(key)
    assert str(scoring.rank_key(score)) == key


def test_ranks_tie_what_shows_the_same():
    # 2.675 and 2.68 both show as 2.68; 89.995 and 90.0 both as 90.00.
    assert scoring.competition_ranks([2.675, 2.68, 2.67]) == [1, 1, 3]
    assert scoring.competition_ranks([89.995, 90.0, 90.02]) == [2, 2, 1]
