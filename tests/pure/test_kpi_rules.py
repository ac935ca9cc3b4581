# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The five rule kinds of the KPI sheets (KPI_SPEC 3.3), tested without Odoo,
each with numbers worked out by hand from the seeds' rules."""

import importlib.util
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location(
    "kpi_rules", Path(__file__).resolve().parents[2] / "kpi_rules.py"
)
kpi_rules = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(kpi_rules)
Band = kpi_rules.Band


# K1 proportional ------------------------------------------------------------


def test_k1_workload_of_the_policy_example():
    # Policy P5: P 34.5 / S 40 = 0.8625 -> 60 x 0.8625 = 51.75.
    result = kpi_rules.proportional(60, 34.5, 40)
    assert result.points == pytest.approx(51.75)
    assert result.numbers["ratio"] == pytest.approx(0.8625)
    assert result.numbers["used"] == pytest.approx(0.8625)


def test_k1_capped():
    # 50 / 40 = 1.25, capped at 1.0 -> 60.
    result = kpi_rules.proportional(60, 50, 40, cap=1.0)
    assert result.points == 60
    assert result.numbers["ratio"] == pytest.approx(1.25)
    assert result.numbers["used"] == 1.0


def test_k1_cap_above_one_pays_extra():
    # Cap 1.2: 50 / 40 = 1.25 -> 1.2 -> 60 x 1.2 = 72.
    assert kpi_rules.proportional(60, 50, 40, cap=1.2).points == pytest.approx(72)


def test_k1_lower_ratio():
    # 004-L2 read as target / actual: 30 min target, 40 min actual -> 0.75 x 20.
    result = kpi_rules.proportional(20, 40, 30, shape=kpi_rules.SHAPE_LOWER_RATIO)
    assert result.points == pytest.approx(15)
    assert result.numbers["ratio"] == pytest.approx(0.75)


def test_k1_lower_ratio_with_nothing_is_best():
    result = kpi_rules.proportional(20, 0, 30, shape=kpi_rules.SHAPE_LOWER_RATIO)
    assert result.points == 20


def test_k1_lower_excess():
    # 004-L2 "按超出时间比例扣分": 45 min against 30 -> 1 - 15 / 30 = 0.5 -> 10.
    result = kpi_rules.proportional(20, 45, 30, shape=kpi_rules.SHAPE_LOWER_EXCESS)
    assert result.points == pytest.approx(10)
    assert result.numbers["ratio"] == pytest.approx(0.5)


def test_k1_lower_excess_never_negative():
    # 90 min against 30: 1 - 60 / 30 = -1 -> 0.
    result = kpi_rules.proportional(20, 90, 30, shape=kpi_rules.SHAPE_LOWER_EXCESS)
    assert result.points == 0
    assert result.numbers["ratio"] == pytest.approx(-1)


def test_k1_lower_excess_under_target_is_full():
    # 20 min against 30: 1 + 10 / 30 = 1.333 -> capped at 1 -> 20.
    assert (
        kpi_rules.proportional(20, 20, 30, shape=kpi_rules.SHAPE_LOWER_EXCESS).points
        == 20
    )


def test_k1_raw_is_the_area_score():
    # Q x R: Q 12, R 0.75 -> 9, whatever the target.
    result = kpi_rules.proportional(12, 0.75, 0, shape=kpi_rules.SHAPE_RAW)
    assert result.points == pytest.approx(9)


def test_k1_refuses_a_zero_target():
    with pytest.raises(ValueError):
        kpi_rules.proportional(60, 10, 0)


def test_k1_unknown_shape():
    with pytest.raises(ValueError):
        kpi_rules.proportional(60, 10, 40, shape="sideways")


# K2 per unit ------------------------------------------------------------------


def test_k2_customer_evaluation():
    # Policy P2.2: 20 - 2 x 3 dissatisfied = 14.
    result = kpi_rules.per_unit(3, 20, -2, floor=0)
    assert result.points == 14
    assert result.numbers["units"] == 3
    assert result.numbers["raw"] == 14


def test_k2_floor():
    # 20 - 2 x 12 = -4 -> 0.
    result = kpi_rules.per_unit(12, 20, -2, floor=0)
    assert result.points == 0
    assert result.numbers["raw"] == -4


def test_k2_ceil():
    # 0 + 3 x 10 = 30, ceiling 25.
    assert kpi_rules.per_unit(10, 0, 3, ceil=25).points == 25


def test_k2_complaints_of_004_r():
    # 004-R: 100 - 10 x 1 hotline complaint = 90; the -20 line is another K2.
    assert kpi_rules.per_unit(1, 100, -10, floor=0).points == 90


