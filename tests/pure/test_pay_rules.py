# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The pay rules of ``pay_rules.py`` (KPI_SPEC G10, G11), tested without
Odoo, each with numbers worked out by hand from the seeds' rules."""

import importlib.util
import math
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location(
    "pay_rules", Path(__file__).resolve().parents[2] / "pay_rules.py"
)
pay_rules = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(pay_rules)


# 004-R7 ---------------------------------------------------------------------


def test_attendance_wage_of_22_days():
    # 2600 / 26 x 22 = 2200.
    result = pay_rules.attendance_wage(2600, 22)
    assert result.amount == pytest.approx(2200)
    assert result.numbers == {
        "standard_wage": 2600,
        "standard_days": 26.0,
        "days_attended": 22,
    }


def test_attendance_wage_refuses_zero_standard_days():
    with pytest.raises(ValueError):
        pay_rules.attendance_wage(2600, 22, 0)


def test_score_pay_of_the_seed_example():
    # 004-R: -10 hotline, -20 general manager, -10 field visit -> 60;
    # base 1500 x 60 % = 900.
    result = pay_rules.score_pay(1500, 60)
    assert result.amount == pytest.approx(900)
    assert result.numbers["percent"] == pytest.approx(60)


def test_score_pay_on_another_maximum():
    # 45 of 50 is 90 %: 2000 x 90 % = 1800.
    assert pay_rules.score_pay(2000, 45, 50).amount == pytest.approx(1800)


# 004-R4 ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "complaints, inclusive, percent",
    [(2, True, 100.0), (3, True, 0.0), (4, True, 0.0), (3, False, 100.0)],
)
def test_complaint_veto(complaints, inclusive, percent):
    # "三次以上": three included by default (Q11), excluded when configured.
    result = pay_rules.complaint_veto(complaints, 3, inclusive)
    assert result.percent == percent
    assert result.numbers["vetoed"] is (percent == 0.0)


# 004-R8, R9 -------------------------------------------------------------------


@pytest.mark.parametrize(
    "mean, percent",
    [
        (100, 100.0),
        (90, 100.0),
        (89.99, 90.0),
        (85, 90.0),
        (80, 90.0),
        (79.99, 80.0),
        (0, 80.0),
    ],
)
def test_manager_factor_tiers(mean, percent):
    assert pay_rules.manager_factor(mean, 0).percent == percent


def test_manager_factor_cancelled_by_five_team_complaints():
    result = pay_rules.manager_factor(95, 5)
    assert result.percent == 0.0
    assert result.numbers["vetoed"] is True
    assert pay_rules.manager_factor(95, 4).percent == 100.0


def test_manager_factor_without_team_scores():
    assert pay_rules.manager_factor(None, 0).percent == 0.0


def test_manager_factor_custom_tiers():
    # 95 -> 110 %, 70 -> 100 %, else 50 %.
    tiers = ((95.0, 110.0), (70.0, 100.0))
    assert pay_rules.manager_factor(96, 0, tiers, 50).percent == 110.0
    assert pay_rules.manager_factor(70, 0, tiers, 50).percent == 100.0
    assert pay_rules.manager_factor(69.9, 0, tiers, 50).percent == 50.0


# 004-R11 ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "score, percent", [(58.99, 50.0), (59, 100.0), (100, 100.0), (0, 50.0)]
)
def test_quarter_factor(score, percent):
    assert pay_rules.quarter_factor(score).percent == percent


def test_two_failing_quarters_cancel_the_year_end_appraisal():
    assert pay_rules.year_end_cancelled([70, 58, 80]) == (False, 1)
    assert pay_rules.year_end_cancelled([70, 58, 80, 50]) == (True, 2)
    assert pay_rules.year_end_cancelled([59, 59, 59, 59]) == (False, 0)


# 004-H2 -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "rate, amount", [(89.99, -100.0), (90, 100.0), (100, 100.0), (0, -100.0)]
)
def test_threshold_first_time_fix(rate, amount):
    assert pay_rules.threshold_amount(rate).amount == amount


def test_threshold_customer_satisfaction_q8():
    # Q8: >= 96 -> +300, < 96 -> -200.
    assert pay_rules.threshold_amount(96, 96, 300, -200).amount == 300
    assert pay_rules.threshold_amount(95.99, 96, 300, -200).amount == -200


