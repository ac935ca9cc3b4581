# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError

from ..const import MANAGER_GROUP
from .appraisal_common import OCTOBER, MonthlyAppraisalCommon
from .common import new_test_user


@freeze_time("2026-11-05 10:00:00")
class TestNoDeletionChangesHistory(MonthlyAppraisalCommon):
    """Users, employees and appraised tasks that counted facts refer to are
    archived, not deleted, with a message saying so."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin_user = new_test_user(
            cls.env,
            login="deletion_admin",
            name="User Admin",
            # hr_contract (pay, probation) checks an employee's contracts
            # before deleting them: an HR administrator manages contracts.
            groups=f"base.group_user,base.group_erp_manager,hr.group_hr_manager,"
            "hr_contract.group_hr_contract_manager,"
            f"project.group_project_manager,{MANAGER_GROUP}",
        )

    def _task(self, deadline, **values):
        return self.env["project.task"].create(
            {
                "name": "Inspection",
                "project_id": self.project.id,
                "is_appraisal_task": True,
                "appraisal_task_kind": "inspection",
                "user_ids": [Command.set(self.engineer_b_user.ids)],
                "date_deadline": deadline,
                **values,
            }
        )

    def test_employee_with_credits_is_archived_not_deleted(self):
        with self.assertRaisesText(UserError, "archive the employee"):
            self.engineer_a.with_user(self.admin_user).unlink()
        self.assertTrue(self.engineer_a.exists())
        self.engineer_a.with_user(self.admin_user).action_archive()
        self.assertFalse(self.engineer_a.active)
        # Its facts are all still there, in their month.
        self.assertEqual(
            set(self.orders_a.credit_ids.mapped("month")),
            {OCTOBER},
        )
        credits = self.env["helpdesk.ticket.credit"].search(
            [("employee_id", "=", self.engineer_a.id), ("month", "=", OCTOBER)]
        )
        self.assertAlmostEqual(sum(credits.mapped("points")), 34.5)

    def test_employee_without_facts_may_be_deleted(self):
        newcomer = self.env["hr.employee"].create({"name": "Newcomer"})
        newcomer.with_user(self.admin_user).unlink()
        self.assertFalse(newcomer.exists())

    def test_user_with_facts_is_archived_not_deleted(self):
        # The supervisor reported the findings; engineer B was assigned a task.
        self.findings.sudo().user_id = self.supervisor_user
        self._task(datetime(2026, 10, 20, 12, 0))
        for user in (self.supervisor_user, self.engineer_b_user):
            with (
                self.subTest(user=user.name),
                self.assertRaisesText(UserError, "archive the user"),
            ):
                user.with_user(self.admin_user).unlink()
            self.assertTrue(user.exists())

    def test_user_without_facts_may_be_deleted(self):
        user = new_test_user(self.env, login="passer_by", name="Passer By")
        user.with_user(self.admin_user).unlink()
        self.assertFalse(user.exists())

    def test_counted_task_is_archived_not_deleted(self):
        overdue = self._task(datetime(2026, 10, 20, 12, 0))
        self.env["project.task"]._refresh_execution_status()
        self.assertEqual(overdue.execution_status, "open_past_deadline")
        with self.assertRaisesText(UserError, "archive or cancel it"):
            overdue.with_user(self.admin_user).unlink()
        self.assertTrue(overdue.exists())
        counts = self._overdue_counts(OCTOBER, date(2026, 10, 31))
        self.assertEqual(self._test_employee_counts(counts), {self.engineer_b.id: 1})

    def test_open_task_may_be_deleted(self):
        planned = self._task(datetime(2026, 11, 20, 12, 0))
        self.assertEqual(planned.execution_status, "open")
        planned.with_user(self.admin_user).unlink()
        self.assertFalse(planned.exists())