def test_k2_excess_over_quota():
    # 004-F7: 150 units, quota 132, 35 per unit above -> 18 x 35 = 630.
    result = kpi_rules.per_unit(
        150, 0, 35, quota=132, quota_mode=kpi_rules.QUOTA_EXCESS
    )
    assert result.points == 630
    assert result.numbers["units"] == 18


def test_k2_excess_below_quota_is_zero():
    assert (
        kpi_rules.per_unit(
            120, 0, 35, quota=132, quota_mode=kpi_rules.QUOTA_EXCESS
        ).points
        == 0
    )


def test_k2_shortfall():
    # 004-F8: 120 units, quota 132, -25 per missing unit -> -300.
    result = kpi_rules.per_unit(
        120, 0, -25, quota=132, quota_mode=kpi_rules.QUOTA_SHORTFALL
    )
    assert result.points == -300
    assert result.numbers["units"] == 12


def test_k2_unknown_quota_mode():
    with pytest.raises(ValueError):
        kpi_rules.per_unit(1, 0, 1, quota_mode="some")


# K3 gap per step ------------------------------------------------------------


def test_k3_one_point_per_percentage_point():
    # 004-M2: target 95 %, actual 92 % -> 3 points below -> 30 - 3 = 27.
    result = kpi_rules.gap_per_step(30, 92, 95, 1)
    assert result.points == 27
    assert result.numbers["gap"] == 3
    assert result.numbers["steps"] == 3


def test_k3_exact_steps_count_fractions():
    # 92.5 % -> 2.5 points below -> 30 - 2.5 = 27.5.
    assert kpi_rules.gap_per_step(30, 92.5, 95, 1).points == 27.5


def test_k3_floor_rounding_counts_whole_steps():
    # 92.5 % -> 2 whole points below -> 28.
    result = kpi_rules.gap_per_step(30, 92.5, 95, 1, rounding=kpi_rules.ROUNDING_FLOOR)
    assert result.points == 28
    assert result.numbers["steps"] == 2


def test_k3_floor_rounding_survives_binary_floats():
    # 0.95 - 0.93 is 0.0200000000000000177 in binary: still 2 steps of 0.01.
    result = kpi_rules.gap_per_step(
        10, 0.93, 0.95, 1, step=0.01, rounding=kpi_rules.ROUNDING_FLOOR
    )
    assert result.numbers["steps"] == 2
    assert result.points == 8


def test_k3_above_target_loses_nothing():
    assert kpi_rules.gap_per_step(10, 99, 98, 1).points == 10


def test_k3_lower_is_better():
    # Response 40 min against 30, -1 per 5 minutes -> 2 steps -> 8.
    result = kpi_rules.gap_per_step(
        10, 40, 30, 1, step=5, direction=kpi_rules.DIRECTION_LOWER
    )
    assert result.points == 8


def test_k3_never_below_the_floor():
    # 50 % against 95 %: 45 points below, max 10 -> floor 0.
    result = kpi_rules.gap_per_step(10, 50, 95, 1)
    assert result.points == 0
    assert result.numbers["raw"] == -35


def test_k3_refuses_a_zero_step():
    with pytest.raises(ValueError):
        kpi_rules.gap_per_step(10, 50, 95, 1, step=0)


@pytest.mark.parametrize("kwargs", [{"direction": "sideways"}, {"rounding": "up"}])
def test_k3_unknown_options(kwargs):
    with pytest.raises(ValueError):
        kpi_rules.gap_per_step(10, 50, 95, 1, **kwargs)


# K4 tiers ---------------------------------------------------------------------

# 002-C1: >= 90 % -> 10, 80 % -> 8, 70 % -> 7, 60 % -> 6, 50 % -> 5, below -> 2.
PLAN_BANDS = [
    Band(90, None, 10),
    Band(80, 90, 8),
    Band(70, 80, 7),
    Band(60, 70, 6),
    Band(50, 60, 5),
    Band(None, 50, 2),
]


@pytest.mark.parametrize(
    ("rate", "points", "band"),
    [
        (100, 10, 0),
        (90, 10, 0),
        (89.99, 8, 1),
        (80, 8, 1),
        (75, 7, 2),
        (60, 6, 3),
        (50, 5, 4),
        (49.9, 2, 5),
        (0, 2, 5),
    ],
)
def test_k4_plan_on_time_rate(rate, points, band):
    result = kpi_rules.tiers(rate, PLAN_BANDS)
    assert result.points == points
    assert result.numbers["band"] == band


def test_k4_inclusive_upper_bound():
    # 004-H4: 93 <= R <= 97 -> 300, the upper bound inclusive.
    bands = [Band(93, 97, 300, True, True)]
    assert kpi_rules.tiers(97, bands).points == 300
    assert kpi_rules.tiers(93, bands).points == 300


