# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command

from .appraisal_common import OCTOBER
from .kpi_common import KpiSheetCommon

NOVEMBER = date(2026, 11, 1)


class TestKpiMetric(KpiSheetCommon):
    """Each metric of the catalogue on the policy P5 example's October, plus:
    7 more callbacks on A's own orders (4 satisfied, 2 neutral, 1 unreachable),
    3 appraised tasks of A due on 20 October (done that day, done 2 days
    late, still open) and the area North led by A (120 devices, Q = 12) with
    4 orders due on 5 October (3 confirmed) and 2 on 6 October (2)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Metric = cls.env["helpdesk.appraisal.metric"]
        for result, orders in (
            ("satisfied", cls.orders_a[3:7]),
            ("neutral", cls.orders_a[7:9]),
            ("unreachable", cls.orders_a[9:10]),
        ):
            cls._callbacks(orders, result)
        tasks = cls.env["project.task"].create(
            [
                {
                    "name": f"Inspection {index}",
                    "project_id": cls.project.id,
                    "is_appraisal_task": True,
                    "user_ids": [Command.set(cls.engineer_a_user.ids)],
                    "date_deadline": "2026-10-20 12:00:00",
                }
                for index in range(3)
            ]
        )
        cls._done_at(tasks[0], "2026-10-20 15:00")
        cls._done_at(tasks[1], "2026-10-22 10:00")
        cls.env["project.task"]._refresh_execution_status()
        area = cls.env["helpdesk.service.area"].create(
            {
                "name": "North",
                "leader_id": cls.engineer_a.id,
                "member_ids": [Command.set((cls.engineer_a | cls.engineer_b).ids)],
                "device_count": 120,
            }
        )
        cls.env["helpdesk.service.area.daily"].sudo().create(
            [
                {
                    "area_id": area.id,
                    "date": day,
                    "due_count": due,
                    "confirmed_count": confirmed,
                }
                for day, due, confirmed in (
                    ("2026-10-05", 4, 3),
                    ("2026-10-06", 2, 2),
                )
            ]
        )
        cls.env.flush_all()
        cls.employees = cls.engineer_a | cls.engineer_b

    def _metric(self, code, months=(OCTOBER,)):
        values = self.Metric._compute_metric(code, self.employees, months)
        return values[self.engineer_a.id], values[self.engineer_b.id]

    def test_counts_and_sums(self):
        # A: 30 x 1.0 + 6 x 1.5 / 2 = 34.5 points on 36 orders; B: 4.5 on 6.
        self.assertEqual(self._metric("points"), ((34.5, 34.5, 1.0), (4.5, 4.5, 1.0)))
        self.assertEqual(self._metric("orders"), ((36, 36, 1.0), (6, 6, 1.0)))
        self.assertEqual(self._metric("dissatisfied"), ((3, 3, 1.0), (0, 0, 1.0)))
        self.assertEqual(self._metric("findings_work_log"), ((2, 2, 1.0), (0, 0, 1.0)))
        self.assertEqual(
            self._metric("findings_order_form"), ((0, 0, 1.0), (0, 0, 1.0))
        )
        # Done late and open past the deadline.
        self.assertEqual(self._metric("overdue_tasks"), ((2, 2, 1.0), (0, 0, 1.0)))
        # Q 12 x R 0.875 = 10.5.
        self.assertEqual(self._metric("area_score")[0], (10.5, 10.5, 1.0))

    def test_rates(self):
        # Satisfied 4 / answered 9 (3 dissatisfied + 4 + 2 neutral; the
        # unreachable customer left out); B has no callback: no data.
        (value, numerator, denominator), no_data = self._metric("satisfaction_rate")
        self.assertAlmostEqual(value, 400 / 9)
        self.assertEqual((numerator, denominator), (4, 9))
        self.assertEqual(no_data, (None, 0.0, 0.0))
        # On time 1 / due 3; done 2 / due 3.
        value, numerator, denominator = self._metric("task_on_time_rate")[0]
        self.assertAlmostEqual(value, 100 / 3)
        self.assertEqual((numerator, denominator), (1, 3))
        value, _numerator, _denominator = self._metric("task_completion_rate")[0]
        self.assertAlmostEqual(value, 200 / 3)
        # The mean of the daily rates: (3 / 4 + 2 / 2) / 2 = 87.5 %.
        value, _numerator, denominator = self._metric("area_rate")[0]
        self.assertAlmostEqual(value, 87.5)
        self.assertEqual(denominator, 1)

    def test_a_quarter_adds_up_its_months(self):
        # November: 1 satisfied and 1 dissatisfied call on A's orders.
        self._callbacks(self.orders_a[10:11], "satisfied", "2026-11-04 10:00:00")
        self._callbacks(self.orders_a[11:12], "dissatisfied", "2026-11-05 10:00:00")
        quarter = (OCTOBER, NOVEMBER, date(2026, 12, 1))
        self.assertEqual(self._metric("dissatisfied", quarter)[0], (4, 4, 1.0))
        # (4 + 1) / (9 + 2).
        value, numerator, denominator = self._metric("satisfaction_rate", quarter)[0]
        self.assertAlmostEqual(value, 500 / 11)
        self.assertEqual((numerator, denominator), (5, 11))

    def test_sheet_line_on_a_rate_without_data(self):
        self.template.line_ids = [
            Command.create(
                {
                    "name": "Satisfaction",
                    "metric": "satisfaction_rate",
                    "rule_kind": "proportional",
                    "weight": 10,
                    "target": 90,
                    "no_data_points": 10,
                }
            )
        ]
        sheets = self._generate_sheets()
        line_a, line_b = (
            sheets.filtered(lambda s, e=employee: s.employee_id == e).line_ids[-1]
            for employee in self.employees
        )
        # 44.44 / 90 = 0.4938 -> 10 x 0.4938 = 4.94; B: no data -> 10.
        self.assertAlmostEqual(line_a.points, 4000 / 810, places=5)
        self.assertEqual(
            line_a.formula,
            "actual 44.4444, target 90: r = 0.4938, used 0.4938 (cap 1) -> "
            "10 x 0.4938 = 4.9383",
        )
        self.assertEqual((line_b.points, line_b.has_data), (10.0, False))
        self.assertEqual(line_b.formula, "No data -> 10")

    def test_each_metric_in_constant_queries(self):
        others = self.env["hr.employee"].create(
            [{"name": f"Engineer {index}"} for index in range(8)]
        )
        self._create_tickets(
            count=2, engineers=others[:4], difficulty=self.level_standard
        )
        codes = [
            code
            for code, _label in self.env["helpdesk.appraisal.sheet.template.line"]
            ._fields["metric"]
            .selection
        ]
        for code in codes:
            self.env.invalidate_all()
            with self._capture_reads() as few:
                self.Metric._compute_metric(code, self.employees, [OCTOBER])
            self.env.invalidate_all()
            with self._capture_reads() as many:
                values = self.Metric._compute_metric(
                    code, self.employees | others, [OCTOBER, NOVEMBER]
                )
            self.assertEqual(len(many), len(few), code)
            if code != "manual":
                self.assertEqual(len(values), 10, code)
