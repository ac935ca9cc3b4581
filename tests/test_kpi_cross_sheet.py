# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.exceptions import ValidationError

from ..models.helpdesk_appraisal_metric import metric_parameters
from .appraisal_common import OCTOBER
from .kpi_common import KpiSheetCommon

NOVEMBER = date(2026, 11, 1)


class TestKpiCrossSheet(KpiSheetCommon):
    """Metrics reading other sheets: the field engineers' monthly template
    (A: 74.75 in October, 30 in November; B: 36.75, then 30: in November
    nobody has orders or findings, so 0 + 20 + 10 + 0 + 0), read by a
    manager's template (the supervisor manages A and B), a quarter and a
    year template."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Template = cls.env["helpdesk.appraisal.sheet.template"]
        cls.manager_template = Template.create(
            {
                "name": "Service manager",
                "employee_ids": [Command.set(cls.supervisor.ids)],
                "line_ids": [
                    Command.create(
                        {
                            "sequence": 1,
                            "name": "Team mean",
                            "metric": "team_mean",
                            "source_template_id": cls.template.id,
                            "rule_kind": "proportional",
                            "weight": 50,
                            "target": 100,
                        }
                    ),
                    Command.create(
                        {
                            "sequence": 2,
                            "name": "Team callbacks",
                            "metric": "team_sum",
                            "team_metric": "dissatisfied",
                            "rule_kind": "per_unit",
                            "weight": 50,
                            "start": 50,
                            "per_unit": -10,
                        }
                    ),
                ],
            }
        )
        cls.quarter_template = Template.create(
            {
                "name": "Quarter of months",
                "period_type": "quarter",
                "employee_ids": [Command.set((cls.engineer_a | cls.engineer_b).ids)],
                "line_ids": [
                    Command.create(
                        {
                            "name": "Monthly sheets",
                            "metric": "sheet_total",
                            "source_template_id": cls.template.id,
                            "rule_kind": "proportional",
                            "weight": 100,
                            "target": 100,
                        }
                    )
                ],
            }
        )
        cls.year_template = Template.create(
            {
                "name": "Year",
                "period_type": "year",
                "employee_ids": [Command.set((cls.engineer_a | cls.engineer_b).ids)],
                "line_ids": [
                    Command.create(
                        {
                            "name": "Failing months",
                            "metric": "sheets_below",
                            "source_template_id": cls.template.id,
                            "sheet_threshold": 59,
                            "rule_kind": "per_unit",
                            "weight": 100,
                            "start": 100,
                            "per_unit": -50,
                        }
                    )
                ],
            }
        )
        cls.monthly = cls._generate_sheets() | cls._generate_sheets(day=NOVEMBER)

    def _sheet(self, sheets, employee, month=OCTOBER):
        return sheets.filtered(
            lambda sheet: sheet.employee_id == employee and sheet.month == month
        )

    def test_team_mean_and_team_sum(self):
        sheet = self._generate_sheets(self.manager_template)
        self.assertEqual(sheet.employee_id, self.supervisor)
        mean, callbacks = sheet.line_ids
        # (74.75 + 36.75) / 2 = 55.75 -> 50 x 55.75 / 100 = 27.875.
        self.assertEqual(
            (mean.actual, mean.numerator, mean.denominator), (55.75, 111.5, 2)
        )
        self.assertEqual(mean.points, 27.875)
        # A's 3 dissatisfied callbacks + B's 0: 50 - 10 x 3 = 20.
        self.assertEqual((callbacks.actual, callbacks.points), (3, 20))
        self.assertEqual(sheet.total_score, 47.875)
        # Nobody reports to engineer A: no sheet to average, no callback.
        values = self.env["helpdesk.appraisal.metric"]._compute_metric(
            "team_mean",
            self.engineer_a,
            [OCTOBER],
            metric_parameters(mean.template_line_id),
        )
        self.assertEqual(values, {self.engineer_a.id: (None, 0, 0.0)})

    def test_sheet_total_of_the_months_of_a_quarter(self):
        sheets = self._generate_sheets(self.quarter_template)
        line_a = self._sheet(sheets, self.engineer_a).line_ids
        # (74.75 + 30) / 2 = 52.375 out of 100.
        self.assertEqual(
            (line_a.actual, line_a.numerator, line_a.denominator),
            (52.375, 104.75, 2),
        )
        self.assertEqual(line_a.points, 52.375)
        # B: (36.75 + 30) / 2.
        self.assertEqual(self._sheet(sheets, self.engineer_b).total_score, 33.375)

    def test_sheet_total_of_the_period_holding_the_month(self):
        """A monthly line reading the quarter sheet the month lies in, shown
        but not added to the total."""
        quarter = self._generate_sheets(self.quarter_template)
        bonus = self.env["helpdesk.appraisal.sheet.template"].create(
            {
                "name": "Monthly bonus",
                "employee_ids": [Command.set(self.engineer_a.ids)],
                "line_ids": [
                    Command.create(
                        {
                            "name": "Quarter so far",
                            "metric": "sheet_total",
                            "source_template_id": self.quarter_template.id,
                            "rule_kind": "per_unit",
                            "in_total": False,
                            "weight": 100,
                            "per_unit": 1,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Callbacks",
                            "metric": "dissatisfied",
                            "rule_kind": "per_unit",
                            "weight": 10,
                            "start": 10,
                            "per_unit": -1,
                        }
                    ),
                ],
            }
        )
        line, callbacks = self._generate_sheets(bonus, NOVEMBER).line_ids
        self.assertEqual(line.actual, self._sheet(quarter, self.engineer_a).total_score)
        self.assertEqual((line.points, line.in_total), (52.375, False))
        # Shown, not added: 10 - 0 dissatisfied callbacks in November.
        self.assertEqual(callbacks.points, 10)
        self.assertEqual(line.sheet_id.total_score, 10)

    def test_sheets_below_a_total_in_the_year(self):
        sheets = self._generate_sheets(self.year_template)
        # A: November (30) is below 59 -> 100 - 50; B: both months -> 0.
        self.assertEqual(
            [
                (line.actual, line.points)
                for line in self._sheet(
                    sheets, self.engineer_a, date(2026, 1, 1)
                ).line_ids
            ],
            [(1, 50)],
        )
        self.assertEqual(
            self._sheet(sheets, self.engineer_b, date(2026, 1, 1)).total_score, 0
        )

    def test_sheets_read_are_computed_first(self):
        manager_sheet = self._generate_sheets(self.manager_template)
        # A fourth dissatisfied callback for A in October: A's sheet 72.75.
        self._callbacks(self.orders_a[3:4], "dissatisfied")
        # Refreshed together, the manager's sheet first in the batch.
        (manager_sheet | self.monthly)._refresh()
        self.assertEqual(self._sheet(self.monthly, self.engineer_a).total_score, 72.75)
        mean, callbacks = manager_sheet.line_ids
        # (72.75 + 36.75) / 2 = 54.75 -> 27.375; 50 - 10 x 4 = 10.
        self.assertEqual((mean.actual, mean.points), (54.75, 27.375))
        self.assertEqual((callbacks.actual, callbacks.points), (4, 10))
        self.assertEqual(
            [len(layer) for layer in (manager_sheet | self.monthly)._refresh_layers()],
            [4, 1],
        )

    def test_no_template_refers_to_itself(self):
        line_values = {
            "name": "Loop",
            "metric": "sheet_total",
            "rule_kind": "per_unit",
            "weight": 10,
            "per_unit": 1,
        }
        manager = self.env["helpdesk.appraisal.sheet.template"].with_user(
            self.manager_user
        )
        with self.assertRaisesText(ValidationError, "refers back to this template"):
            manager.browse(self.template.id).line_ids = [
                Command.create(line_values | {"source_template_id": self.template.id})
            ]
        # Field engineers <- service manager: the engineers cannot read it.
        with self.assertRaisesText(
            ValidationError,
            "the template Service manager refers back to this template",
        ):
            manager.browse(self.template.id).line_ids = [
                Command.create(
                    line_values | {"source_template_id": self.manager_template.id}
                )
            ]
        # Through a third template: year <- quarter <- field engineers.
        with self.assertRaisesText(ValidationError, "refers back"):
            manager.browse(self.template.id).line_ids = [
                Command.create(
                    line_values
                    | {
                        "metric": "team_mean",
                        "source_template_id": self.year_template.id,
                    }
                )
            ]
        self.quarter_template.line_ids.source_template_id = self.year_template
        with self.assertRaisesText(ValidationError, "refers back"):
            manager.browse(
                self.year_template.id
            ).line_ids.source_template_id = self.quarter_template
        self.assertEqual(len(self.template.line_ids), 5)

    def test_line_parameters_required(self):
        manager = self.env["helpdesk.appraisal.sheet.template"].with_user(
            self.manager_user
        )
        values = {
            "name": "Team",
            "rule_kind": "per_unit",
            "weight": 10,
            "per_unit": 1,
        }
        for extra, message in (
            ({"metric": "team_mean"}, "choose the template whose sheets"),
            ({"metric": "team_sum"}, "choose the Metric of the Team"),
            (
                {"metric": "team_sum", "team_metric": "team_sum"},
                "choose the Metric of the Team",
            ),
            (
                {"metric": "team_sum", "team_metric": "sheet_total"},
                "choose the template whose sheets",
            ),
        ):
            with self.assertRaisesText(ValidationError, message):
                manager.browse(self.manager_template.id).line_ids = [
                    Command.create(values | extra)
                ]
        self.assertEqual(len(self.manager_template.line_ids), 2)

    def test_metrics_in_constant_queries(self):
        Metric = self.env["helpdesk.appraisal.metric"]
        others = self.env["hr.employee"].create(
            [
                {"name": f"Engineer {index}", "parent_id": self.supervisor.id}
                for index in range(6)
            ]
        )
        bosses = self.env["hr.employee"].create(
            [{"name": f"Lead {index}"} for index in range(3)]
        )
        others[:3].parent_id = bosses[0]
        self.env["helpdesk.appraisal.sheet"].create(
            [
                {
                    "template_id": self.template.id,
                    "employee_id": other.id,
                    "month": month,
                }
                for other in others
                for month in (OCTOBER, NOVEMBER)
            ]
        )._refresh()
        params = {
            "sheet_total": (("source_template_id", self.template.id),),
            "sheets_below": (
                ("source_template_id", self.template.id),
                ("sheet_threshold", 59.0),
            ),
            "team_mean": (("source_template_id", self.template.id),),
            "team_sum": (("team_metric", "dissatisfied"),),
            "utilisation": (),
            "standard_points": (),
        }
        few_employees = self.engineer_a | self.supervisor
        many_employees = few_employees | others | bosses | self.engineer_b
        for code, code_params in params.items():
            self.env.invalidate_all()
            with self._capture_reads() as few:
                Metric._compute_metric(code, few_employees, [OCTOBER], code_params)
            self.env.invalidate_all()
            with self._capture_reads() as many:
                values = Metric._compute_metric(
                    code, many_employees, [OCTOBER, NOVEMBER], code_params
                )
            self.assertEqual(len(many), len(few), code)
            self.assertEqual(len(values), len(many_employees), code)
        # Supervisor Sun manages A, B and 3 others: 10 sheets in the two
        # months; Lead 0 the 3 others: 6.
        values = Metric._compute_metric(
            "team_mean", many_employees, [OCTOBER, NOVEMBER], params["team_mean"]
        )
        self.assertEqual(values[self.supervisor.id][2], 10)
        self.assertEqual(values[bosses[0].id][2], 6)