def test_k4_exclusive_lower_bound():
    bands = [Band(90, None, 10, low_inclusive=False)]
    assert kpi_rules.tiers(90, bands).points == 0
    assert kpi_rules.tiers(90.01, bands).points == 10


def test_k4_value_in_a_gap_earns_nothing():
    # 002-C4 as written: 90 -> 10, 80 -> 8, 60 -> 6, below 50 -> 0; 55 % is
    # in no band.
    bands = [Band(90, None, 10), Band(80, 90, 8), Band(60, 80, 6), Band(None, 50, 0)]
    result = kpi_rules.tiers(55, bands)
    assert result.points == 0
    assert result.numbers["band"] is None


def test_k4_first_band_wins_an_overlap():
    bands = [Band(80, None, 8), Band(70, 90, 7)]
    assert kpi_rules.tiers(85, bands).points == 8


def test_k4_gaps_of_002_c4():
    bands = [Band(90, None, 10), Band(80, 90, 8), Band(60, 80, 6), Band(None, 50, 0)]
    gaps, overlaps = kpi_rules.tier_gaps_and_overlaps(bands)
    assert gaps == [(50, 60)]
    assert overlaps == []


def test_k4_no_gap_no_overlap():
    assert kpi_rules.tier_gaps_and_overlaps(PLAN_BANDS) == ([], [])


def test_k4_overlap_of_two_ranges():
    gaps, overlaps = kpi_rules.tier_gaps_and_overlaps(
        [Band(0, 60, 1), Band(50, 100, 2)]
    )
    assert gaps == []
    assert overlaps == [(50, 60)]


def test_k4_single_point_overlap_when_both_include_it():
    # 004-H2 as written: >= 96 % +300, <= 96 % -200: 96 is in both.
    bands = [Band(96, None, 300), Band(None, 96, -200, high_inclusive=True)]
    assert kpi_rules.tier_gaps_and_overlaps(bands) == ([], [(96, 96)])


def test_k4_single_point_gap_when_both_exclude_it():
    bands = [Band(None, 90, 0), Band(90, None, 10, low_inclusive=False)]
    assert kpi_rules.tier_gaps_and_overlaps(bands) == ([(90, 90)], [])


def test_k4_unbounded_band_below_another():
    bands = [Band(0, None, 1), Band(50, 60, 2)]
    assert kpi_rules.tier_gaps_and_overlaps(bands) == ([], [(50, 60)])


def test_k4_gap_of_004_h4():
    # R >= 98 -> 500; 93 <= R <= 97 -> 300; R < 93 -> -500: 97 to 98 unheld.
    bands = [
        Band(98, None, 500),
        Band(93, 97, 300, True, True),
        Band(None, 93, -500),
    ]
    assert kpi_rules.tier_gaps_and_overlaps(bands) == ([(97, 98)], [])


@pytest.mark.parametrize(
    ("band", "empty"),
    [
        (Band(90, 80, 1), True),
        (Band(80, 80, 1), True),
        (Band(80, 80, 1, True, True), False),
        (Band(None, 80, 1), False),
        (Band(80, 90, 1), False),
    ],
)
def test_k4_empty_bands(band, empty):
    assert kpi_rules.band_is_empty(band) is empty


def test_k4_empty_bands_are_not_gaps():
    bands = [Band(0, 50, 1), Band(70, 60, 5), Band(50, 100, 2)]
    assert kpi_rules.tier_gaps_and_overlaps(bands) == ([], [])


# K5 manual --------------------------------------------------------------------


def test_k5_within_bounds():
    result = kpi_rules.manual(7.5, 0, 10)
    assert result.points == 7.5
    assert result.numbers == {"value": 7.5, "minimum": 0, "maximum": 10}


@pytest.mark.parametrize("value", [-0.5, 10.5])
def test_k5_outside_bounds(value):
    with pytest.raises(ValueError):
        kpi_rules.manual(value, 0, 10)


# Dispatch, no data, total and grade -------------------------------------------


def test_evaluate_dispatches_each_kind():
    assert kpi_rules.evaluate(
        kpi_rules.K1_PROPORTIONAL, 34.5, {"maximum": 60, "target": 40}
    ).points == pytest.approx(51.75)
    assert (
        kpi_rules.evaluate(
            kpi_rules.K2_PER_UNIT, 3, {"start": 20, "k": -2, "floor": 0}
        ).points
        == 14
    )
    assert (
        kpi_rules.evaluate(
            kpi_rules.K3_GAP_PER_STEP, 92, {"maximum": 30, "target": 95, "k": 1}
        ).points
        == 27
    )
    assert kpi_rules.evaluate(kpi_rules.K4_TIERS, 85, {"bands": PLAN_BANDS}).points == 8
    assert (
        kpi_rules.evaluate(kpi_rules.K5_MANUAL, 4, {"minimum": 0, "maximum": 5}).points
        == 4
    )


