# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math

from odoo import Command
from odoo.exceptions import ValidationError

from .appraisal_common import OCTOBER
from .kpi_common import KpiSheetCommon


class TestKpiTemplate(KpiSheetCommon):
    """Bad template input is refused with a clear message, by the manager who
    edits the template, and nothing is half-written."""

    def _write_line(self, line, values):
        line.with_user(self.manager_user).write(values)

    def test_not_a_number_refused(self):
        for field in ("weight", "target", "cap", "start", "per_unit", "step"):
            for value in (math.nan, math.inf, -math.inf):
                with self.assertRaisesText(ValidationError, "must be a finite number"):
                    self._write_line(self.line_workload, {field: value})
        self.assertEqual(self.line_workload.weight, 60)

    def test_negative_parameters_refused(self):
        for field in (
            "target",
            "start",
            "floor",
            "quota",
            "no_data_points",
            "manual_min",
            "step_points",
        ):
            with self.assertRaisesText(ValidationError, "must lie between 0"):
                self._write_line(self.line_customer, {field: -1})
        for field in ("weight", "step", "cap"):
            with self.assertRaisesText(ValidationError, "must be greater than 0"):
                self._write_line(self.line_logs, {field: -1})
            with self.assertRaisesText(ValidationError, "must be greater than 0"):
                self._write_line(self.line_logs, {field: 0})
        with self.assertRaisesText(ValidationError, "must be greater than 0"):
            self.template.with_user(self.manager_user).maximum = 0
        # A deduction per unit has a sign.
        self._write_line(self.line_customer, {"per_unit": -5})
        self.assertEqual(self.line_customer.per_unit, -5)

    def test_k1_without_target_refused(self):
        with self.assertRaisesText(
            ValidationError,
            "Line Workload of template Field engineers: the target of a K1 "
            "Proportional line must be greater than 0.",
        ):
            self._write_line(self.line_workload, {"target": 0})
        # The raw shape reads the value itself.
        self._write_line(self.line_workload, {"target": 0, "shape": "raw"})

    def test_manual_values_need_a_person(self):
        with self.assertRaisesText(ValidationError, "every other metric is computed"):
            self._write_line(self.line_attitude, {"scorer": "system"})
        with self.assertRaisesText(ValidationError, "every other metric is computed"):
            self._write_line(self.line_workload, {"scorer": "supervisor"})
        with self.assertRaisesText(ValidationError, "a K5 Manual line takes"):
            self._write_line(self.line_workload, {"rule_kind": "manual"})

    def test_parameters_above_the_weight_refused(self):
        with self.assertRaisesText(
            ValidationError, "the start cannot exceed the weight 20"
        ):
            self._write_line(self.line_customer, {"start": 25})
        with self.assertRaisesText(ValidationError, "the floor cannot exceed"):
            self._write_line(self.line_logs, {"floor": 11})
        with self.assertRaisesText(
            ValidationError, "the lowest manual value cannot exceed the weight 5"
        ):
            self._write_line(self.line_attitude, {"manual_min": 6})
        with self.assertRaisesText(
            ValidationError, "the points without data cannot exceed"
        ):
            self._write_line(self.line_attitude, {"no_data_points": 6})

    def test_bad_tier_bands_refused(self):
        with self.assertRaisesText(ValidationError, "holds no value"):
            self._write_line(
                self.line_orders,
                {"tier_ids": [Command.create({"low": 40, "high": 35, "output": 1})]},
            )
        with self.assertRaisesText(ValidationError, "more than the line's weight 5"):
            self._write_line(
                self.line_orders,
                {"tier_ids": [Command.create({"low": 40, "high": 45, "output": 6})]},
            )
        with self.assertRaisesText(
            ValidationError, "the points of a tier band cannot exceed the weight 4"
        ):
            self._write_line(self.line_orders, {"weight": 4})
        self.assertEqual(len(self.line_orders.tier_ids), 3)

    def test_template_applies_to(self):
        department = self.env["hr.department"].create({"name": "Repairs"})
        job = self.env["hr.job"].create({"name": "Field engineer"})
        self.engineer_c.department_id = department
        self.supervisor.job_id = job
        self.template.write(
            {
                "department_ids": [Command.set(department.ids)],
                "job_ids": [Command.set(job.ids)],
            }
        )
        self.assertEqual(
            self.template._applicable_employees(),
            self.engineer_a | self.engineer_b | self.engineer_c | self.supervisor,
        )

    def test_query_count_does_not_grow_with_employees(self):
        # Warm the caches with a first generation.
        self._generate_sheets()
        others = self.env["hr.employee"].create(
            [{"name": f"Engineer {index}"} for index in range(8)]
        )
        self._create_tickets(
            count=2, engineers=others[:4], difficulty=self.level_standard
        )
        self.env.invalidate_all()
        with self._capture_reads() as few:
            self._generate_sheets()
        self.template.employee_ids = [Command.link(employee.id) for employee in others]
        self.env.invalidate_all()
        with self._capture_reads() as many:
            sheets = self._generate_sheets()
        self.assertEqual(len(sheets), 10)
        self.assertEqual(len(sheets.line_ids), 50)
        # The second run also creates the 8 new sheets and their lines.
        self.env.invalidate_all()
        with self._capture_reads() as again:
            self._generate_sheets()
        self.assertEqual(len(again), len(few), "\n".join(again))
        self.assertLessEqual(len(many), len(few) + 10, "\n".join(many))
        self.assertEqual(sheets[0].month, OCTOBER)
