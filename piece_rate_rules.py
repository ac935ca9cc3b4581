# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The depot-repair piece rate (seed 004-F, KPI_SPEC G9), free of any Odoo import.

A repair crew of two (an engineer and an assistant) or three members has a
monthly quota: its daily quota x the month's working days. Only QA-passed
units count (004-F3). The month's on-time delivery rate X1 picks a tier
(004-F7):

- above the quota, each unit over it earns the tier's rate;
- below it, each missing unit costs the shortfall rate (004-F8), unless the
  month is flagged "too few returns": then each member earns the tier's
  percentage of their own base instead (004-F9, KPI_SPEC Q7);
- the crew's amount is split by the members' shares (004-F10); merit points
  are worth one unit at the tier's rate each (004-F11); a moonlighting veto
  cancels the member's month (004-F13).

Every result carries the numbers of its formula, so that the month prints
what was computed. Rates are percentages (0 to 100); amounts are rounded to
cents half up.
"""

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

ROLE_ENGINEER = "engineer"
ROLE_ASSISTANT = "assistant"

# What decides a crew's month.
MODE_EXCESS = "excess"  # at or above the quota: units over it x tier rate
MODE_SHORTFALL = "shortfall"  # below it: missing units x shortfall rate, negative
MODE_TOO_FEW_RETURNS = "too_few_returns"  # below it, flagged: % of each base

# Problems of the settings (``settings_problems``), each a message of its own.
PROBLEM_NOT_A_NUMBER = "not_a_number"
PROBLEM_NEGATIVE = "negative"
PROBLEM_QUOTA = "quota"
PROBLEM_WORKING_DAYS = "working_days"
PROBLEM_TIERS = "tiers"
PROBLEM_PERCENT = "percent"
PROBLEM_PAIR_SHARES = "pair_shares"
PROBLEM_TRIO_SHARES = "trio_shares"

# The pair's shares are percentages, the trios' parts of ten as the seed
# writes them (3.5, 3.5, 3).
PAIR_TOTAL = 100.0
TRIO_TOTAL = 10.0
SHARE_TOTAL = 100.0
# Shares typed with two decimals may miss their total by rounding only.
SHARE_TOLERANCE = 0.005
MAX_WORKING_DAYS = 31
# X1 is kept to 6 decimals: 18 / 20 deliveries is 90 %, not 89.99999999.
RATE_DIGITS = 6
_CENT = Decimal("0.01")


class PieceRateSettings(NamedTuple):
    """A company's piece-rate settings, with the seed's numbers as defaults."""

    daily_quota_pair: float = 6.0
    daily_quota_trio: float = 9.0
    working_days: int = 22
    # X1 from which the 2nd, 3rd and 4th tier apply (the 1st is below).
    tier_bounds: tuple = (90.0, 95.0, 100.0)
    unit_rates: tuple = (25.0, 30.0, 35.0, 40.0)
    base_percents: tuple = (7.0, 8.0, 9.0, 10.0)
    shortfall_rate: float = 25.0
    # (engineer, assistant), percentages.
    pair_shares: tuple = (60.0, 40.0)
    # Two engineers and an assistant: (each engineer, the assistant), of 10.
    trio_two_engineers_shares: tuple = (3.5, 3.0)
    # An engineer and two assistants: (the engineer, each assistant), of 10.
    trio_two_assistants_shares: tuple = (4.0, 3.0)


class CrewResult(NamedTuple):
    """A crew's month: quota, tier and amount with the numbers behind them."""

    crew_size: int
    daily_quota: float
    working_days: int
    quota: float
    units: int
    on_time_rate: float  # X1 in %, None without deliveries
    tier: int  # 0 to 3
    unit_rate: float
    mode: str
    excess: float
    shortfall: float
    shortfall_rate: float
    amount: float  # the crew's amount before the split; 0 when too few returns
    base_percent: float  # % of each member's own base when too few returns


class MemberResult(NamedTuple):
    """A member's part of the crew's month."""

    share: float  # percent of the crew's amount
    share_amount: float
    merit_points: float
    merit_amount: float  # merit points x the tier's unit rate
    base_percent: float
    amount: float  # share_amount + merit_amount
    vetoed: bool


def money(value):
    """``value`` rounded to cents, half up (378.005 -> 378.01)."""
    return float(Decimal(f"{value:.15g}").quantize(_CENT, rounding=ROUND_HALF_UP))


def on_time_rate(deliveries, on_time):
    """X1 in %: deliveries on time / deliveries; ``None`` without deliveries."""
    if not deliveries:
        return None
    return round(100.0 * on_time / deliveries, RATE_DIGITS)


def tier_of(rate, bounds):
    """Index of the tier of X1 ``rate`` (0 below the first bound, 3 from the
    last). A month without deliveries has no X1: the lowest tier, the seed
    paying the top tiers only for deliveries on time."""
    if rate is None:
        return 0
    return sum(1 for bound in bounds if rate >= bound)


def crew_composition(roles):
    """``(engineers, assistants)`` of a crew whose members have ``roles``."""
    engineers = sum(1 for role in roles if role == ROLE_ENGINEER)
    return engineers, len(roles) - engineers


def is_supported_crew(roles):
    """The seed's crews: an engineer and an assistant, or three members of
    both roles (two engineers and an assistant, or the reverse)."""
    engineers, assistants = crew_composition(roles)
    return (engineers, assistants) in ((1, 1), (2, 1), (1, 2))