def test_evaluate_without_data():
    # 002-C5: no exam taken -> 0, whatever the bands say.
    result = kpi_rules.evaluate(kpi_rules.K4_TIERS, None, {"bands": PLAN_BANDS}, 0.0)
    assert result == (0.0, {"no_data": True})
    assert kpi_rules.evaluate(kpi_rules.K1_PROPORTIONAL, None, {}, 10).points == 10


def test_evaluate_unknown_kind():
    with pytest.raises(ValueError):
        kpi_rules.evaluate("k6", 1, {})


def test_sheet_total_of_the_policy_example():
    # 51.75 + 14 + 8 + 10 = 83.75.
    assert kpi_rules.sheet_total([51.75, 14, 8, 10], 100) == 83.75


def test_sheet_total_clamped():
    assert kpi_rules.sheet_total([80, 30], 100) == 100
    assert kpi_rules.sheet_total([10, -30], 100) == 0


def test_sheet_total_of_binary_floats():
    # 0.1 x 3 shares: 89.99999999999999 stays 90 on the grade bands.
    assert kpi_rules.sheet_total([89.7, 0.1, 0.1, 0.1], 100) == 90


FIVE_BANDS = [(90, "excellent"), (80, "good"), (60, "pass"), (40, "below"), (0, "fail")]


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        (100, "excellent"),
        (90, "excellent"),
        (89.999, "good"),
        (83.75, "good"),
        (60, "pass"),
        (59.99, "below"),
        (39.99, "fail"),
        (0, "fail"),
    ],
)
def test_grade_from_the_five_band_scale(total, grade):
    assert kpi_rules.grade_from_scale(total, FIVE_BANDS) == grade


def test_grade_from_a_scale_in_any_order():
    scale = [(0, "D"), (85, "A"), (60, "C"), (75, "B")]
    assert kpi_rules.grade_from_scale(80, scale) == "B"
    assert kpi_rules.grade_from_scale(59, scale) == "D"


def test_grade_below_every_band():
    assert kpi_rules.grade_from_scale(30, [(60, "pass")]) is None


def test_k4_a_wide_band_covers_the_bands_inside_it():
    # Below 20 -> 0 holds 15 to 18 too: an overlap there, and no gap up to 20.
    bands = [
        Band(30, None, 5),
        Band(20, 25, 3),
        Band(None, 20, 0),
        Band(15, 18, 1),
    ]
    assert kpi_rules.tier_gaps_and_overlaps(bands) == ([(25, 30)], [(15, 18)])


def test_k4_overlap_up_to_the_wider_band():
    bands = [Band(0, 50, 1), Band(10, 20, 2), Band(30, 60, 3)]
    assert kpi_rules.tier_gaps_and_overlaps(bands) == ([], [(10, 20), (30, 50)])


def test_k4_no_bands():
    assert kpi_rules.tier_gaps_and_overlaps([]) == ([], [])


# What a sheet line keeps of a rule's result -----------------------------------


def test_formula_numbers_of_a_proportional_rule_keep_its_shape():
    result = kpi_rules.proportional(60, 34.5, 40)
    numbers = kpi_rules.formula_numbers(kpi_rules.K1_PROPORTIONAL, result, "ratio")
    assert numbers["kind"] == kpi_rules.K1_PROPORTIONAL
    assert numbers["shape"] == "ratio"
    assert numbers["points"] == pytest.approx(51.75)
    assert numbers["ratio"] == pytest.approx(0.8625)


def test_formula_numbers_of_tiers_name_the_band_used():
    bands = [Band(30, None, 5), Band(20, 30, 3), Band(None, 20, 0)]
    result = kpi_rules.tiers(36, bands)
    numbers = kpi_rules.formula_numbers(
        kpi_rules.K4_TIERS, result, band_labels=["[30, +∞)", "[20, 30)", "(-∞, 20)"]
    )
    assert numbers == {
        "actual": 36,
        "band": "[30, +∞)",
        "output": 5,
        "kind": kpi_rules.K4_TIERS,
        "points": 5,
    }


def test_formula_numbers_of_a_value_in_no_band_or_without_data():
    gap = kpi_rules.tiers(25, [Band(30, None, 5)])
    assert kpi_rules.formula_numbers(kpi_rules.K4_TIERS, gap)["band"] is None
    no_data = kpi_rules.evaluate(kpi_rules.K4_TIERS, None, {"bands": []}, 2.0)
    assert kpi_rules.formula_numbers(kpi_rules.K4_TIERS, no_data) == {
        "no_data": True,
        "kind": kpi_rules.K4_TIERS,
        "points": 2.0,
    }
