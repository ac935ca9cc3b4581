# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The depot-repair piece rate of ``piece_rate_rules.py`` (seed 004-F)."""

import importlib.util
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location(
    "piece_rate_rules", Path(__file__).resolve().parents[2] / "piece_rate_rules.py"
)
rules = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(rules)

SEED = rules.PieceRateSettings()
ENGINEER = rules.ROLE_ENGINEER
ASSISTANT = rules.ROLE_ASSISTANT


def _pair(units, deliveries, on_time, flagged=False, working_days=22):
    return rules.crew_result(2, working_days, units, deliveries, on_time, flagged, SEED)


def test_seed_example_above_quota():
    """150 units, X1 = 96 %: quota 6 x 22 = 132; 150 - 132 = 18 over quota,
    X1 in [95, 100) pays 35 per unit: 18 x 35 = 630; engineer 60 % = 378,
    assistant 40 % = 252."""
    crew = _pair(150, 25, 24)  # 24 / 25 = 96 %
    assert crew.quota == 132
    assert crew.on_time_rate == 96.0
    assert crew.tier == 2
    assert crew.unit_rate == 35
    assert crew.mode == rules.MODE_EXCESS
    assert crew.excess == 18
    assert crew.amount == 630
    shares = rules.default_shares([ENGINEER, ASSISTANT], SEED)
    assert shares == [60.0, 40.0]
    engineer = rules.member_result(crew, shares[0], 0, False)
    assistant = rules.member_result(crew, shares[1], 0, False)
    assert (engineer.amount, assistant.amount) == (378.0, 252.0)
    assert engineer.base_percent == assistant.base_percent == 0


def test_seed_example_below_quota_without_flag():
    """120 units: 132 - 120 = 12 short x 25 = 300 deducted; engineer
    -300 x 60 % = -180, assistant -300 x 40 % = -120; X1 does not matter."""
    crew = _pair(120, 25, 24)
    assert crew.mode == rules.MODE_SHORTFALL
    assert crew.shortfall == 12
    assert crew.amount == -300
    engineer = rules.member_result(crew, 60, 0, False)
    assistant = rules.member_result(crew, 40, 0, False)
    assert (engineer.amount, assistant.amount) == (-180.0, -120.0)


def test_seed_example_too_few_returns():
    """120 units flagged "too few returns", X1 = 100 %: no deduction, 10 %
    of each member's own base (not split)."""
    crew = _pair(120, 20, 20, flagged=True)
    assert crew.mode == rules.MODE_TOO_FEW_RETURNS
    assert crew.amount == 0
    assert crew.base_percent == 10
    for share in (60, 40):
        member = rules.member_result(crew, share, 0, False)
        assert member.base_percent == 10
        assert member.amount == 0


def test_flag_ignored_at_or_above_quota():
    """The flag excuses a shortfall only: 140 units flagged at X1 = 100 %
    pay (140 - 132) x 40 = 320, no percentage of base."""
    crew = _pair(140, 20, 20, flagged=True)
    assert crew.mode == rules.MODE_EXCESS
    assert crew.amount == 320
    assert crew.base_percent == 0


def test_exactly_at_quota_earns_nothing():
    crew = _pair(132, 20, 20)
    assert (crew.mode, crew.excess, crew.shortfall, crew.amount) == (
        rules.MODE_EXCESS,
        0,
        0,
        0,
    )


@pytest.mark.parametrize(
    ("rate", "tier", "unit_rate", "base_percent"),
    [
        (0.0, 0, 25, 7),
        (89.99, 0, 25, 7),
        (90.0, 1, 30, 8),
        (94.99, 1, 30, 8),
        (95.0, 2, 35, 9),
        (99.99, 2, 35, 9),
        (100.0, 3, 40, 10),
        (None, 0, 25, 7),  # no delivery in the month: lowest tier
    ],
)
def test_tier_boundaries(rate, tier, unit_rate, base_percent):
    assert rules.tier_of(rate, SEED.tier_bounds) == tier
    assert SEED.unit_rates[tier] == unit_rate
    assert SEED.base_percents[tier] == base_percent


@pytest.mark.parametrize(
    ("deliveries", "on_time", "rate", "amount"),
    [
        # 142 units: 10 over quota, x the tier's rate.
        (10000, 8999, 89.99, 250),  # 10 x 25
        (20, 18, 90.0, 300),  # 10 x 30
        (20, 19, 95.0, 350),  # 10 x 35
        (20, 20, 100.0, 400),  # 10 x 40
        (0, 0, None, 250),  # no delivery: 10 x 25
    ],
)
def test_on_time_rate_from_deliveries(deliveries, on_time, rate, amount):
    crew = _pair(142, deliveries, on_time)
    assert crew.on_time_rate == rate
    assert crew.amount == amount