def default_shares(roles, settings):
    """The percent of the crew's amount of each member, in the order of
    ``roles``, by the crew's composition (004-F10, Q7); ``None`` for a crew
    the seed does not describe."""
    if not is_supported_crew(roles):
        return None
    engineers, _assistants = crew_composition(roles)
    if len(roles) == 2:
        parts, scale = settings.pair_shares, 1.0
    else:
        parts = (
            settings.trio_two_engineers_shares
            if engineers == 2
            else settings.trio_two_assistants_shares
        )
        scale = SHARE_TOTAL / TRIO_TOTAL
    by_role = dict(zip((ROLE_ENGINEER, ROLE_ASSISTANT), parts, strict=True))
    return [round(by_role[role] * scale, RATE_DIGITS) for role in roles]


def shares_add_up(shares):
    """Whether the members' percents make the whole amount."""
    return abs(sum(shares) - SHARE_TOTAL) <= SHARE_TOLERANCE


def crew_result(crew_size, working_days, units, deliveries, on_time, flagged, settings):
    """The crew's month (004-F4 to F9): quota, X1 tier, and the amount over
    or under the quota, or the percentage of base when ``flagged`` "too few
    returns" and short of the quota. Units at the quota earn nothing."""
    daily_quota = (
        settings.daily_quota_pair if crew_size == 2 else settings.daily_quota_trio
    )
    quota = daily_quota * working_days
    rate = on_time_rate(deliveries, on_time)
    tier = tier_of(rate, settings.tier_bounds)
    unit_rate = settings.unit_rates[tier]
    excess = max(0.0, units - quota)
    shortfall = max(0.0, quota - units)
    base_percent = 0.0
    if not shortfall:
        mode = MODE_EXCESS
        amount = money(excess * unit_rate)
    elif flagged:
        mode = MODE_TOO_FEW_RETURNS
        amount = 0.0
        base_percent = settings.base_percents[tier]
    else:
        mode = MODE_SHORTFALL
        amount = -money(shortfall * settings.shortfall_rate)
    return CrewResult(
        crew_size=crew_size,
        daily_quota=daily_quota,
        working_days=working_days,
        quota=quota,
        units=units,
        on_time_rate=rate,
        tier=tier,
        unit_rate=unit_rate,
        mode=mode,
        excess=excess,
        shortfall=shortfall,
        shortfall_rate=settings.shortfall_rate,
        amount=amount,
        base_percent=base_percent,
    )


def member_result(crew, share, merit_points, vetoed):
    """A member's share of ``crew`` (a ``CrewResult``) and merit points;
    a moonlighting veto cancels all of it (004-F13)."""
    if vetoed:
        return MemberResult(share, 0.0, merit_points, 0.0, 0.0, 0.0, True)
    share_amount = money(crew.amount * share / SHARE_TOTAL)
    merit_amount = money(merit_points * crew.unit_rate)
    return MemberResult(
        share=share,
        share_amount=share_amount,
        merit_points=merit_points,
        merit_amount=merit_amount,
        base_percent=crew.base_percent,
        amount=money(share_amount + merit_amount),
        vetoed=False,
    )


def settings_problems(settings):
    """The problems of ``settings``, in the order of the module's checks:
    a number that is not finite or negative, a quota or working days out of
    range, tiers out of order, a percentage above 100, shares not making
    their total."""
    numbers = [
        settings.daily_quota_pair,
        settings.daily_quota_trio,
        settings.working_days,
        *settings.tier_bounds,
        *settings.unit_rates,
        *settings.base_percents,
        settings.shortfall_rate,
        *settings.pair_shares,
        *settings.trio_two_engineers_shares,
        *settings.trio_two_assistants_shares,
    ]
    if any(
        not isinstance(number, int | float) or not math.isfinite(number)
        for number in numbers
    ):
        return [PROBLEM_NOT_A_NUMBER]
    problems = []
    if any(number < 0 for number in numbers):
        problems.append(PROBLEM_NEGATIVE)
    if settings.daily_quota_pair <= 0 or settings.daily_quota_trio <= 0:
        problems.append(PROBLEM_QUOTA)
    if not 1 <= settings.working_days <= MAX_WORKING_DAYS:
        problems.append(PROBLEM_WORKING_DAYS)
    bounds = settings.tier_bounds
    if not (
        0 < bounds[0]
        and all(low < high for low, high in zip(bounds, bounds[1:], strict=False))
        and bounds[-1] <= 100
    ):
        problems.append(PROBLEM_TIERS)
    if any(percent > 100 for percent in settings.base_percents):
        problems.append(PROBLEM_PERCENT)
    if abs(sum(settings.pair_shares) - PAIR_TOTAL) > SHARE_TOLERANCE:
        problems.append(PROBLEM_PAIR_SHARES)
    engineer, assistant = settings.trio_two_engineers_shares
    lead, helper = settings.trio_two_assistants_shares
    if (
        abs(2 * engineer + assistant - TRIO_TOTAL) > SHARE_TOLERANCE
        or abs(lead + 2 * helper - TRIO_TOTAL) > SHARE_TOLERANCE
    ):
        problems.append(PROBLEM_TRIO_SHARES)
    return problems
