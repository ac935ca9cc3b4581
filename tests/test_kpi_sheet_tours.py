# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .kpi_common import KpiSheetCommon


@tagged("post_install", "-at_install")
class TestKpiSheetTours(KpiSheetCommon, HttpCase):
    """The KPI screens in the browser: a manager writes and previews a
    template; an employee scores themselves, their supervisor reviews."""

    def test_manager_writes_and_previews_a_template(self):
        Template = self.env["helpdesk.appraisal.sheet.template"]
        self.start_tour(
            "/odoo/action-helpdesk_engineer_appraisal.helpdesk_appraisal_sheet_template_action",
            "helpdesk_appraisal_sheet_template_tour",
            login="appraisal_manager",
        )
        template = Template.search([("name", "=", "Tour template")])
        self.assertEqual(len(template), 1)
        self.assertEqual(
            template.line_ids.read(["name", "metric", "rule_kind", "weight", "target"])[
                0
            ]
            | {"id": 0},
            {
                "id": 0,
                "name": "Tour workload",
                "metric": "points",
                "rule_kind": "proportional",
                "weight": 100.0,
                "target": 40.0,
            },
        )
        # The preview created no sheet.
        self.assertFalse(self.Sheet.search([("template_id", "=", template.id)]))

    def test_employee_scores_then_supervisor_reviews(self):
        sheet = self._generate_sheets().filtered(
            lambda s: s.employee_id == self.engineer_a
        )
        sheet.with_user(self.supervisor_user).action_send()
        url = f"/odoo/helpdesk.appraisal.sheet/{sheet.id}"
        self.start_tour(url, "helpdesk_appraisal_sheet_self_tour", login="engineer_a")
        attitude = sheet.line_ids[4]
        self.assertEqual(sheet.state, "review")
        self.assertEqual((attitude.self_value, attitude.points), (4.0, 4.0))
        self.start_tour(
            url, "helpdesk_appraisal_sheet_review_tour", login="appraisal_supervisor"
        )
        self.assertEqual(sheet.state, "approval")
        self.assertEqual(
            (attitude.supervisor_value, attitude.supervisor_note, attitude.points),
            (3.0, "Late twice", 3.0),
        )
        self.assertEqual(sheet.total_score, 77.75)
        self.assertEqual(sheet.reviewer_user_id, self.supervisor_user)
