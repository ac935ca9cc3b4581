# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command

from .appraisal_common import OCTOBER
from .kpi_common import KpiSheetCommon


class TestKpiProbation(KpiSheetCommon):
    """Staff on probation are not appraised (004-M0): A's trial period ends
    on 15 December, B's on 31 October, C's contract is not running."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template.write(
            {
                "exclude_probation": True,
                "employee_ids": [Command.link(cls.engineer_c.id)],
            }
        )
        cls.env["hr.contract"].create(
            [
                {
                    "name": f"Contract {employee.name}",
                    "employee_id": employee.id,
                    "wage": 5000,
                    "date_start": "2026-09-01",
                    "trial_date_end": trial_end,
                    "state": state,
                }
                for employee, trial_end, state in (
                    (cls.engineer_a, "2026-12-15", "open"),
                    (cls.engineer_b, "2026-10-31", "open"),
                    (cls.engineer_c, "2026-12-31", "draft"),
                )
            ]
        )
        cls.Wizard = cls.env["helpdesk.appraisal.sheet.generate"].with_user(
            cls.manager_user
        )

    def test_on_probation_get_no_sheet(self):
        # October and November: A is on probation; B's trial ends on
        # October's last day, C has no running contract.
        for day in (OCTOBER, date(2026, 11, 20)):
            self.assertEqual(
                self._generate_sheets(day=day).employee_id,
                self.engineer_b | self.engineer_c,
            )
        # December: A's trial ends within the month.
        self.assertEqual(
            self._generate_sheets(day=date(2026, 12, 1)).employee_id,
            self.engineer_a | self.engineer_b | self.engineer_c,
        )
        # A quarter ending after the trial: A is appraised for Q4.
        quarter = self.template.copy({"period_type": "quarter"})
        self.assertIn(self.engineer_a, self._generate_sheets(quarter).employee_id)

    def test_option_off(self):
        self.template.exclude_probation = False
        self.assertEqual(
            self._generate_sheets().employee_id,
            self.engineer_a | self.engineer_b | self.engineer_c,
        )

    def test_wizard_says_how_many_were_left_out(self):
        wizard = self.Wizard.create({"template_id": self.template.id, "day": OCTOBER})
        action = wizard.action_generate()
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(
            action["params"]["message"], "1 employee(s) on probation left out."
        )
        sheets = self.Sheet.search(action["params"]["next"]["domain"])
        self.assertEqual(sheets.employee_id, self.engineer_b | self.engineer_c)
        # None left out in December: straight to the sheets.
        wizard = self.Wizard.create(
            {"template_id": self.template.id, "day": date(2026, 12, 1)}
        )
        action = wizard.action_generate()
        self.assertEqual(action["res_model"], "helpdesk.appraisal.sheet")
        self.assertEqual(len(self.Sheet.search(action["domain"])), 3)
