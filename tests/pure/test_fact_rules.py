# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The reference implementations of ``tests/reference.py``, tested without
Odoo: the rules the fact sources and the area ranking view apply, stated in
plain Python so that the Odoo tests can check the sources against them.
"""

import importlib.util
from pathlib import Path

import pytest


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_ADDON = Path(__file__).resolve().parents[2]
scoring = _load("scoring", _ADDON / "scoring.py")
reference = _load("reference", _ADDON / "tests" / "pure" / "reference.py")


def test_rate_modes_are_those_of_scoring():
    assert reference.RATE_MODE_RATIO == scoring.RATE_MODE_RATIO


def test_each_engineer_of_an_order_counts_its_events():
    # Order 1: engineers A and B, 2 events; order 2: A alone, 1 event;
    # order 3: interns only (no engineer), 4 events.
    counts = reference.engineer_counts(
        {1: 2, 2: 1, 3: 4}, {1: ["A", "B"], 2: ["A"], 3: []}
    )
    assert counts == {"A": 3, "B": 2}


def test_orders_without_events_or_engineers_count_nothing():
    assert reference.engineer_counts({}, {1: ["A"]}) == {}
    assert reference.engineer_counts({1: 3}, {}) == {}


# Service areas (policy P3.3, P3.4). Four days: 2 due / 1 confirmed, nothing due,
# 4/4, 1/0 -> daily rates 0.5, none, 1.0, 0.0.
FOUR_DAYS = [(2, 1), (0, 0), (4, 4), (1, 0)]


def test_monthly_rate_mean_of_daily_rates_skips_days_with_nothing_due():
    # (0.5 + 1.0 + 0.0) / 3 days with orders due = 0.5
    rate = reference.monthly_completion_rate(FOUR_DAYS, scoring.RATE_MODE_DAILY_MEAN)
    assert rate == pytest.approx(0.5)


def test_monthly_rate_ratio_of_totals():
    # (1 + 0 + 4 + 0) confirmed / (2 + 0 + 4 + 1) due = 5 / 7
    rate = reference.monthly_completion_rate(FOUR_DAYS, scoring.RATE_MODE_RATIO)
    assert rate == pytest.approx(5 / 7)


MODES = [scoring.RATE_MODE_DAILY_MEAN, scoring.RATE_MODE_RATIO]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("days", [[], [(0, 0)], [(0, 0), (0, 0)]])
def test_month_with_nothing_due_has_no_rate(days, mode):
    assert reference.monthly_completion_rate(days, mode) is None


def test_modes_differ_when_days_have_different_loads():
    # One big perfect day and one small failed day: mean (1 + 0) / 2 = 0.5,
    # ratio 9 / 10 = 0.9.
    days = [(9, 9), (1, 0)]
    assert reference.monthly_completion_rate(
        days, scoring.RATE_MODE_DAILY_MEAN
    ) == pytest.approx(0.5)
    assert reference.monthly_completion_rate(
        days, scoring.RATE_MODE_RATIO
    ) == pytest.approx(0.9)


@pytest.mark.parametrize(
    ("standard_workload", "rate", "score"),
    [
        # 120 devices x 0.1 point = 12; x 0.5 and x 5/7.
        (12.0, 0.5, 6.0),
        (12.0, 5 / 7, 60 / 7),
        (30.0, 1.0, 30.0),
        (30.0, 0.0, 0.0),
    ],
)
def test_area_score_is_workload_times_rate(standard_workload, rate, score):
    assert reference.area_score(standard_workload, rate) == pytest.approx(score)
