# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Timeliness and fix-quality rules of ``scoring.py`` (KPI_SPEC G2, G3)."""

import importlib.util
from datetime import datetime
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location(
    "scoring", Path(__file__).resolve().parents[2] / "scoring.py"
)
scoring = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(scoring)


@pytest.mark.parametrize(
    ("actual", "target", "expected"),
    [(30.0, 30.0, True), (30.5, 30.0, False), (0.0, 30.0, True), (None, 30, None)],
)
def test_within_target(actual, target, expected):
    assert scoring.within_target(actual, target) is expected


def test_handling_target_hours_is_working_days_of_the_calendar():
    assert scoring.handling_target_hours(1.0, 8.0) == 8.0
    assert scoring.handling_target_hours(1.5, 10.0) == 15.0


CLOSED = datetime(2026, 10, 1, 9, 0)


@pytest.mark.parametrize(
    ("reported", "window", "expected"),
    [
        (datetime(2026, 10, 31, 9, 0), 30, True),  # exactly 30 days later
        (datetime(2026, 10, 31, 9, 1), 30, False),  # one minute too late
        (datetime(2026, 9, 30, 9, 0), 30, True),  # before the closing
        (datetime(2026, 10, 8, 9, 0), 7, True),
        (datetime(2026, 10, 8, 9, 0), 6, False),
    ],
)
def test_rework_window(reported, window, expected):
    assert scoring.is_rework_in_window(CLOSED, reported, window) is expected


def test_rework_of_an_order_never_closed_does_not_count():
    assert scoring.is_rework_in_window(False, datetime(2026, 10, 2), 30) is False


@pytest.mark.parametrize(
    ("confirmed", "result", "expected"),
    [
        (True, "satisfied", "resolved"),
        (False, "dissatisfied", "not_resolved"),
        (False, "neutral", "not_resolved"),
        (True, "unreachable", None),
    ],
)
def test_resolution_from_callback(confirmed, result, expected):
    assert scoring.resolution_from_callback(confirmed, result) == expected


def test_overlap_hours_counts_only_working_time_between_the_moments():
    # An 8-18 calendar: Friday 2 Oct and Monday 5 Oct 2026.
    work = [
        (datetime(2026, 10, 2, 8), datetime(2026, 10, 2, 18)),
        (datetime(2026, 10, 5, 8), datetime(2026, 10, 5, 18)),
    ]
    friday_17 = datetime(2026, 10, 2, 17)
    monday_0930 = datetime(2026, 10, 5, 9, 30)
    assert scoring.overlap_hours(work, friday_17, monday_0930) == 2.5
    assert scoring.overlap_hours(work, monday_0930, monday_0930) == 0.0
    weekend = (datetime(2026, 10, 3), datetime(2026, 10, 4))
    assert scoring.overlap_hours(work, *weekend) == 0


def test_arrival_minutes_from_the_reference_never_negative():
    reference = datetime(2026, 10, 5, 9, 0)
    assert scoring.arrival_minutes(datetime(2026, 10, 5, 10, 30), reference) == 90.0
    # Early: on site before the appointment is 0 minutes late.
    assert scoring.arrival_minutes(datetime(2026, 10, 5, 8, 45), reference) == 0.0
