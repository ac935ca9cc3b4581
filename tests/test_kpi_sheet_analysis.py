# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .kpi_common import KpiSheetCommon


class TestKpiSheetAnalysis(KpiSheetCommon):
    """The pivots and graphs of the sheets and of their lines."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sheets = cls._generate_sheets()

    def test_average_total_by_template_and_department(self):
        Sheet = self.Sheet.with_user(self.supervisor_user)
        domain = [("id", "in", self.sheets.ids)]
        # (74.75 + 36.75) / 2.
        self.assertEqual(
            Sheet._read_group(domain, ["template_id"], ["total_score:avg"]),
            [(self.template, 55.75)],
        )
        self.assertEqual(
            Sheet.read_group(domain, ["total_score"], ["month:month"])[0][
                "total_score"
            ],
            55.75,
        )

    def test_average_points_by_line(self):
        Line = self.env["helpdesk.appraisal.sheet.line"].with_user(self.supervisor_user)
        groups = Line.read_group(
            [("sheet_id", "in", self.sheets.ids)],
            ["points"],
            ["template_id", "name"],
            lazy=False,
        )
        # A and B: (51.75 + 6.75) / 2, (14 + 20) / 2, (4 + 10) / 2,
        # (5 + 0) / 2, 0: a line of 0 points counts in the average.
        self.assertEqual(
            {group["name"]: group["points"] or 0.0 for group in groups},
            {
                "Workload": 29.25,
                "Customer evaluation": 17.0,
                "Work logs": 7.0,
                "Orders handled": 2.5,
                "Attitude": 0.0,
            },
        )
        self.assertEqual(
            set(self.sheets.line_ids.mapped("month")), {self.sheets[0].month}
        )
        # By period and department, read through the sheets: 10 lines, 5
        # each, whose points add up to the two totals 74.75 + 36.75.
        self.assertEqual(
            Line._read_group(
                [("sheet_id", "in", self.sheets.ids), ("month", ">=", "2026-10-01")],
                ["month:month", "department_id"],
                ["__count", "points:sum"],
            ),
            [(self.sheets[0].month, self.sheets.department_id, 10, 111.5)],
        )
        self.assertEqual(
            self.sheets.line_ids.employee_id, self.engineer_a | self.engineer_b
        )

    def test_engineer_analyses_only_their_own_lines(self):
        sheet_a = self.sheets.filtered(lambda s: s.employee_id == self.engineer_a)
        sheet_a.with_user(self.supervisor_user).action_send()
        Line = self.env["helpdesk.appraisal.sheet.line"].with_user(self.engineer_a_user)
        groups = Line.read_group(
            [("sheet_id", "in", self.sheets.ids)], ["points"], ["name"]
        )
        self.assertEqual(
            {group["name"]: group["points"] for group in groups}["Workload"], 51.75
        )

    def test_analysis_actions_open_on_the_last_twelve_months(self):
        for xmlid, model in (
            ("helpdesk_appraisal_sheet_analysis_action", "helpdesk.appraisal.sheet"),
            (
                "helpdesk_appraisal_sheet_line_analysis_action",
                "helpdesk.appraisal.sheet.line",
            ),
        ):
            action = self.env["ir.actions.act_window"]._for_xml_id(
                f"helpdesk_engineer_appraisal.{xmlid}"
            )
            self.assertEqual(action["res_model"], model)
            self.assertTrue(action["view_mode"].startswith("pivot,graph"))
            self.assertIn("'search_default_last_12_months': 1", action["context"])
            views = self.env[model].get_views(
                [(False, "pivot"), (False, "graph"), (False, "search")]
            )["views"]
            self.assertIn("last_12_months", views["search"]["arch"])
            self.assertIn(
                "points" if "line" in xmlid else "total_score", views["pivot"]["arch"]
            )
