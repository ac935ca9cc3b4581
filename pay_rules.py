# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The rules that turn scores into money (KPI_SPEC G10, G11), free of any
Odoo import.

Each rule returns its result with the numbers of its formula, so that a pay
statement prints what was computed: ``Amount(amount, numbers)`` for money,
``Factor(percent, numbers)`` for a percentage applied to money.

- 004-R7: ``attendance_wage`` (standard wage / 26 x days attended) and
  ``score_pay`` (performance base x score %);
- 004-R4: ``complaint_veto`` (3 or more attributable complaints: no
  performance pay);
- 004-R8, R9: ``manager_factor`` from the team's mean score by ``tiers``,
  0 when the team has 5 complaints;
- 004-R11: ``quarter_factor`` (a quarter under 59 pays 50 %) and
  ``year_end_cancelled`` (two failing quarters);
- 004-H2: ``threshold_amount`` (first-time fix >= 90 % +100, else -100);
- 004-H3: ``pool_share`` / ``pool_split`` (36/27/27/10 x score % x factor);
- 002-E1: ``redistribute`` (what staff graded c and d lose, shared equally
  by those graded a);
- ``round_amount``: to the currency's rounding, half away from zero.

Percentages are numbers from 0 to 100, as people type them. Settings are
checked by ``setting_problem`` and ``tiers_problem`` before they are used.
"""

import math
from collections import namedtuple
from decimal import ROUND_HALF_UP, Decimal

# 004-R7: the standard wage is for 26 days.
STANDARD_DAYS = 26.0
# 004-R4 (Q11: "三次以上" includes three).
COMPLAINT_VETO_COUNT = 3
# 004-R8: mean >= 90 -> 100 %, >= 80 -> 90 %, else 80 %.
MANAGER_TIERS = ((90.0, 100.0), (80.0, 90.0))
MANAGER_BELOW = 80.0
# 004-R9: five complaints of the team cancel the manager's performance pay.
TEAM_VETO_COUNT = 5
# 004-R11 (Q11: "不满59分" is < 59).
QUARTER_THRESHOLD = 59.0
QUARTER_PERCENT = 50.0
FAILING_QUARTERS_LIMIT = 2
# 004-H2: first-time fix >= 90 % +100, else -100.
THRESHOLD = 90.0
THRESHOLD_ABOVE = 100.0
THRESHOLD_BELOW = -100.0
# 004-H3: parts manager, planner, storekeeper, claims clerk; accuracy factor.
POOL_RATIOS = (36.0, 27.0, 27.0, 10.0)
POOL_FACTOR_TIERS = ((90.0, 100.0),)
POOL_FACTOR_BELOW = 80.0

# Why a setting is refused (``setting_problem``, ``tiers_problem``).
NOT_A_NUMBER = "not_a_number"
NEGATIVE = "negative"
TIERS_OUT_OF_ORDER = "out_of_order"


class Amount(namedtuple("Amount", "amount numbers")):
    """Money: ``amount`` and the ``numbers`` of its formula, by name."""


class Factor(namedtuple("Factor", "percent numbers")):
    """A percentage applied to money, and the ``numbers`` it comes from."""


def setting_problem(value, signed=False):
    """Why ``value`` cannot be an amount, threshold or percentage setting, or
    ``None``: NaN, an infinity or what is no number at all; a negative value
    unless ``signed`` (a penalty is a negative amount)."""
    if isinstance(value, bool):
        return NOT_A_NUMBER
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return NOT_A_NUMBER
    if isinstance(value, str) or not math.isfinite(number):
        return NOT_A_NUMBER
    if not signed and number < 0:
        return NEGATIVE
    return None


def tiers_problem(tiers, below):
    """Why ``tiers`` (``(threshold, percent)`` pairs, the highest threshold
    first) and the ``below`` percent cannot be used, or ``None``: every
    number a setting, thresholds strictly decreasing."""
    for number in [below, *(value for tier in tiers for value in tier)]:
        problem = setting_problem(number)
        if problem:
            return problem
    thresholds = [threshold for threshold, _percent in tiers]
    if any(high <= low for high, low in zip(thresholds, thresholds[1:], strict=False)):
        return TIERS_OUT_OF_ORDER
    return None


def tier_percent(value, tiers, below):
    """The percent of the first tier whose threshold ``value`` reaches
    (``tiers`` highest first), ``below`` when it reaches none."""
    for index, (threshold, percent) in enumerate(tiers):
        if value >= threshold:
            return Factor(
                percent, {"value": value, "tier": index, "threshold": threshold}
            )
    return Factor(below, {"value": value, "tier": None, "threshold": None})


def attendance_wage(standard_wage, days_attended, standard_days=STANDARD_DAYS):
    """004-R7: ``standard_wage`` / ``standard_days`` x ``days_attended``."""
    if standard_days <= 0:
        raise ValueError("the standard days of a month must be positive")
    return Amount(
        standard_wage / standard_days * days_attended,
        {
            "standard_wage": standard_wage,
            "standard_days": standard_days,
            "days_attended": days_attended,
        },
    )


def score_pay(base, score, maximum=100.0):
    """004-R7, 004-H1: ``base`` x ``score`` / ``maximum`` (the score %)."""
    if maximum <= 0:
        raise ValueError("the maximum score must be positive")
    percent = score / maximum * 100
    return Amount(
        base * percent / 100,
        {"base": base, "score": score, "maximum": maximum, "percent": percent},
    )


def complaint_veto(complaints, limit=COMPLAINT_VETO_COUNT, inclusive=True):
    """004-R4: 0 % when the month's attributable ``complaints`` reach
    ``limit`` (exceed it when not ``inclusive``), else 100 %."""
    vetoed = complaints >= limit if inclusive else complaints > limit
    return Factor(
        0.0 if vetoed else 100.0,
        {
            "complaints": complaints,
            "limit": limit,
            "inclusive": inclusive,
            "vetoed": vetoed,
        },
    )


def manager_factor(
    team_mean,
    team_complaints,
    tiers=MANAGER_TIERS,
    below=MANAGER_BELOW,
    veto_count=TEAM_VETO_COUNT,
):
    """004-R8, R9: the percent of the tier the team's mean score reaches; 0
    when the team's complaints reach ``veto_count`` or no member of the team
    has a score (``team_mean`` ``None``)."""
    numbers = {
        "team_mean": team_mean,
        "team_complaints": team_complaints,
        "veto_count": veto_count,
        "vetoed": team_complaints >= veto_count,
    }
    if numbers["vetoed"] or team_mean is None:
        return Factor(0.0, numbers | {"tier": None})
    tier = tier_percent(team_mean, tiers, below)
    return Factor(tier.percent, numbers | {"tier": tier.numbers["tier"]})


def quarter_factor(quarter_score, threshold=QUARTER_THRESHOLD, percent=QUARTER_PERCENT):
    """004-R11: ``percent`` of the performance pay when the quarter's score
    is under ``threshold``, else 100 %."""
    failing = quarter_score < threshold
    return Factor(
        percent if failing else 100.0,
        {"quarter_score": quarter_score, "threshold": threshold, "failing": failing},
    )


def year_end_cancelled(
    quarter_scores, threshold=QUARTER_THRESHOLD, limit=FAILING_QUARTERS_LIMIT
):
    """004-R11: whether ``limit`` quarters of the year scored under
    ``threshold`` (no year-end appraisal), and how many did."""
    failing = sum(1 for score in quarter_scores if score < threshold)
    return failing >= limit, failing


def threshold_amount(
    value, threshold=THRESHOLD, above=THRESHOLD_ABOVE, below=THRESHOLD_BELOW
):
    """004-H2: ``above`` when ``value`` reaches ``threshold``, else ``below``
    (negative for a penalty)."""
    reached = value >= threshold
    return Amount(
        above if reached else below,
        {"value": value, "threshold": threshold, "reached": reached},
    )


def pool_share(pool, share_percent, score, factor_percent, maximum=100.0):
    """004-H3: ``pool`` x ``share_percent`` % x score % x ``factor_percent`` %."""
    if maximum <= 0:
        raise ValueError("the maximum score must be positive")
    return Amount(
        pool * share_percent / 100 * score / maximum * factor_percent / 100,
        {
            "pool": pool,
            "share_percent": share_percent,
            "score": score,
            "maximum": maximum,
            "factor_percent": factor_percent,
        },
    )


def pool_split(pool, ratios, scores, factors, maximum=100.0):
    """004-H3 for a whole pool: ``{key: Amount}`` for each key of ``ratios``
    (percent shares adding up to at most 100), with its ``scores`` and
    ``factors`` percent."""
    if sum(ratios.values()) > 100 + 1e-9:
        raise ValueError("the shares of a pool add up to more than 100 %")
    return {
        key: pool_share(pool, ratio, scores[key], factors[key], maximum)
        for key, ratio in ratios.items()
    }


def redistribute(bonuses, grades, rates, receiving_grade):
    """002-E1: each employee whose grade has a deduction rate loses that
    percent of their bonus; the sum X of the deductions is shared equally by
    the Y employees of ``receiving_grade`` (X / Y each).

    ``bonuses`` and ``grades`` by key (an employee), ``rates`` percent by
    grade. Returns ``{key: Amount}`` for every key: the deduction (negative),
    the share of X, or 0. With nobody to receive it, nobody loses anything.
    """
    deductions = {
        key: bonuses[key] * rates.get(grades.get(key), 0.0) / 100 for key in bonuses
    }
    receivers = [key for key in bonuses if grades.get(key) == receiving_grade]
    total = sum(deductions.values()) if receivers else 0.0
    share = total / len(receivers) if receivers else 0.0
    numbers = {"pool": total, "receivers": len(receivers)}
    result = {}
    for key in bonuses:
        if key in receivers:
            result[key] = Amount(share, numbers | {"grade": grades.get(key)})
        elif receivers and deductions[key]:
            result[key] = Amount(
                -deductions[key],
                numbers
                | {
                    "grade": grades.get(key),
                    "bonus": bonuses[key],
                    "rate": rates[grades[key]],
                },
            )
        else:
            result[key] = Amount(0.0, numbers | {"grade": grades.get(key)})
    return result


def round_amount(amount, rounding=0.01):
    """``amount`` rounded to a multiple of ``rounding`` (the currency's),
    half away from zero as money is rounded: 0.125 -> 0.13."""
    if rounding <= 0:
        raise ValueError("the rounding must be positive")
    step = Decimal(str(rounding))
    units = (Decimal(repr(amount)) / step).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return float(units * step)
