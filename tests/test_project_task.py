# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form
from odoo.tools.safe_eval import safe_eval

from .common import AppraisalCommon, new_test_user

# 09:00 UTC on 2026-10-20: the deadline day is the 20th for a UTC assignee.
DEADLINE = datetime(2026, 10, 20, 9, 0)
DEADLINE_DAY = date(2026, 10, 20)


class TaskCommon(AppraisalCommon):
    @classmethod
    def _create_task(cls, users=None, deadline=DEADLINE, **values):
        """Create an appraised task and compute its status now: the status
        depends on today, which tests freeze around this call."""
        task = cls.env["project.task"].create(
            {
                "name": "Quarterly inspection",
                "project_id": cls.project.id,
                "is_appraisal_task": True,
                "appraisal_task_kind": "inspection",
                "user_ids": [
                    Command.set((cls.engineer_a_user if users is None else users).ids)
                ],
                "date_deadline": deadline,
                **values,
            }
        )
        task.flush_recordset()
        return task


class TestTaskExecution(TaskCommon):
    """The deadline day counts, in the time zone of the first assignee."""

    def test_done_on_the_deadline_day_is_on_time(self):
        # 23:30 UTC, the last half hour of the deadline day.
        task = self._done_at(self._create_task(quality_score=4.0), "2026-10-20 23:30")
        self.assertRecordValues(
            task,
            [
                {
                    "appraisal_deadline_day": DEADLINE_DAY,
                    "completion_date": DEADLINE_DAY,
                    "execution_status": "on_time",
                    "appraisal_points": 4.0,
                }
            ],
        )

    def test_done_the_next_day_is_overdue(self):
        task = self._done_at(self._create_task(quality_score=4.0), "2026-10-21 00:30")
        self.assertRecordValues(
            task,
            [
                {
                    "completion_date": date(2026, 10, 21),
                    "execution_status": "overdue",
                    "appraisal_points": 0.0,
                }
            ],
        )

    def test_open_task_turns_late_the_day_after_the_deadline(self):
        Task = self.env["project.task"]
        with freeze_time("2026-10-19 10:00"):
            task = self._create_task()
        self.assertEqual(task.execution_status, "open")
        # The deadline moment (09:00) has passed, the deadline day has not.
        with freeze_time("2026-10-20 23:59"):
            Task._refresh_execution_status()
        self.assertEqual(task.execution_status, "open")
        with freeze_time("2026-10-21 00:01"):
            Task._refresh_execution_status()
        self.assertEqual(task.execution_status, "open_past_deadline")
        self.assertEqual(task.appraisal_points, 0.0)
        self._done_at(task, "2026-10-22 08:00")
        self.assertEqual(task.execution_status, "overdue")

    def test_the_cron_refreshes_the_status(self):
        with freeze_time("2026-10-19 10:00"):
            task = self._create_task()
        cron = self.env.ref(
            "helpdesk_engineer_appraisal.ir_cron_refresh_task_execution_status"
        )
        with freeze_time("2026-10-21 00:01"):
            cron.method_direct_trigger()
        self.assertEqual(task.execution_status, "open_past_deadline")

    def test_deadline_day_in_the_company_time_zone(self):
        self.env.company.appraisal_tz = "Asia/Shanghai"
        # 20:00 UTC on the 20th is 04:00 on the 21st in Shanghai (UTC+8).
        task = self._create_task(deadline=datetime(2026, 10, 20, 20, 0))
        self.assertEqual(task.appraisal_deadline_day, date(2026, 10, 21))
        # 15:00 UTC on the 21st is 23:00 in Shanghai: still the deadline day.
        self._done_at(task, "2026-10-21 15:00")
        self.assertEqual(task.completion_date, date(2026, 10, 21))
        self.assertEqual(task.execution_status, "on_time")

    def test_task_without_deadline_is_never_overdue(self):
        with freeze_time("2026-10-01 10:00"):
            task = self._create_task(deadline=False, quality_score=3.0)
        with freeze_time("2030-01-01 10:00"):
            self.env["project.task"]._refresh_execution_status()
            self.assertEqual(task.execution_status, "open")
            task.state = "1_done"
            task.flush_recordset()
        self.assertFalse(task.appraisal_deadline_day)
        self.assertEqual(task.execution_status, "on_time")
        self.assertEqual(task.appraisal_points, 3.0)

    def test_reopening_clears_the_completion_date(self):
        task = self._done_at(self._create_task(quality_score=4.0), "2026-10-20 10:00")
        self.assertEqual(task.completion_date, DEADLINE_DAY)
        with freeze_time("2026-10-20 11:00"):
            task.state = "01_in_progress"
            task.flush_recordset()
        self.assertRecordValues(
            task,
            [
                {
                    "completion_date": False,
                    "execution_status": "open",
                    "appraisal_points": 0.0,
                }
            ],
        )

    def test_supervisor_corrects_the_completion_date(self):
        task = self._done_at(self._create_task(quality_score=4.0), "2026-10-22 10:00")
        self.assertEqual(task.execution_status, "overdue")
        # The engineer finished on the 20th but marked the task done later.
        task.with_user(self.supervisor_user).completion_date = DEADLINE_DAY
        self.assertEqual(task.execution_status, "on_time")
        self.assertEqual(task.appraisal_points, 4.0)

    def test_cancelled_task_has_no_status(self):
        with freeze_time("2026-11-02 10:00"):
            task = self._create_task()
            self.assertEqual(task.execution_status, "open_past_deadline")
            task.state = "1_canceled"
            task.flush_recordset()
        self.assertFalse(task.execution_status)
        self.assertFalse(task.completion_date)

    def test_task_not_appraised_has_no_status(self):
        with freeze_time("2026-11-02 10:00"):
            task = self._create_task(is_appraisal_task=False)
            task.state = "1_done"
            task.flush_recordset()
        self.assertFalse(task.execution_status)
        self.assertFalse(task.completion_date)

    def test_copy_is_not_appraised_until_flagged(self):
        task = self._create_task(quality_score=4.0)
        copy = task.copy()
        self.assertFalse(copy.is_appraisal_task)
        self.assertEqual(copy.quality_score, 0.0)