# 004-H3 -----------------------------------------------------------------------


def test_pool_split_of_the_parts_department():
    # Pool 10000; manager 36 % x 90/100 x 100 % = 3240; planner 27 % x
    # 80/100 x 80 % (accuracy 85 %) = 1728; storekeeper 27 % x 100/100 x
    # 100 % = 2700; claims clerk 10 % x 50/100 x 100 % = 500.
    ratios = dict(zip("mpsc", pay_rules.POOL_RATIOS, strict=True))
    accuracy = {"m": 95, "p": 85, "s": 90, "c": 99}
    factors = {
        key: pay_rules.tier_percent(
            value, pay_rules.POOL_FACTOR_TIERS, pay_rules.POOL_FACTOR_BELOW
        ).percent
        for key, value in accuracy.items()
    }
    assert factors == {"m": 100.0, "p": 80.0, "s": 100.0, "c": 100.0}
    shares = pay_rules.pool_split(
        10000, ratios, {"m": 90, "p": 80, "s": 100, "c": 50}, factors
    )
    amounts = {key: round(share.amount, 6) for key, share in shares.items()}
    assert amounts == {"m": 3240.0, "p": 1728.0, "s": 2700.0, "c": 500.0}


def test_pool_split_refuses_shares_above_100():
    with pytest.raises(ValueError):
        pay_rules.pool_split(100, {"a": 60, "b": 50}, {"a": 100, "b": 100}, {})


# 002-E1 -----------------------------------------------------------------------


def test_redistribute_c_and_d_to_a():
    # c loses 20 % of 1000 = 200, d loses 50 % of 800 = 400: X = 600 shared
    # by the two graded a: 300 each; b keeps everything.
    bonuses = {"a1": 1000, "a2": 1200, "b": 900, "c": 1000, "d": 800}
    grades = {"a1": "A", "a2": "A", "b": "B", "c": "C", "d": "D"}
    result = pay_rules.redistribute(bonuses, grades, {"C": 20, "D": 50}, "A")
    amounts = {key: round(item.amount, 6) for key, item in result.items()}
    assert amounts == {"a1": 300.0, "a2": 300.0, "b": 0.0, "c": -200.0, "d": -400.0}
    assert result["a1"].numbers["pool"] == pytest.approx(600)
    assert result["a1"].numbers["receivers"] == 2


def test_redistribute_without_anyone_graded_a():
    result = pay_rules.redistribute({"c": 1000}, {"c": "C"}, {"C": 20}, "A")
    assert result["c"].amount == 0.0


# Rounding and settings -------------------------------------------------------


@pytest.mark.parametrize(
    "amount, rounding, rounded",
    [
        (0.125, 0.01, 0.13),
        (-0.125, 0.01, -0.13),
        (2076.923076, 0.01, 2076.92),
        (1234.5, 1, 1235.0),
        (12.34, 0.05, 12.35),
    ],
)
def test_round_amount(amount, rounding, rounded):
    assert pay_rules.round_amount(amount, rounding) == pytest.approx(rounded)


@pytest.mark.parametrize(
    "value, signed, problem",
    [
        (100, False, None),
        (0, False, None),
        (-100, True, None),
        (-1, False, pay_rules.NEGATIVE),
        (math.nan, True, pay_rules.NOT_A_NUMBER),
        (math.inf, False, pay_rules.NOT_A_NUMBER),
        ("90", False, pay_rules.NOT_A_NUMBER),
        (True, False, pay_rules.NOT_A_NUMBER),
    ],
)
def test_setting_problem(value, signed, problem):
    assert pay_rules.setting_problem(value, signed) == problem


@pytest.mark.parametrize(
    "tiers, below, problem",
    [
        (pay_rules.MANAGER_TIERS, pay_rules.MANAGER_BELOW, None),
        (((80.0, 90.0), (90.0, 100.0)), 80.0, pay_rules.TIERS_OUT_OF_ORDER),
        (((90.0, 100.0), (90.0, 90.0)), 80.0, pay_rules.TIERS_OUT_OF_ORDER),
        (((90.0, math.nan),), 80.0, pay_rules.NOT_A_NUMBER),
        (((90.0, 100.0),), -1.0, pay_rules.NEGATIVE),
    ],
)
def test_tiers_problem(tiers, below, problem):
    assert pay_rules.tiers_problem(tiers, below) == problem
