# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The bounds every number and date typed into the appraisal must respect,
tested without Odoo."""

import importlib.util
import math
from datetime import date, datetime
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location(
    "scoring", Path(__file__).resolve().parents[2] / "scoring.py"
)
scoring = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(scoring)


@pytest.mark.parametrize(
    "value",
    [math.nan, math.inf, -math.inf, "nan", "12", "abc", [1], object(), 10**400],
)
def test_not_a_number(value):
    assert scoring.number_problem(value, 0, 100) == scoring.INPUT_NOT_A_NUMBER


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_not_a_number_even_without_bounds(value):
    assert scoring.number_problem(value) == scoring.INPUT_NOT_A_NUMBER


@pytest.mark.parametrize("value", [0, 0.0, 1, 50.5, 100, False, None, True])
def test_numbers_within_bounds(value):
    assert scoring.number_problem(value, 0, 100) is None


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (-1, scoring.INPUT_TOO_LOW),
        (-1e-9, scoring.INPUT_TOO_LOW),
        (100.0001, scoring.INPUT_TOO_HIGH),
        (1e308, scoring.INPUT_TOO_HIGH),
        (2**31, scoring.INPUT_TOO_HIGH),
    ],
)
def test_numbers_outside_bounds(value, problem):
    assert scoring.number_problem(value, 0, 100) == problem


def test_low_excluded_refuses_the_bound_itself():
    assert scoring.number_problem(0, 0, 10, True) == scoring.INPUT_TOO_LOW
    assert scoring.number_problem(False, 0, 10, True) == scoring.INPUT_TOO_LOW
    assert scoring.number_problem(0.001, 0, 10, True) is None


def test_open_bounds():
    assert scoring.number_problem(-1e300) is None
    assert scoring.number_problem(1e300, 0) is None
    assert scoring.number_problem(-1, None, 5) is None


def test_integer_max_is_the_database_column():
    assert scoring.INTEGER_MAX == 2147483647


def test_latest_day_is_the_first_zone_to_reach_a_day():
    # 09:59 UTC is 23:59 in Kiribati (UTC+14): still the same day there.
    assert scoring.latest_day(datetime(2026, 10, 31, 9, 59)) == date(2026, 10, 31)
    # 10:00 UTC is midnight in Kiribati: the next day has begun somewhere.
    assert scoring.latest_day(datetime(2026, 10, 31, 10, 0)) == date(2026, 11, 1)


def test_years_ahead():
    assert scoring.years_ahead(date(2026, 12, 1), 5) == date(2031, 12, 1)
    assert scoring.years_ahead(date(2028, 2, 29), 1) == date(2029, 2, 28)
    assert scoring.years_ahead(date(2028, 2, 29), 4) == date(2032, 2, 29)


@pytest.mark.parametrize(
    ("day", "problem"),
    [
        (date(1, 1, 1), scoring.INPUT_TOO_LOW),
        (date(1000, 1, 1), scoring.INPUT_TOO_LOW),
        (date(1999, 12, 31), scoring.INPUT_TOO_LOW),
        (date(2000, 1, 1), None),
        (date(2026, 12, 1), None),
        (date(2026, 12, 2), scoring.INPUT_TOO_HIGH),
        (date(9999, 12, 31), scoring.INPUT_TOO_HIGH),
    ],
)
def test_date_problem(day, problem):
    latest = date(2026, 12, 1)
    assert scoring.date_problem(day, scoring.EARLIEST_FACT_DAY, latest) == problem