class TestTaskQualityScore(TaskCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.task = cls._create_task(quality_score=2.0)

    def test_quality_score_up_to_the_company_maximum(self):
        self.task.with_user(self.supervisor_user).quality_score = 5.0
        self.assertEqual(self.task.quality_score, 5.0)
        self.task.with_user(self.supervisor_user).quality_score = 0.0
        self.assertEqual(self.task.quality_score, 0.0)

    def test_quality_score_above_the_maximum_is_refused(self):
        task = self.task.with_user(self.supervisor_user)
        with self.assertRaisesText(ValidationError, "between 0 and 5."):
            task.quality_score = 5.5
        self.assertEqual(self.task.quality_score, 2.0)
        self.env.company.appraisal_task_quality_max = 3.0
        with self.assertRaisesText(ValidationError, "between 0 and 3."):
            task.quality_score = 4.0
        self.assertEqual(self.task.quality_score, 2.0)

    def test_negative_quality_score_is_refused(self):
        with self.assertRaisesText(ValidationError, "Quarterly inspection"):
            self.task.with_user(self.supervisor_user).quality_score = -1.0
        self.assertEqual(self.task.quality_score, 2.0)

    def test_settings_refuse_a_maximum_quality_of_zero_or_less(self):
        for maximum in (0.0, -5.0):
            with self.assertRaisesText(
                ValidationError,
                "The maximum task quality score must be greater than zero.",
            ):
                self.env.company.appraisal_task_quality_max = maximum
        self.assertEqual(self.env.company.appraisal_task_quality_max, 5.0)
        with self.assertRaises(ValidationError):
            self.env["res.config.settings"].create({"appraisal_task_quality_max": 0})
        self.assertEqual(self.env.company.appraisal_task_quality_max, 5.0)


class TestTaskAccessRights(TaskCommon):
    """Supervisors assign and score appraised tasks, engineers carry out
    theirs, managers see them all."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.task_a = cls._create_task(quality_score=2.0)
        cls.task_b = cls._create_task(users=cls.engineer_b_user)

    def test_engineer_marks_own_task_done_in_the_form(self):
        with freeze_time("2026-10-20 10:00"):
            with Form(self.task_a.with_user(self.engineer_a_user)) as form:
                form.state = "1_done"
            self.task_a.flush_recordset()
        self.assertEqual(self.task_a.state, "1_done")
        self.assertEqual(self.task_a.completion_date, DEADLINE_DAY)
        self.assertEqual(self.task_a.execution_status, "on_time")

    def test_engineer_cannot_cancel_or_archive_own_task(self):
        # Either would take an overdue task out of the half-year penalty.
        task = self.task_a.with_user(self.engineer_a_user)
        with self.assertRaisesText(AccessError, "Only appraisal supervisors"):
            task.state = "1_canceled"
        with self.assertRaisesText(AccessError, "Only appraisal supervisors"):
            task.active = False
        self.task_a.invalidate_recordset()
        self.assertTrue(self.task_a.active)
        self.assertNotEqual(self.task_a.state, "1_canceled")
        task_b = self.task_b.with_user(self.supervisor_user)
        task_b.state = "1_canceled"
        self.assertEqual(self.task_b.state, "1_canceled")

    def test_engineer_sees_own_appraised_tasks(self):
        Task = self.env["project.task"].with_user(self.engineer_a_user)
        self.assertIn(self.task_a, Task.search([("is_appraisal_task", "=", True)]))
        self.assertFalse(
            self.task_a.with_user(self.engineer_a_user).can_manage_appraisal
        )

    def test_engineer_cannot_set_own_quality_score(self):
        with self.assertRaisesText(
            AccessError, "Only appraisal supervisors can set the quality score"
        ):
            self.task_a.with_user(self.engineer_a_user).quality_score = 5.0
        self.assertEqual(self.task_a.quality_score, 2.0)

    def test_engineer_cannot_move_the_deadline(self):
        task = self.task_a.with_user(self.engineer_a_user)
        with self.assertRaisesText(AccessError, "Deadline"):
            task.date_deadline = datetime(2026, 12, 31, 9, 0)
        with self.assertRaisesText(AccessError, "Appraised Task"):
            task.is_appraisal_task = False
        with self.assertRaisesText(AccessError, "Completion Date"):
            task.completion_date = DEADLINE_DAY
        self.assertEqual(self.task_a.date_deadline, DEADLINE)
        self.assertFalse(self.task_a.completion_date)
        self.assertTrue(self.task_a.is_appraisal_task)

    def test_engineer_cannot_touch_tasks_of_others(self):
        with self.assertRaises(AccessError):
            self.task_b.with_user(self.engineer_a_user).state = "1_done"
        self.assertEqual(self.task_b.state, "01_in_progress")
        with self.assertRaises(AccessError):
            self.env["project.task"].with_user(self.engineer_a_user).create(
                {"name": "Self-assigned", "project_id": self.project.id}
            )

    def test_supervisor_creates_an_appraised_task_from_the_menu(self):
        action = self.env.ref(
            "helpdesk_engineer_appraisal.project_task_action_appraisal"
        )
        context = dict(safe_eval(action.context), default_project_id=self.project.id)
        Task = self.env["project.task"].with_user(self.supervisor_user)
        with freeze_time("2026-10-15 10:00"):
            with Form(Task.with_context(**context)) as form:
                form.name = "Upgrade the ticketing server"
                form.appraisal_task_kind = "system_upgrade"
                form.user_ids.set(self.engineer_b_user)
                form.date_deadline = DEADLINE
                form.quality_score = 4.0
            form.record.flush_recordset()
        task = form.record
        self.assertRecordValues(
            task,
            [
                {
                    "is_appraisal_task": True,
                    "appraisal_task_kind": "system_upgrade",
                    "user_ids": self.engineer_b_user.ids,
                    "quality_score": 4.0,
                    "execution_status": "open",
                }
            ],
        )

    def test_supervisor_cannot_score_a_task_assigned_to_them(self):
        task = self._create_task(users=self.supervisor_user)
        self.assertFalse(task.with_user(self.supervisor_user).can_manage_appraisal)
        with self.assertRaisesText(AccessError, "is assigned to you"):
            task.with_user(self.supervisor_user).quality_score = 5.0
        self.assertEqual(task.quality_score, 0.0)
        self.assertTrue(task.with_user(self.manager_user).can_manage_appraisal)
        task.with_user(self.manager_user).quality_score = 5.0
        self.assertEqual(task.quality_score, 5.0)

    def test_project_user_cannot_flag_an_appraised_task(self):
        project_user = new_test_user(
            self.env, login="planner", groups="project.group_project_user"
        )
        Task = self.env["project.task"].with_user(project_user)
        with self.assertRaisesText(AccessError, "Only appraisal supervisors"):
            Task.with_context(default_is_appraisal_task=True).create(
                {"name": "Inspection", "project_id": self.project.id}
            )
        task = Task.create({"name": "Plain task", "project_id": self.project.id})
        with self.assertRaisesText(AccessError, "Appraised Task"):
            task.is_appraisal_task = True
        self.assertFalse(task.is_appraisal_task)

    def test_manager_sees_private_appraised_tasks_of_others(self):
        private_task = self._create_task(project_id=False)
        Task = self.env["project.task"].with_user(self.manager_user)
        self.assertIn(private_task, Task.search([("is_appraisal_task", "=", True)]))
        with self.assertRaises(AccessError):
            private_task.with_user(self.supervisor_user).read(["name"])


@freeze_time("2026-11-02 08:00")
class TestOverdueCounts(TaskCommon):
    """Overdue appraised tasks per employee for the half-year penalty."""

    H2_FROM = date(2026, 7, 1)
    H2_TO = date(2026, 12, 31)

    def _tasks_of(self, user, blocks=1):
        """Per block: 2 overdue tasks in the second half of 2026 and 6 tasks
        that do not count (on time, open, outside the period, cancelled, not
        appraised, done late in June)."""
        done = {"state": "1_done"}
        for _block in range(blocks):
            self._create_task(user, completion_date=DEADLINE_DAY, **done)
            self._create_task(user, completion_date=date(2026, 10, 25), **done)
            self._create_task(user, deadline=datetime(2026, 10, 30, 9, 0))
            self._create_task(user, deadline=datetime(2026, 11, 10, 9, 0))
            self._create_task(user, deadline=datetime(2026, 6, 15, 9, 0))
            self._create_task(user, state="1_canceled")
            self._create_task(user, is_appraisal_task=False)
            self._create_task(
                user,
                deadline=datetime(2026, 6, 15, 9, 0),
                completion_date=date(2026, 7, 2),
                **done,
            )

    def _counts(self):
        self.env.flush_all()
        self.env.invalidate_all()
        return self._overdue_counts(self.H2_FROM, self.H2_TO)

    def test_counts_at_two_sizes_in_constant_queries(self):
        # A and B: 2 overdue tasks each + 1 shared open past its deadline = 3.
        self._tasks_of(self.engineer_a_user)
        self._tasks_of(self.engineer_b_user)
        self._create_task(
            self.engineer_a_user | self.engineer_b_user,
            deadline=datetime(2026, 9, 1, 9, 0),
        )
        with self.assertQueryCount(5):
            counts = self._counts()
        self.assertEqual(counts, {self.engineer_a.id: 3, self.engineer_b.id: 3})
        # 4 more blocks for A and B (+8 each), 4 for C: A 11, B 11, C 8.
        for user in (self.engineer_a_user, self.engineer_b_user, self.engineer_c_user):
            self._tasks_of(user, blocks=4)
        with self.assertQueryCount(5):
            counts = self._counts()
        self.assertEqual(
            counts,
            {self.engineer_a.id: 11, self.engineer_b.id: 11, self.engineer_c.id: 8},
        )

    def test_counts_refresh_the_status_first(self):
        with freeze_time("2026-10-29 08:00"):
            task = self._create_task(deadline=datetime(2026, 10, 30, 9, 0))
        self.assertEqual(task.execution_status, "open")
        self.assertEqual(self._counts(), {self.engineer_a.id: 1})
        self.assertEqual(task.execution_status, "open_past_deadline")

    def test_counts_the_employee_of_the_task_company(self):
        branch = self.env["res.company"].create({"name": "Branch"})
        self.engineer_a_user.company_ids = [Command.link(branch.id)]
        branch_employee = self.env["hr.employee"].create(
            {
                "name": "Engineer A (branch)",
                "user_id": self.engineer_a_user.id,
                "company_id": branch.id,
            }
        )
        branch_project = self.env["project.project"].create(
            {"name": "Branch projects", "company_id": branch.id}
        )
        self._create_task(project_id=branch_project.id, deadline=DEADLINE)
        self._create_task(deadline=DEADLINE)
        self.assertEqual(self._counts(), {self.engineer_a.id: 1, branch_employee.id: 1})

    def test_task_without_assignee_counts_for_nobody(self):
        self._create_task(self.env["res.users"])
        self.assertEqual(self._counts(), {})


class TestTaskScreens(TaskCommon):
    def test_assigned_tasks_menu_and_action(self):
        menu = self.env.ref("helpdesk_engineer_appraisal.project_task_appraisal_menu")
        self.assertEqual(
            menu.parent_id, self.env.ref("helpdesk_engineer_appraisal.appraisal_menu")
        )
        action = menu.action
        self.assertEqual(action.res_model, "project.task")
        # Cards on a phone (issue 15, item 7).
        self.assertEqual(action.view_mode, "list,kanban,form,pivot,graph")
        self.assertEqual(
            safe_eval(action.context),
            {"default_is_appraisal_task": True, "search_default_appraised": 1},
        )
        # Engineers reach the menu; its views load for them.
        menus = (
            self.env["ir.ui.menu"].with_user(self.engineer_a_user)._visible_menu_ids()
        )
        self.assertIn(menu.id, menus)
        views = (
            self.env["project.task"]
            .with_user(self.engineer_a_user)
            .get_views([(view.view_id.id, view.view_mode) for view in action.view_ids])
        )
        self.assertIn("execution_status", views["views"]["list"]["arch"])
        self.assertIn("quality_score", views["views"]["form"]["arch"])

    def test_overdue_filter_and_grouping_by_status(self):
        with freeze_time("2026-10-25 10:00"):
            on_time = self._create_task(state="1_done", completion_date=DEADLINE_DAY)
            late = self._create_task(state="1_done", completion_date=date(2026, 10, 22))
            open_late = self._create_task()
            self._create_task(deadline=datetime(2026, 11, 1, 9, 0))
        # The tasks of this test's project, leaving out the demo's.
        Task = self.env["project.task"]
        in_project = [("project_id", "=", self.project.id)]
        search_view = self.env.ref(
            "helpdesk_engineer_appraisal.project_task_view_search"
        )
        self.assertIn('name="appraisal_overdue"', search_view.arch)
        self.assertEqual(
            Task.search(
                in_project
                + [("execution_status", "in", ("overdue", "open_past_deadline"))]
            ),
            late | open_late,
        )
        self.assertEqual(
            Task.search(in_project + [("execution_status", "=", "on_time")]), on_time
        )
        groups = dict(
            Task._read_group(
                in_project + [("is_appraisal_task", "=", True)],
                ["execution_status"],
                ["__count"],
            )
        )
        self.assertEqual(
            groups, {"on_time": 1, "overdue": 1, "open_past_deadline": 1, "open": 1}
        )
