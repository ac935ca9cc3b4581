# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.exceptions import UserError

from .appraisal_common import OCTOBER
from .kpi_common import KpiSheetCommon


class TestKpiSheet(KpiSheetCommon):
    def test_lines_of_each_rule_kind(self):
        sheets = self._generate_sheets()
        self.assertEqual(sheets.employee_id, self.engineer_a | self.engineer_b)
        sheet_a = sheets.filtered(lambda s: s.employee_id == self.engineer_a)
        # 60 x 34.5 / 40 = 51.75; 20 - 2 x 3 = 14; 10 - 3 x 2 = 4; 36 orders
        # -> 5; the manual line has no value yet -> 0.
        self.assertEqual(
            self._points(sheet_a),
            [
                ("Workload", 51.75),
                ("Customer evaluation", 14.0),
                ("Work logs", 4.0),
                ("Orders handled", 5.0),
                ("Attitude", 0.0),
            ],
        )
        self.assertEqual(sheet_a.total_score, 74.75)
        self.assertEqual(sheet_a.grade_id.code, "pass")
        self.assertEqual(sheet_a.maximum, 100)
        self.assertEqual(sheet_a.period_label, "2026-10")
        workload = sheet_a.line_ids[0]
        self.assertEqual(
            (workload.actual, workload.numerator, workload.denominator),
            (34.5, 34.5, 1.0),
        )
        self.assertEqual(
            workload.formula,
            "actual 34.5, target 40: r = 0.8625, used 0.8625 (cap 1) -> "
            "60 x 0.8625 = 51.75",
        )
        self.assertEqual(sheet_a.line_ids[1].formula, "20 - 2 x 3 = 14")
        self.assertEqual(
            sheet_a.line_ids[2].formula,
            "actual 2, target 0: gap 2 = 2 step(s) of 1 -> 10 - 3 x 2 = 4",
        )
        self.assertEqual(sheet_a.line_ids[3].formula, "36 in [30, +∞) -> 5")
        self.assertEqual(sheet_a.line_ids[4].formula, "No data -> 0")
        self.assertFalse(sheet_a.line_ids[4].has_data)
        # B: 60 x 4.5 / 40 = 6.75; 20; 10; 6 orders -> 0; 0.
        sheet_b = sheets - sheet_a
        self.assertEqual(
            [points for _name, points in self._points(sheet_b)],
            [6.75, 20.0, 10.0, 0.0, 0.0],
        )
        self.assertEqual(sheet_b.total_score, 36.75)
        self.assertEqual(sheet_b.grade_id.code, "fail")

    def test_workload_capped(self):
        # 20 more standard orders: P = 54.5 > 40 -> 60.
        self._create_tickets(
            count=20, engineers=self.engineer_a, difficulty=self.level_standard
        )
        sheet = self._generate_sheets().filtered(
            lambda s: s.employee_id == self.engineer_a
        )
        self.assertEqual(sheet.line_ids[0].points, 60)
        self.assertIn("r = 1.3625, used 1", sheet.line_ids[0].formula)

    def test_regenerating_gives_the_same_sheets(self):
        first = self._generate_sheets()
        totals = first.mapped("total_score")
        second = self._generate_sheets(day=date(2026, 10, 25))
        self.assertEqual(first, second)
        self.assertEqual(second.mapped("total_score"), totals)
        self.assertEqual(len(second.line_ids), 10)

    def test_quarter_adds_up_its_months(self):
        quarter = self.template.copy({"name": "Quarter", "period_type": "quarter"})
        # November: 2 more dissatisfied callbacks on A's orders.
        self._callbacks(
            self.orders_a[3:5], "dissatisfied", call_date="2026-11-03 10:00:00"
        )
        sheet = self._generate_sheets(quarter, date(2026, 11, 15)).filtered(
            lambda s: s.employee_id == self.engineer_a
        )
        self.assertEqual(sheet.month, OCTOBER)
        self.assertEqual(sheet.period_label, "2026 Q4")
        # 3 + 2 dissatisfied -> 20 - 10 = 10.
        customer = sheet.line_ids[1]
        self.assertEqual((customer.actual, customer.points), (5.0, 10.0))

    def test_template_line_added_later(self):
        sheets = self._generate_sheets()
        self.template.line_ids = [
            Command.create(
                {
                    "name": "Order forms",
                    "metric": "findings_order_form",
                    "rule_kind": "per_unit",
                    "weight": 10,
                    "start": 10,
                    "per_unit": -1,
                }
            )
        ]
        sheets._refresh()
        self.assertEqual(len(sheets.line_ids), 12)
        self.assertEqual(set(sheets.line_ids[-1:].mapped("points")), {10.0})
        self.template.line_ids[-1].unlink()
        sheets._refresh()
        self.assertEqual(len(sheets.line_ids), 10)

    def test_manager_changes_the_template_of_a_draft(self):
        sheet = self._generate_sheets().filtered(
            lambda s: s.employee_id == self.engineer_a
        )
        workload_only = self.env["helpdesk.appraisal.sheet.template"].create(
            {
                "name": "Workload only",
                "employee_ids": [Command.set(self.engineer_a.ids)],
                "line_ids": [
                    Command.create(
                        {
                            "name": "Workload",
                            "metric": "points",
                            "rule_kind": "proportional",
                            "weight": 100,
                            "target": 40,
                        }
                    )
                ],
            }
        )
        sheet.with_user(self.manager_user).template_id = workload_only
        sheet.with_user(self.manager_user).action_refresh()
        # Only the new template's line: 100 x 34.5 / 40 = 86.25.
        self.assertEqual(self._points(sheet), [("Workload", 86.25)])
        self.assertEqual(sheet.total_score, 86.25)

    def test_formulas_in_the_readers_language(self):
        """A line keeps the numbers of its rule, not a text: whoever computed
        the sheet, a Chinese reader sees the formula in Chinese."""
        self.env["res.lang"]._activate_lang("zh_CN")
        sheet = self._generate_sheets().filtered(
            lambda s: s.employee_id == self.engineer_a
        )
        workload = sheet.line_ids[0]
        self.assertEqual(
            workload.formula,
            "actual 34.5, target 40: r = 0.8625, used 0.8625 (cap 1) -> "
            "60 x 0.8625 = 51.75",
        )
        self.assertEqual(
            workload.with_context(lang="zh_CN").formula,
            "实际 34.5，目标 40：r = 0.8625，计 0.8625（上限 1）-> 60 x 0.8625 = 51.75",
        )

    def test_labels_in_the_readers_language(self):
        """A line keeps every translation of its template line's label:
        whoever computed the sheet (here in English), a Chinese reader sees
        the Chinese label; a refresh follows a translation changed since,
        and a done sheet keeps the one it was computed with."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.line_workload.update_field_translations("name", {"zh_CN": "工作量"})
        sheet = (
            self._generate_sheets()
            .filtered(lambda s: s.employee_id == self.engineer_a)
            .with_context(lang="en_US")
        )
        workload = sheet.line_ids[0]
        self.assertEqual(workload.name, "Workload")
        self.assertEqual(workload.with_context(lang="zh_CN").name, "工作量")
        # A label without a Chinese translation reads in English.
        self.assertEqual(
            sheet.line_ids[1].with_context(lang="zh_CN").name, "Customer evaluation"
        )
        self.line_workload.update_field_translations("name", {"zh_CN": "工作负荷"})
        sheet._refresh()
        self.assertEqual(workload.with_context(lang="zh_CN").name, "工作负荷")
        self.assertEqual(workload.name, "Workload")
        self.assertEqual(workload.points, 51.75)
        # The preview shows the label in its reader's language too.
        preview = (
            self.env["helpdesk.appraisal.sheet.preview"]
            .with_context(lang="zh_CN")
            .create(
                {
                    "template_id": self.template.id,
                    "employee_id": self.engineer_a.id,
                    "day": OCTOBER,
                }
            )
        )
        self.assertEqual(preview._preview_values()["lines"][0]["name"], "工作负荷")

    def test_a_d_scale(self):
        self.template.grade_scale_id = self.env.ref(
            "helpdesk_engineer_appraisal.grade_scale_a_d"
        )
        sheet = self._generate_sheets().filtered(
            lambda s: s.employee_id == self.engineer_a
        )
        # 74.75: from 60 -> C.
        self.assertEqual(sheet.grade_id.code, "C")

    def test_warnings(self):
        self.assertFalse(self.template.warning)
        self.assertEqual(self.template.weight_total, 100)
        self.line_logs.weight = 5
        self.assertEqual(
            self.template.warning,
            "The weights add up to 95, not to the maximum 100.",
        )
        # Bands 20 to 25 and 30 up leave 25 to 30; 15 to 18 is held twice.
        self.line_orders.write(
            {
                "tier_ids": [Command.clear()]
                + [
                    Command.create(values)
                    for values in (
                        {"low": 30, "high_unbounded": True, "output": 5},
                        {"low": 20, "high": 25, "output": 3},
                        {"low_unbounded": True, "high": 20, "output": 0},
                        {"low": 15, "high": 18, "output": 1},
                    )
                ]
            }
        )
        self.assertEqual(
            self.line_orders.tier_warning,
            "no band holds the values between 25 and 30; two bands hold the "
            "values from 15 to 18",
        )
        self.assertIn(
            "Orders handled: no band holds the values between 25 and 30",
            self.template.warning,
        )

    def test_facts_behind_each_line(self):
        sheet = self._generate_sheets().filtered(
            lambda s: s.employee_id == self.engineer_a
        )
        sheet.with_user(self.supervisor_user).action_send()
        workload, customer, logs, orders, attitude = sheet.with_user(
            self.engineer_a_user
        ).line_ids

        def facts(line):
            action = line.action_view_facts()
            return (
                self.env[action["res_model"]]
                .with_user(self.engineer_a_user)
                .search(action["domain"])
            )

        self.assertEqual(
            facts(workload),
            (self.orders_a | self.orders_ab).credit_ids.filtered(
                lambda credit: credit.employee_id == self.engineer_a
            ),
        )
        self.assertEqual(len(facts(orders)), 36)
        self.assertEqual(facts(customer), self.orders_a[:3].callback_ids)
        self.assertEqual(facts(logs), self.findings)
        self.assertEqual(
            workload.action_view_facts()["display_name"],
            "Engineer A - Field engineers - 2026-10 - Workload",
        )
        with self.assertRaisesText(UserError, "no recorded facts"):
            attitude.action_view_facts()
