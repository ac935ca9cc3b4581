# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError

from .appraisal_common import OCTOBER
from .kpi_common import KpiSheetCommon


class TestKpiSheetAccess(KpiSheetCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template.employee_ids = [Command.link(cls.engineer_c.id)]
        cls.sheets = cls._generate_sheets()
        cls.sheet_a, cls.sheet_b, cls.sheet_c = (
            cls.sheets.filtered(lambda s, e=employee: s.employee_id == e)
            for employee in (cls.engineer_a, cls.engineer_b, cls.engineer_c)
        )

    def _visible(self, user):
        return self.Sheet.with_user(user).search([("id", "in", self.sheets.ids)])

    def test_engineer_sees_only_their_own_sent_sheet(self):
        self.assertFalse(self._visible(self.engineer_a_user))
        self.sheet_a.with_user(self.supervisor_user).action_send()
        self.assertEqual(self._visible(self.engineer_a_user), self.sheet_a)
        self.assertEqual(
            self.sheet_a.with_user(self.engineer_a_user).line_ids.mapped("points"),
            [51.75, 14.0, 4.0, 5.0, 0.0],
        )
        with self.assertRaises(AccessError):
            self.sheet_b.with_user(self.engineer_a_user).read(["total_score"])

    def test_supervisor_sees_their_team(self):
        self.assertEqual(
            self._visible(self.supervisor_user), self.sheet_a | self.sheet_b
        )

    def test_manager_sees_all(self):
        self.assertEqual(self._visible(self.manager_user), self.sheets)

    def test_other_company_sheets_are_hidden(self):
        branch = self.env["res.company"].create({"name": "Branch"})
        engineer = self.env["hr.employee"].create(
            {"name": "Engineer Zhao", "company_id": branch.id}
        )
        template = self.env["helpdesk.appraisal.sheet.template"].create(
            {
                "name": "Branch engineers",
                "company_id": branch.id,
                "employee_ids": [Command.set(engineer.ids)],
                "line_ids": [Command.create(self._line_values()[0])],
            }
        )
        branch_sheet = self._generate_sheets(template)
        self.assertEqual(branch_sheet.company_id, branch)
        self.manager_user.company_ids = [Command.link(branch.id)]
        Sheet = self.Sheet.with_user(self.manager_user)
        self.assertNotIn(
            branch_sheet,
            Sheet.with_context(allowed_company_ids=[self.env.company.id]).search([]),
        )
        self.assertEqual(
            Sheet.with_context(allowed_company_ids=[branch.id]).search([]),
            branch_sheet,
        )

    def test_points_and_stage_are_never_written_by_hand(self):
        self.sheet_a.with_user(self.supervisor_user).action_send()
        for user in (self.engineer_a_user, self.supervisor_user, self.manager_user):
            with self.assertRaisesText(AccessError, "are computed"):
                self.sheet_a.with_user(user).write({"total_score": 100})
            with self.assertRaisesText(AccessError, "are computed"):
                self.sheet_a.with_user(user).write({"state": "done"})
            with self.assertRaisesText(AccessError, "come from its template"):
                self.sheet_a.line_ids[0].with_user(user).write({"points": 60})
            # Nor the numbers its formula is shown from.
            with self.assertRaisesText(AccessError, "come from its template"):
                self.sheet_a.line_ids[0].with_user(user).write(
                    {"formula_numbers": {"kind": "manual", "points": 60}}
                )
        # A context key sent over RPC does not unlock them.
        with self.assertRaisesText(AccessError, "are computed"):
            self.sheet_a.with_user(self.manager_user).with_context(
                sheet_computed_write=True
            ).write({"total_score": 100})
        self.assertEqual(self.sheet_a.total_score, 74.75)
        workload = self.sheet_a.line_ids[0]
        self.assertEqual(workload.formula_numbers["kind"], "proportional")

    def test_context_defaults_set_neither_the_points_nor_the_stage(self):
        """A client's context is the client's: ``default_`` keys sent over
        RPC are values like any other, refused for what is computed, and
        generation takes none of them."""
        self.sheets.unlink()
        for key, value in (
            ("default_state", "done"),
            ("default_total_score", 100),
            (
                "default_grade_id",
                self.env.ref(
                    "helpdesk_engineer_appraisal.grade_scale_five_bands_excellent"
                ).id,
            ),
        ):
            with (
                self.subTest(key=key),
                self.assertRaisesText(AccessError, "are computed"),
            ):
                self.Sheet.with_user(self.manager_user).with_context(
                    **{key: value}
                ).create(
                    {
                        "template_id": self.template.id,
                        "employee_id": self.engineer_a.id,
                        "month": OCTOBER,
                    }
                )
            self.assertFalse(
                self.Sheet.search([("employee_id", "=", self.engineer_a.id)])
            )
        wizard = (
            self.env["helpdesk.appraisal.sheet.generate"]
            .with_user(self.manager_user)
            .with_context(
                default_state="done",
                default_total_score=100,
                default_points=60,
                default_supervisor_scored=True,
                default_supervisor_value=60,
            )
            .create({"template_id": self.template.id, "day": OCTOBER})
        )
        sheets = self.Sheet.search(wizard.action_generate()["domain"])
        sheet_a = sheets.filtered(lambda sheet: sheet.employee_id == self.engineer_a)
        self.assertEqual(set(sheets.mapped("state")), {"draft"})
        # As generated without the keys: 51.75 + 14 + 4 + 5 + 0.
        self.assertEqual(sheet_a.total_score, 74.75)
        self.assertEqual(sheet_a.line_ids[4].points, 0.0)
        self.assertFalse(any(sheets.line_ids.mapped("supervisor_scored")))

    def test_labels_are_never_translated_by_hand(self):
        """The translation dialog writes around ``write``: nobody rewrites
        a line's label through it, in any language."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.sheet_a.with_user(self.supervisor_user).action_send()
        workload = self.sheet_a.line_ids[0]
        for user in (self.engineer_a_user, self.supervisor_user, self.manager_user):
            for lang in ("en_US", "zh_CN"):
                with self.assertRaisesText(AccessError, "come from its template"):
                    workload.with_user(user).update_field_translations(
                        "name", {lang: "Free points"}
                    )
        self.assertEqual(workload.with_context(lang="en_US").name, "Workload")
        self.assertEqual(workload.with_context(lang="zh_CN").name, "Workload")

    def test_lines_keep_their_sheets_employee_and_period(self):
        """The lines' employee, template, department and period are their
        sheet's; nobody writes them through a line, not even with a context
        key sent over RPC."""
        lines = self.sheet_a.line_ids
        other = self.env["hr.department"].create({"name": "Elsewhere"})
        for user in (self.engineer_a_user, self.supervisor_user, self.manager_user):
            for vals in (
                {"employee_id": self.engineer_b.id},
                {"template_id": self.template.copy().id},
                {"department_id": other.id},
                {"month": "2026-09-01"},
            ):
                with self.assertRaisesText(AccessError, "come from its template"):
                    lines[0].with_user(user).write(vals)
                with self.assertRaisesText(AccessError, "come from its template"):
                    lines[0].with_user(user).with_context(
                        sheet_computed_write=True
                    ).write(vals)
        self.assertEqual(lines.employee_id, self.engineer_a)
        self.assertEqual(lines.template_id, self.template)
        self.assertEqual(set(lines.mapped("month")), {OCTOBER})
        # The draft follows the employee's move to another department, and
        # its lines with it.
        self.engineer_a.department_id = other
        self.sheet_a._refresh()
        self.assertEqual(self.sheet_a.department_id, other)
        self.assertEqual(lines.department_id, other)

    def test_workflow_self_then_supervisor(self):
        attitude = self.sheet_a.line_ids[4]
        # The supervisor sends; the employee scores first.
        self.sheet_a.with_user(self.supervisor_user).action_send()
        self.assertEqual(self.sheet_a.state, "self_assessment")
        with self.assertRaisesText(AccessError, "Only a supervisor gives"):
            attitude.with_user(self.supervisor_user).supervisor_value = 4
        with self.assertRaisesText(UserError, "Give your own score on line Attitude"):
            self.sheet_a.with_user(self.engineer_a_user).action_submit()
        with self.assertRaisesText(ValidationError, "between 0 and 5, not 6"):
            attitude.with_user(self.engineer_a_user).self_value = 6
        attitude.with_user(self.engineer_a_user).self_value = 5
        self.assertEqual((attitude.points, self.sheet_a.total_score), (5.0, 79.75))
        self.assertEqual(attitude.formula, "5 given (0 to 5) -> 5")
        with self.assertRaises(AccessError):
            self.sheet_a.with_user(self.engineer_b_user).action_submit()
        with self.assertRaisesText(AccessError, "Only the appraised employee"):
            self.sheet_a.with_user(self.supervisor_user).action_submit()
        self.sheet_a.with_user(self.engineer_a_user).action_submit()
        self.assertEqual(self.sheet_a.state, "review")
        # The employee's value no longer changes; the supervisor's is final.
        with self.assertRaisesText(AccessError, "Only the appraised employee gives"):
            attitude.with_user(self.engineer_a_user).self_value = 4
        with self.assertRaisesText(UserError, "Give the supervisor's value"):
            self.sheet_a.with_user(self.supervisor_user).action_review()
        attitude.with_user(self.supervisor_user).supervisor_value = 3
        self.assertEqual((attitude.points, self.sheet_a.total_score), (3.0, 77.75))
        with self.assertRaisesText(UserError, "earns less than its maximum"):
            self.sheet_a.with_user(self.supervisor_user).action_review()
        attitude.with_user(self.supervisor_user).supervisor_note = "Late twice"
        self.sheet_a.with_user(self.supervisor_user).action_review()
        self.assertEqual(self.sheet_a.state, "approval")
        with self.assertRaisesText(AccessError, "Only a Manager may do this"):
            self.sheet_a.with_user(self.supervisor_user).action_approve()
        self.sheet_a.with_user(self.manager_user).action_approve()
        self.assertEqual(self.sheet_a.state, "done")
        # Done: frozen, whatever the facts do.
        self._create_tickets(
            count=20, engineers=self.engineer_a, difficulty=self.level_standard
        )
        self._generate_sheets()
        self.assertEqual(self.sheet_a.total_score, 77.75)
        with self.assertRaisesText(UserError, "read-only"):
            self.sheet_a.with_user(self.manager_user).supervisor_comment = "Late"
        with self.assertRaises(AccessError):
            attitude.with_user(self.supervisor_user).supervisor_value = 5
        with self.assertRaisesText(UserError, "cannot be deleted"):
            self.sheet_a.unlink()
        # Reopened with a reason: it follows the facts again.
        self.sheet_a.with_user(self.manager_user).reopen_reason = "Orders missed"
        self.sheet_a.with_user(self.manager_user).action_reopen()
        self.assertEqual(self.sheet_a.state, "review")
        self.assertEqual(self.sheet_a.line_ids[0].points, 60)

    def test_the_reviewer_does_not_approve(self):
        self.line_attitude.scorer = "supervisor"
        self.sheet_a.with_user(self.supervisor_user).action_send()
        attitude = self.sheet_a.line_ids[4].with_user(self.manager_user)
        attitude.supervisor_value = 5
        self.sheet_a.with_user(self.manager_user).action_review()
        self.assertEqual(self.sheet_a.reviewer_user_id, self.manager_user)
        with self.assertRaisesText(AccessError, "another manager approves it"):
            self.sheet_a.with_user(self.manager_user).action_approve()
        self.assertEqual(self.sheet_a.state, "approval")

    def test_employee_without_self_line_goes_to_review(self):
        self.line_attitude.scorer = "supervisor"
        self.sheet_b.with_user(self.supervisor_user).action_send()
        self.assertEqual(self.sheet_b.state, "review")

    def test_nobody_reviews_their_own_sheet(self):
        self.template.employee_ids = [Command.link(self.supervisor.id)]
        own = self._generate_sheets().filtered(
            lambda s: s.employee_id == self.supervisor
        )
        own.with_user(self.manager_user).action_send()
        own.sudo()._computed_write({"state": "review"})
        with self.assertRaisesText(AccessError, "your own KPI sheet"):
            own.with_user(self.supervisor_user).action_review()

    def test_engineer_cannot_generate_or_configure(self):
        with self.assertRaises(AccessError):
            self.env["helpdesk.appraisal.sheet.generate"].with_user(
                self.engineer_a_user
            ).create({"template_id": self.template.id})
        with self.assertRaises(AccessError):
            self.template.with_user(self.supervisor_user).name = "Mine"
        with self.assertRaisesText(AccessError, "Only an appraisal manager"):
            self.sheet_a.with_user(self.supervisor_user).write(
                {"employee_id": self.engineer_b.id}
            )

    def test_generation_wizard(self):
        wizard = (
            self.env["helpdesk.appraisal.sheet.generate"]
            .with_user(self.manager_user)
            .create({"template_id": self.template.id, "day": "2026-10-31"})
        )
        action = wizard.action_generate()
        self.assertEqual(self.Sheet.search(action["domain"]), self.sheets)