def test_three_person_crews():
    """Quota 9 x 22 = 198; 218 units at X1 = 92 %: 20 x 30 = 600.
    Two engineers and an assistant (3.5, 3.5, 3): 210, 210, 180.
    An engineer and two assistants (4, 3, 3): 240, 180, 180."""
    crew = rules.crew_result(3, 22, 218, 25, 23, False, SEED)  # 23 / 25 = 92 %
    assert crew.quota == 198
    assert crew.amount == 600
    shares = rules.default_shares([ENGINEER, ENGINEER, ASSISTANT], SEED)
    assert shares == [35.0, 35.0, 30.0]
    assert [rules.member_result(crew, s, 0, False).amount for s in shares] == [
        210.0,
        210.0,
        180.0,
    ]
    shares = rules.default_shares([ASSISTANT, ENGINEER, ASSISTANT], SEED)
    assert shares == [30.0, 40.0, 30.0]
    assert [rules.member_result(crew, s, 0, False).amount for s in shares] == [
        180.0,
        240.0,
        180.0,
    ]


def test_three_person_shortfall():
    """188 units: 10 short x 25 = -250; (3.5, 3.5, 3): -87.5, -87.5, -75."""
    crew = rules.crew_result(3, 22, 188, 0, 0, False, SEED)
    assert crew.amount == -250
    assert [
        rules.member_result(crew, s, 0, False).amount for s in (35.0, 35.0, 30.0)
    ] == [-87.5, -87.5, -75.0]


@pytest.mark.parametrize(
    "roles",
    [
        [ENGINEER],
        [ENGINEER, ENGINEER],
        [ASSISTANT, ASSISTANT],
        [ENGINEER, ENGINEER, ENGINEER],
        [ASSISTANT, ASSISTANT, ASSISTANT],
        [ENGINEER, ASSISTANT, ASSISTANT, ENGINEER],
    ],
)
def test_crews_the_seed_does_not_describe(roles):
    assert not rules.is_supported_crew(roles)
    assert rules.default_shares(roles, SEED) is None


def test_merit_points_are_worth_one_unit_each():
    """X1 = 96 %: a unit is worth 35. The engineer's 2 points add 70 to
    378 = 448; the assistant's -1 point takes 35 from 252 = 217."""
    crew = _pair(150, 25, 24)
    engineer = rules.member_result(crew, 60, 2, False)
    assistant = rules.member_result(crew, 40, -1, False)
    assert (engineer.merit_amount, engineer.amount) == (70.0, 448.0)
    assert (assistant.merit_amount, assistant.amount) == (-35.0, 217.0)


def test_merit_points_with_too_few_returns():
    """Flagged at X1 = 92 %: 8 % of base, and 3 points x 30 = 90."""
    crew = _pair(100, 25, 23, flagged=True)
    member = rules.member_result(crew, 40, 3, False)
    assert (member.base_percent, member.merit_amount, member.amount) == (8, 90, 90)


def test_moonlighting_veto_cancels_the_month():
    crew = _pair(150, 25, 24)
    member = rules.member_result(crew, 60, 2, True)
    assert member.vetoed
    assert (member.amount, member.share_amount, member.merit_amount) == (0, 0, 0)
    flagged = _pair(100, 20, 20, flagged=True)
    assert rules.member_result(flagged, 40, 0, True).base_percent == 0


def test_money_rounds_cents_half_up():
    """A share of 35 % of 25 x 3 = 75 is 26.25; of 25 x 1.5 = 37.5 is
    13.125 -> 13.13 (Python's round would give 13.12)."""
    assert rules.money(13.125) == 13.13
    assert rules.money(-13.125) == -13.13
    crew = rules.crew_result(3, 1, 10.5, 0, 0, False, SEED)  # 9 x 1 = 9 quota
    assert crew.excess == 1.5
    assert rules.member_result(crew, 35, 0, False).share_amount == 13.13


def test_shares_add_up():
    assert rules.shares_add_up([60, 40])
    assert rules.shares_add_up([35, 35, 30])
    assert rules.shares_add_up([33.33, 33.33, 33.34])
    assert not rules.shares_add_up([60, 60])
    assert not rules.shares_add_up([35, 35, 35])


def test_seed_settings_have_no_problem():
    assert rules.settings_problems(SEED) == []


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"shortfall_rate": float("nan")}, rules.PROBLEM_NOT_A_NUMBER),
        ({"unit_rates": (25, 30, float("inf"), 40)}, rules.PROBLEM_NOT_A_NUMBER),
        ({"unit_rates": (-25, 30, 35, 40)}, rules.PROBLEM_NEGATIVE),
        ({"daily_quota_pair": 0}, rules.PROBLEM_QUOTA),
        ({"working_days": 0}, rules.PROBLEM_WORKING_DAYS),
        ({"working_days": 32}, rules.PROBLEM_WORKING_DAYS),
        ({"tier_bounds": (95, 90, 100)}, rules.PROBLEM_TIERS),
        ({"tier_bounds": (90, 90, 100)}, rules.PROBLEM_TIERS),
        ({"tier_bounds": (0, 95, 100)}, rules.PROBLEM_TIERS),
        ({"tier_bounds": (90, 95, 101)}, rules.PROBLEM_TIERS),
        ({"base_percents": (7, 8, 9, 110)}, rules.PROBLEM_PERCENT),
        ({"pair_shares": (60, 50)}, rules.PROBLEM_PAIR_SHARES),
        ({"trio_two_engineers_shares": (3.5, 3.5)}, rules.PROBLEM_TRIO_SHARES),
        ({"trio_two_assistants_shares": (3, 3)}, rules.PROBLEM_TRIO_SHARES),
    ],
)
def test_bad_settings_are_named(changes, problem):
    assert problem in rules.settings_problems(SEED._replace(**changes))
