# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime
from xmlrpc.client import Fault

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from ..const import MANAGER_GROUP, SUPERVISOR_GROUP
from .test_project_task import DEADLINE, TaskCommon

H2 = (date(2026, 7, 1), date(2026, 12, 31))
FORGERIES = (
    {"execution_status": "on_time"},
    {"appraisal_points": 5.0},
    {"appraisal_deadline_day": "2027-12-31"},
)


class TaskIntegrityCommon(TaskCommon):
    def _penalty_counts(self):
        self.env.flush_all()
        return self._overdue_counts(*H2)


@freeze_time("2026-11-02 08:00")
class TestTaskIntegrity(TaskIntegrityCommon):
    """An overdue task (due on October 20, still open) of engineer A, and
    one of the supervisor, whose own manager is the appraisal manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.supervisor.parent_id = cls.manager
        cls.task_a = cls._create_task()
        cls.task_supervisor = cls._create_task(users=cls.supervisor_user)
        cls.other_supervisor_user, cls.other_supervisor = cls._create_user_employee(
            "other_supervisor", "Supervisor Qian", SUPERVISOR_GROUP
        )

    def test_nobody_writes_the_computed_status_points_or_deadline_day(self):
        self.assertEqual(self.task_a.execution_status, "open_past_deadline")
        counts = {self.engineer_a.id: 1, self.supervisor.id: 1}
        self.assertEqual(self._penalty_counts(), counts)
        for user in (self.engineer_a_user, self.supervisor_user, self.manager_user):
            for values in FORGERIES:
                with self.assertRaisesText(AccessError, "cannot be written"):
                    self.task_a.with_user(user).write(values)
        self.task_a.invalidate_recordset()
        self.assertRecordValues(
            self.task_a,
            [
                {
                    "execution_status": "open_past_deadline",
                    "appraisal_points": 0.0,
                    "appraisal_deadline_day": date(2026, 10, 20),
                }
            ],
        )
        self.assertEqual(self._penalty_counts(), counts)

    def test_a_task_is_not_created_with_a_forged_status(self):
        Task = self.env["project.task"].with_user(self.supervisor_user)
        with self.assertRaisesText(AccessError, "Execution Status"):
            Task.create(
                {
                    "name": "Pre-scored inspection",
                    "project_id": self.project.id,
                    "is_appraisal_task": True,
                    "user_ids": [Command.set(self.engineer_b_user.ids)],
                    "date_deadline": DEADLINE,
                    "execution_status": "on_time",
                }
            )

    def test_only_the_assignees_supervisor_moves_the_deadline_tracked(self):
        new_deadline = datetime(2026, 12, 31, 9, 0)
        with self.assertRaisesText(AccessError, "Deadline"):
            self.task_a.with_user(self.engineer_a_user).date_deadline = new_deadline
        with self.assertRaisesText(AccessError, "outside your team"):
            self.task_a.with_user(
                self.other_supervisor_user
            ).date_deadline = new_deadline
        self.assertEqual(self.task_a.date_deadline, DEADLINE)
        self.assertEqual(
            self._penalty_counts(), {self.engineer_a.id: 1, self.supervisor.id: 1}
        )
        # Odoo tracks no change in the transaction that created the record:
        # commit the creation's pending tracking first.
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.task_a.with_user(self.supervisor_user).with_context(
            tracking_disable=False, mail_notrack=False
        ).date_deadline = new_deadline
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertEqual(self.task_a.execution_status, "open")
        tracked = self.task_a.message_ids.filtered(
            lambda message: "date_deadline"
            in message.tracking_value_ids.field_id.mapped("name")
        )
        self.assertEqual(tracked.author_id, self.supervisor_user.partner_id)

    def test_supervisor_cannot_cancel_archive_or_delete_own_overdue_task(self):
        task = self.task_supervisor.with_user(self.supervisor_user)
        with self.assertRaisesText(AccessError, "assigned to you"):
            task.state = "1_canceled"
        with self.assertRaisesText(AccessError, "assigned to you"):
            task.active = False
        with self.assertRaisesText(AccessError, "assigned to you"):
            task.user_ids = [Command.set(self.engineer_a_user.ids)]
        with self.assertRaisesText(UserError, "archive or cancel it instead"):
            task.unlink()
        self.assertTrue(self.task_supervisor.exists())
        self.assertRecordValues(
            self.task_supervisor,
            [
                {
                    "active": True,
                    "execution_status": "open_past_deadline",
                    "user_ids": self.supervisor_user.ids,
                }
            ],
        )
        self.assertEqual(
            self._penalty_counts(),
            {self.engineer_a.id: 1, self.supervisor.id: 1},
        )

    def test_nobody_deletes_own_task_even_before_it_counts(self):
        task = self._create_task(
            users=self.supervisor_user, deadline=datetime(2026, 12, 20, 9, 0)
        )
        self.assertEqual(task.execution_status, "open")
        with self.assertRaisesText(UserError, "assigned to you"):
            task.with_user(self.supervisor_user).unlink()
        self.assertTrue(task.exists())
        # Another supervisor of the assignee may delete a task not yet due.
        other = self._create_task(
            users=self.engineer_b_user, deadline=datetime(2026, 12, 20, 9, 0)
        )
        other.with_user(self.supervisor_user).unlink()
        self.assertFalse(other.exists())

    def test_manager_does_not_replan_own_task_either(self):
        task = self._create_task(users=self.manager_user)
        with self.assertRaisesText(AccessError, "assigned to you"):
            task.with_user(self.manager_user).date_deadline = datetime(
                2026, 12, 31, 9, 0
            )
        with self.assertRaisesText(AccessError, "assigned to you"):
            task.with_user(self.manager_user).quality_score = 5.0
        self.assertEqual(task.date_deadline, DEADLINE)

    def test_a_counted_task_is_archived_not_deleted(self):
        with self.assertRaisesText(UserError, "archive or cancel it instead"):
            self.task_a.with_user(self.manager_user).unlink()
        self.assertTrue(self.task_a.exists())
        # Archiving, by the assignee's supervisor, keeps it in the history.
        self.task_a.with_user(self.supervisor_user).active = False
        self.assertTrue(self.task_a.exists())
        self.assertEqual(self._penalty_counts(), {self.supervisor.id: 1})
        # A cancelled task counts for nothing and may go.
        task = self._create_task(users=self.engineer_b_user)
        task.with_user(self.supervisor_user).state = "1_canceled"
        task.with_user(self.supervisor_user).unlink()
        self.assertFalse(task.exists())

    def test_supervisor_cannot_hand_an_outsiders_task_to_the_team(self):
        task = self._create_task(users=self.other_supervisor_user)
        with self.assertRaisesText(AccessError, "outside your team"):
            task.with_user(self.supervisor_user).user_ids = [
                Command.set(self.engineer_b_user.ids)
            ]
        self.assertEqual(task.user_ids, self.other_supervisor_user)


@tagged("post_install", "-at_install")
class TestTaskForgeryOverRpc(TaskIntegrityCommon, HttpCase):
    """The assignee tries the forgery over XML-RPC, as a script would."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Due 40 days ago, still open: open past its deadline whatever today.
        cls.deadline = datetime.now().replace(microsecond=0, second=0)
        cls.task_a = cls._create_task(
            deadline=datetime.fromordinal(cls.deadline.toordinal() - 40)
        )
        cls.half_year = (
            date.fromordinal(cls.deadline.toordinal() - 400),
            date.fromordinal(cls.deadline.toordinal() + 1),
        )

    def _rpc(self, login, method, args):
        # new_test_user's password: the login, padded to 8 characters.
        password = login + "x" * (8 - len(login))
        db = self.env.cr.dbname
        uid = self.xmlrpc_common.authenticate(db, login, password, {})
        return self.xmlrpc_object.execute_kw(
            db, uid, password, "project.task", method, args
        )

    def _counts(self):
        self.env.flush_all()
        self.env.invalidate_all()
        return self._overdue_counts(*self.half_year)

    def test_assignee_cannot_forge_status_over_xmlrpc(self):
        self.assertEqual(self.task_a.execution_status, "open_past_deadline")
        self.assertEqual(self._counts(), {self.engineer_a.id: 1})
        for values in FORGERIES:
            with self.assertRaises(Fault) as caught:
                self._rpc("engineer_a", "write", [[self.task_a.id], values])
            self.assertIn("cannot be written", caught.exception.faultString)
        with self.assertRaises(Fault) as caught:
            self._rpc(
                "engineer_a",
                "write",
                [[self.task_a.id], {"date_deadline": "2027-12-31 09:00:00"}],
            )
        self.assertIn("Only appraisal supervisors", caught.exception.faultString)
        with self.assertRaises(Fault):
            self._rpc("engineer_a", "unlink", [[self.task_a.id]])
        self.task_a.invalidate_recordset()
        self.assertRecordValues(
            self.task_a,
            [{"execution_status": "open_past_deadline", "appraisal_points": 0.0}],
        )
        self.assertEqual(self._counts(), {self.engineer_a.id: 1})

    def test_manager_cannot_forge_status_over_xmlrpc_either(self):
        self.assertTrue(self.manager_user.has_group(MANAGER_GROUP))
        with self.assertRaises(Fault) as caught:
            self._rpc(
                "appraisal_manager",
                "write",
                [[self.task_a.id], {"execution_status": "on_time"}],
            )
        self.assertIn("cannot be written", caught.exception.faultString)
        self.task_a.invalidate_recordset()
        self.assertEqual(self.task_a.execution_status, "open_past_deadline")
        self.assertEqual(self._counts(), {self.engineer_a.id: 1})
