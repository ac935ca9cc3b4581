# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.exceptions import ValidationError

from .appraisal_common import OCTOBER
from .kpi_common import KpiSheetCommon

NOVEMBER = date(2026, 11, 1)
DECEMBER = date(2026, 12, 1)


class TestKpiQuarterSheet(KpiSheetCommon):
    """A quarter sheet computed from the quarter's facts (issue 12 item 7)."""

    def test_a_quarter_rate_divides_the_sums(self):
        # October: A's 3 dissatisfied callbacks and 1 satisfied: 25 %.
        # November: 3 satisfied of 3: 100 %. December: no callback.
        self._callbacks(self.orders_a[3:4], "satisfied")
        self._callbacks(self.orders_a[4:7], "satisfied", "2026-11-10 10:00:00")
        quarter = self.env["helpdesk.appraisal.sheet.template"].create(
            {
                "name": "Quarterly satisfaction",
                "period_type": "quarter",
                "employee_ids": [Command.set(self.engineer_a.ids)],
                "line_ids": [
                    Command.create(
                        {
                            "name": "Satisfaction",
                            "metric": "satisfaction_rate",
                            "rule_kind": "proportional",
                            "weight": 10,
                            "target": 100,
                        }
                    )
                ],
            }
        )
        monthly = quarter.copy({"name": "Monthly satisfaction", "period_type": "month"})
        october, november = (
            self._generate_sheets(monthly, day).line_ids for day in (OCTOBER, NOVEMBER)
        )
        self.assertEqual((october.actual, november.actual), (25, 100))
        line = self._generate_sheets(quarter, NOVEMBER).line_ids
        self.assertEqual(line.sheet_id.month, OCTOBER)
        # (1 + 3) / (4 + 3) = 57.14 %, not (25 + 100) / 2 = 62.5 %:
        # 10 x 0.571429 = 5.71429.
        self.assertEqual((line.numerator, line.denominator), (4, 7))
        self.assertAlmostEqual(line.actual, 400 / 7)
        self.assertEqual(line.points, 5.71429)
        self.assertEqual(line.sheet_id.total_score, 5.71429)


