# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The five rule kinds of the KPI sheets (KPI_SPEC 3.3), free of any Odoo import.

Each kind turns a line's actual value into points and returns them with the
numbers of its formula, so that a sheet line prints what was computed:

- K1 ``proportional``: max x clamp(r, 0, cap), r from actual and target;
- K2 ``per_unit``: start + k x n, clamped to [floor, ceil], n a count
  (optionally above or below a quota);
- K3 ``gap_per_step``: max - k x (gap to the target in steps), never below
  the floor;
- K4 ``tiers``: the output of the band the value falls in;
- K5 ``manual``: a value typed by a person, within [min, max].

A line without data (a rate without denominator, an exam not taken) gets the
template line's *no data* output instead: ``evaluate`` applies it for every
kind. Rates are percentages (0 to 100), as the targets people type.
"""

import math
from collections import namedtuple

K1_PROPORTIONAL = "proportional"
K2_PER_UNIT = "per_unit"
K3_GAP_PER_STEP = "gap_per_step"
K4_TIERS = "tiers"
K5_MANUAL = "manual"

# K1 shapes: how the ratio r is taken.
SHAPE_HIGHER = "higher"  # r = actual / target
SHAPE_LOWER_RATIO = "lower_ratio"  # r = target / actual
SHAPE_LOWER_EXCESS = "lower_excess"  # r = 1 - (actual - target) / target
SHAPE_RAW = "raw"  # r = actual (a rate as a fraction of 1)

# K2: what n counts.
QUOTA_NONE = "none"  # n = count
QUOTA_EXCESS = "excess"  # n = max(0, count - quota)
QUOTA_SHORTFALL = "shortfall"  # n = max(0, quota - count)

# K3: which side of the target loses points, and how steps round.
DIRECTION_HIGHER = "higher"  # below the target loses
DIRECTION_LOWER = "lower"  # above the target loses
ROUNDING_EXACT = "exact"
ROUNDING_FLOOR = "floor"

# Kept on totals and steps: binary floats turn 0.95 - 0.93 into 0.0200000001.
DIGITS = 6


class RuleResult(namedtuple("RuleResult", "points numbers")):
    """``points`` earned and the ``numbers`` of the formula, by name."""


class Band(
    namedtuple(
        "Band",
        "low high output low_inclusive high_inclusive",
        defaults=(True, False),
    )
):
    """A K4 band: values from ``low`` to ``high`` (``None``: unbounded) give
    ``output``. By default the lower bound is in the band, the upper one not:
    [80, 90) -> 8."""


def _clamp(value, low=None, high=None):
    if low is not None and value < low:
        value = low
    if high is not None and value > high:
        value = high
    return value


def proportional(maximum, actual, target, shape=SHAPE_HIGHER, cap=1.0):
    """K1: ``maximum`` x clamp(r, 0, ``cap``).

    ``target`` must be positive except for the ``raw`` shape, which reads the
    actual value as the ratio itself (an area's completion rate R of Q x R).
    With ``lower_ratio`` an actual of 0 is the best there is: r = cap.
    """
    if shape == SHAPE_RAW:
        ratio = actual
    elif target <= 0:
        raise ValueError("the target of a proportional rule must be positive")
    elif shape == SHAPE_HIGHER:
        ratio = actual / target
    elif shape == SHAPE_LOWER_RATIO:
        ratio = target / actual if actual > 0 else cap
    elif shape == SHAPE_LOWER_EXCESS:
        ratio = 1 - (actual - target) / target
    else:
        raise ValueError(f"unknown shape {shape!r}")
    ratio = round(ratio, DIGITS)
    used = _clamp(ratio, 0.0, cap)
    return RuleResult(
        round(maximum * used, DIGITS),
        {
            "maximum": maximum,
            "actual": actual,
            "target": target,
            "ratio": ratio,
            "cap": cap,
            "used": used,
        },
    )


def per_unit(count, start, k, floor=None, ceil=None, quota=0.0, quota_mode=QUOTA_NONE):
    """K2: ``start`` + ``k`` x n, clamped to [``floor``, ``ceil``].

    n is ``count``, or what lies above (``excess``) or below (``shortfall``)
    the ``quota``. ``k`` is negative for deductions (-2 per dissatisfied
    callback), positive for bonuses (35 per unit above the quota).
    """
    if quota_mode == QUOTA_EXCESS:
        units = max(0.0, count - quota)
    elif quota_mode == QUOTA_SHORTFALL:
        units = max(0.0, quota - count)
    elif quota_mode == QUOTA_NONE:
        units = count
    else:
        raise ValueError(f"unknown quota mode {quota_mode!r}")
    raw = round(start + k * units, DIGITS)
    return RuleResult(
        _clamp(raw, floor, ceil),
        {
            "count": count,
            "quota": quota,
            "units": units,
            "start": start,
            "k": k,
            "raw": raw,
            "floor": floor,
            "ceil": ceil,
        },
    )


def gap_per_step(
    maximum,
    actual,
    target,
    k,
    step=1.0,
    direction=DIRECTION_HIGHER,
    rounding=ROUNDING_EXACT,
    floor=0.0,
):
    """K3: ``maximum`` - ``k`` x steps, never below ``floor``.

    The gap is how far the actual value misses the target (below it when
    higher is better, above it when lower is better), counted in ``step``
    units: -1 per percentage point below 95 % is k 1, step 1. ``floor``
    rounding counts whole steps only (94.5 % is 0 steps below 95 %).
    """
    if step <= 0:
        raise ValueError("the step of a gap rule must be positive")
    if direction == DIRECTION_HIGHER:
        gap = max(0.0, target - actual)
    elif direction == DIRECTION_LOWER:
        gap = max(0.0, actual - target)
    else:
        raise ValueError(f"unknown direction {direction!r}")
    steps = round(gap / step, DIGITS)
    if rounding == ROUNDING_FLOOR:
        steps = float(math.floor(steps))
    elif rounding != ROUNDING_EXACT:
        raise ValueError(f"unknown rounding {rounding!r}")
    raw = round(maximum - k * steps, DIGITS)
    return RuleResult(
        max(floor, raw),
        {
            "maximum": maximum,
            "actual": actual,
            "target": target,
            "gap": round(gap, DIGITS),
            "step": step,
            "steps": steps,
            "k": k,
            "raw": raw,
            "floor": floor,
        },
    )


def band_contains(band, value):
    """Whether ``value`` lies in ``band``."""
    if band.low is not None and (
        value < band.low or (value == band.low and not band.low_inclusive)
    ):
        return False
    if band.high is not None and (
        value > band.high or (value == band.high and not band.high_inclusive)
    ):
        return False
    return True


def band_is_empty(band):
    """A band no value can fall in: low above high, or one point excluded."""
    if band.low is None or band.high is None:
        return False
    return band.low > band.high or (
        band.low == band.high and not (band.low_inclusive and band.high_inclusive)
    )


def tiers(value, bands):
    """K4: the output of the first of ``bands`` holding ``value``.

    A value in no band (a gap the template warned about) earns 0; its
    ``band`` number is ``None``.
    """
    for index, band in enumerate(bands):
        if band_contains(band, value):
            return RuleResult(
                band.output, {"actual": value, "band": index, "output": band.output}
            )
    return RuleResult(0.0, {"actual": value, "band": None, "output": 0.0})


def _sort_key(band):
    return (
        -math.inf if band.low is None else band.low,
        not band.low_inclusive,
    )


def _reaches_further(high, inclusive, reach, reach_inclusive):
    """Whether the upper bound ``high`` lies beyond ``reach`` (``None``: +inf)."""
    if reach is None:
        return False
    if high is None:
        return True
    return high > reach or (high == reach and inclusive and not reach_inclusive)


def tier_gaps_and_overlaps(bands):
    """``(gaps, overlaps)`` of the ``bands`` swept from the lowest up.

    A gap is ``(low, high)``, values between two bands that no band holds
    (``low == high`` for a single value both bands leave out); an overlap is
    ``(low, high)``, values that a band shares with the bands below it
    (``None``: unbounded). Values below the lowest band and above the highest
    are not gaps: a scale may start at 0 or at 60. Empty bands are left out
    (``band_is_empty`` finds them).
    """
    ordered = sorted((band for band in bands if not band_is_empty(band)), key=_sort_key)
    gaps = []
    overlaps = []
    if not ordered:
        return gaps, overlaps
    reach, reach_inclusive = ordered[0].high, ordered[0].high_inclusive
    for band in ordered[1:]:
        if reach is None:
            overlaps.append((band.low, band.high))
        elif band.low is None or band.low < reach:
            overlaps.append((band.low, _lowest(reach, band.high)))
        elif band.low > reach:
            gaps.append((reach, band.low))
        elif reach_inclusive and band.low_inclusive:
            overlaps.append((band.low, band.low))
        elif not reach_inclusive and not band.low_inclusive:
            gaps.append((reach, band.low))
        if _reaches_further(band.high, band.high_inclusive, reach, reach_inclusive):
            reach, reach_inclusive = band.high, band.high_inclusive
    return gaps, overlaps


def _lowest(reach, high):
    return reach if high is None else min(reach, high)


def manual(value, minimum, maximum):
    """K5: the value a person typed, refused outside [``minimum``, ``maximum``]."""
    if not minimum <= value <= maximum:
        raise ValueError(f"{value} lies outside [{minimum}, {maximum}]")
    return RuleResult(value, {"value": value, "minimum": minimum, "maximum": maximum})


def evaluate(kind, actual, params, no_data_points=0.0):
    """Points of a line of rule ``kind`` for the ``actual`` value.

    ``params`` holds the keyword arguments of the kind's function besides
    the actual value (``bands`` for tiers). An ``actual`` of ``None`` means no
    data: the line earns ``no_data_points`` whatever its kind, and the
    numbers say so (``no_data``).
    """
    if actual is None:
        return RuleResult(no_data_points, {"no_data": True})
    if kind == K1_PROPORTIONAL:
        return proportional(actual=actual, **params)
    if kind == K2_PER_UNIT:
        return per_unit(count=actual, **params)
    if kind == K3_GAP_PER_STEP:
        return gap_per_step(actual=actual, **params)
    if kind == K4_TIERS:
        return tiers(actual, **params)
    if kind == K5_MANUAL:
        return manual(actual, **params)
    raise ValueError(f"unknown rule kind {kind!r}")


def formula_numbers(kind, result, shape=None, band_labels=()):
    """What a sheet line keeps of ``result`` (the ``RuleResult`` of a rule
    of ``kind``) to show its formula in its reader's language: the numbers,
    the kind and the points, the ``shape`` of a proportional rule, and the
    band used by tiers as its label (``band_labels``, in the bands' order)."""
    numbers = {**result.numbers, "kind": kind, "points": result.points}
    if kind == K1_PROPORTIONAL:
        numbers["shape"] = shape
    band = result.numbers.get("band")  # none without data
    if kind == K4_TIERS and band is not None:
        numbers["band"] = band_labels[band]
    return numbers


def sheet_total(points, maximum):
    """Sum of the lines' points, kept within 0 to the sheet's ``maximum``."""
    return round(_clamp(sum(points), 0.0, maximum), DIGITS)


def grade_from_scale(total, scale):
    """Grade of ``total`` on ``scale``, ``(lowest total, grade)`` pairs in
    any order: the grade of the highest lowest total the total reaches, or
    ``None`` below every band. The total is compared unrounded."""
    for lowest, grade in sorted(scale, key=lambda line: line[0], reverse=True):
        if total >= lowest:
            return grade
    return None