class TestKpiUtilisation(KpiSheetCommon):
    """Utilisation over the October of the worked example: A logged 36 x
    1.5 = 54 hours, B 6 x 1.5 = 9; both work the standard 40-hour week,
    8 hours on each of October 2026's 22 weekdays; B took 21 October off."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "Day off",
                "resource_id": cls.engineer_b.resource_id.id,
                "calendar_id": cls.engineer_b.resource_calendar_id.id,
                "date_from": "2026-10-21 00:00:00",
                "date_to": "2026-10-21 23:59:59",
            }
        )
        # Logged in November: not October's.
        cls._log_work(cls.orders_a[:1], cls.engineer_a)
        cls.orders_a[:1].timesheet_ids.filtered(lambda line: line.unit_amount == 1.5)[
            -1:
        ].date = "2026-11-02"
        cls.employees = cls.engineer_a | cls.engineer_b

    def test_logged_over_available_hours(self):
        self.assertEqual(
            self.engineer_a.resource_calendar_id,
            self.engineer_b.resource_calendar_id,
        )
        self.assertEqual(self.engineer_a.resource_calendar_id.hours_per_day, 8)
        values = self.env["helpdesk.appraisal.metric"]._compute_metric(
            "utilisation", self.employees, [OCTOBER]
        )
        value, logged, available = values[self.engineer_a.id]
        # 54 / (22 x 8) = 30.68 %.
        self.assertEqual((logged, available), (54, 176))
        self.assertAlmostEqual(value, 5400 / 176)
        # 9 / (21 x 8) = 5.36 %.
        value, logged, available = values[self.engineer_b.id]
        self.assertEqual((logged, available), (9, 168))
        self.assertAlmostEqual(value, 900 / 168)
        # The quarter: 54 + 1.5 hours over (22 + 21 + 23) x 8 = 528 hours.
        values = self.env["helpdesk.appraisal.metric"]._compute_metric(
            "utilisation", self.engineer_a, [OCTOBER, NOVEMBER, DECEMBER]
        )
        self.assertEqual(values[self.engineer_a.id][1:], (55.5, 528))

    def test_sheet_line(self):
        self.template.line_ids = [
            Command.create(
                {
                    "name": "Utilisation",
                    "metric": "utilisation",
                    "rule_kind": "gap_per_step",
                    "weight": 10,
                    "target": 20,
                    "step": 5,
                    "step_points": 2,
                    "rounding": "floor",
                }
            )
        ]
        sheets = self._generate_sheets()
        line_a, line_b = (
            sheets.filtered(lambda s, e=employee: s.employee_id == e).line_ids[-1]
            for employee in self.employees
        )
        # A is above 20 %: 10. B: 20 - 5.36 = 14.64 points below = 2 whole
        # steps of 5 -> 10 - 2 x 2 = 6.
        self.assertEqual(line_a.points, 10)
        self.assertEqual(line_b.points, 6)
        self.assertEqual((line_b.numerator, line_b.denominator), (9, 168))


class TestKpiCompanySettings(KpiSheetCommon):
    """Line parameters and grade bands read from the company's settings."""

    def _setting_values(self, parameter, field):
        return {
            "line_id": self.line_customer.id,
            "parameter": parameter,
            "setting": field,
        }

    def test_parameters_follow_the_settings(self):
        Setting = self.env["helpdesk.appraisal.sheet.template.setting"]
        Setting.create(
            [
                self._setting_values("start", "appraisal_customer_max"),
                self._setting_values("weight", "appraisal_customer_max"),
                dict(
                    self._setting_values(
                        "per_unit", "appraisal_dissatisfied_deduction"
                    ),
                    factor=-1,
                ),
            ]
        )
        self.env.company.write(
            {"appraisal_customer_max": 30, "appraisal_dissatisfied_deduction": 4}
        )
        sheet = self._generate_sheets().filtered(
            lambda s: s.employee_id == self.engineer_a
        )
        customer = sheet.line_ids[1]
        # 30 - 4 x 3 = 18.
        self.assertEqual((customer.weight, customer.points), (30, 18))
        self.assertEqual(customer.formula, "30 - 4 x 3 = 18")
        # The template itself keeps its own values.
        self.assertEqual(
            (self.line_customer.weight, self.line_customer.start), (20, 20)
        )

    def test_grade_bands_follow_the_settings(self):
        # A's 74.75 passes; with "pass from 75" it is below standard.
        sheet = self._generate_sheets().filtered(
            lambda s: s.employee_id == self.engineer_a
        )
        self.assertEqual(sheet.grade_id.code, "pass")
        self.env.company.appraisal_grade_pass = 75
        sheet._refresh()
        self.assertEqual(sheet.grade_id.code, "below_standard")

    def test_bad_settings_refused(self):
        Setting = self.env["helpdesk.appraisal.sheet.template.setting"].with_user(
            self.manager_user
        )
        for parameter, field, message in (
            ("weight", "appraisal_add_area_score", "holding a number, not Add"),
            ("in_total", "appraisal_customer_max", "holding yes or no, not"),
        ):
            with self.assertRaisesText(ValidationError, message):
                Setting.create(self._setting_values(parameter, field))
        # Not an appraisal setting of the company.
        for field in ("sequence", "name", "appraisal_tz"):
            with self.assertRaisesText(
                ValidationError, f"holding a number, not {field}"
            ):
                Setting.create(self._setting_values("weight", field))
        with self.assertRaisesText(ValidationError, "must be a finite number"):
            Setting.create(
                self._setting_values("per_unit", "appraisal_customer_max")
                | {"factor": float("nan")}
            )
        grade = self.env.ref("helpdesk_engineer_appraisal.grade_scale_five_bands_good")
        self.assertEqual(grade.setting, "appraisal_grade_good")
        with self.assertRaisesText(ValidationError, "grade band setting"):
            grade.with_user(self.manager_user).setting = "appraisal_customer_max"
        with self.assertRaisesText(ValidationError, "grade band setting"):
            grade.with_user(self.manager_user).copy(
                {
                    "code": "other",
                    "lowest_total": 85,
                    "setting": "appraisal_customer_max",
                }
            )
        self.assertFalse(self.line_customer.setting_ids)
        self.assertEqual(grade.setting, "appraisal_grade_good")
