# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError

from ..const import SERVICE_CENTRE_GROUP
from .common import AppraisalCommon, new_test_user

OCTOBER = date(2026, 10, 1)
OCTOBER_END = date(2026, 10, 31)
SEPTEMBER_END = date(2026, 9, 30)
LOCKED = "locked up to"


class LockCommon(AppraisalCommon):
    """October 2026 facts of engineer A (and B): a reviewed order closed on
    October 20 with its work log, a callback and a finding of October, an
    appraised task due on October 20 and an order planned for October 15 in
    an area."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.agent = new_test_user(
            cls.env,
            login="lock_agent",
            groups=f"base.group_user,{SERVICE_CENTRE_GROUP}",
            tz="UTC",
        )
        cls.order = cls._create_tickets(
            engineers=cls.engineer_a, difficulty=cls.level_standard
        )
        cls.order_ab = cls._create_tickets(
            engineers=cls.engineer_a | cls.engineer_b, difficulty=cls.level_hard
        )
        cls.callback = cls.env["helpdesk.ticket.callback"].create(
            {
                "ticket_id": cls.order.id,
                "result": "satisfied",
                "call_date": "2026-10-21 10:00:00",
                "user_id": cls.agent.id,
                "work_confirmed": True,
            }
        )
        cls.finding = cls.env["helpdesk.quality.finding"].create(
            {
                "timesheet_id": cls.order.timesheet_ids.id,
                "reason": "No parts listed",
                "date": "2026-10-22",
                "withdrawal_reason": "Parts were listed",
            }
        )
        cls.task = cls.env["project.task"].create(
            {
                "name": "October inspection",
                "project_id": cls.project.id,
                "is_appraisal_task": True,
                "appraisal_task_kind": "inspection",
                "user_ids": [Command.set(cls.engineer_a_user.ids)],
                "date_deadline": datetime(2026, 10, 20, 9, 0),
                "quality_score": 3.0,
            }
        )
        cls.area = cls.env["helpdesk.service.area"].create(
            {
                "name": "Lock Area",
                "leader_id": cls.engineer_a.id,
                "member_ids": [Command.set(cls.engineer_a.ids)],
                "device_count": 10,
            }
        )
        cls.order.sudo().write(
            {"service_area_id": cls.area.id, "planned_date": date(2026, 10, 25)}
        )
        cls.area._refresh_daily_rates(OCTOBER, OCTOBER_END)

    def _lock(self, lock_date=OCTOBER_END, reason="October is closed"):
        self.company.with_user(self.manager_user)._set_appraisal_lock_date(
            lock_date, reason
        )


class TestLockDateSetting(LockCommon):
    def test_manager_sets_the_lock_date_with_a_reason_and_it_is_logged(self):
        wizard = (
            self.env["helpdesk.engineer.appraisal.lock"]
            .with_user(self.manager_user)
            .create({"lock_date": OCTOBER_END, "reason": "Payroll sent"})
        )
        self.assertFalse(wizard.current_lock_date)
        wizard.action_apply()
        self.assertEqual(self.company.appraisal_lock_date, OCTOBER_END)
        message = self.company.partner_id.message_ids[0]
        self.assertIn("Payroll sent", message.body)
        self.assertEqual(message.author_id, self.manager_user.partner_id)
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.appraisal_lock_date, OCTOBER_END)

    def test_only_a_manager_with_a_reason_moves_the_lock_date(self):
        for user in (self.supervisor_user, self.engineer_a_user):
            with self.assertRaisesText(AccessError, "Only an appraisal manager"):
                self.company.with_user(user)._set_appraisal_lock_date(
                    OCTOBER_END, "Closing"
                )
        with self.assertRaisesText(UserError, "Give the reason"):
            self._lock(reason="  ")
        with self.assertRaisesText(ValidationError, "last day of a month"):
            self._lock(date(2026, 10, 15))
        with self.assertRaisesText(UserError, "before today"):
            self._lock(date(2099, 12, 31))
        self.assertFalse(self.company.appraisal_lock_date)

    def test_the_lock_date_is_not_written_directly(self):
        admin = self.env.ref("base.user_admin")
        for context in ({}, {"appraisal_lock_write": True}):
            with self.assertRaisesText(UserError, "with a reason"):
                self.company.with_user(admin).with_context(**context).write(
                    {"appraisal_lock_date": OCTOBER_END}
                )
        self.assertFalse(self.company.appraisal_lock_date)

    def test_moving_the_lock_date_back_reopens_the_month(self):
        self._lock()
        order = self.order.with_user(self.manager_user)
        with self.assertRaisesText(UserError, LOCKED):
            order.stage_id = self.stage_new
        self._lock(SEPTEMBER_END, "Reopen October: a missing callback")
        self.assertEqual(self.company.appraisal_lock_date, SEPTEMBER_END)
        self.assertIn(
            "Reopen October: a missing callback",
            self.company.partner_id.message_ids[0].body,
        )
        order.stage_id = self.stage_new
        self.assertEqual(self.order.stage_id, self.stage_new)


class TestLockDateAutomatic(AppraisalCommon):
    """A company of its own: approving the last appraisal of a month locks
    it, never a month before which an appraisal is not done, never back."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lock_company = cls.env["res.company"].create({"name": "Lock Company"})
        cls.manager_user.company_ids = [Command.link(cls.lock_company.id)]
        employees = cls.env["hr.employee"].create(
            [
                {"name": name, "company_id": cls.lock_company.id}
                for name in ("Engineer One", "Engineer Two")
            ]
        )
        Appraisal = cls.env["helpdesk.engineer.appraisal"]
        cls.october = Appraisal.create(
            [
                {
                    "employee_id": employee.id,
                    "month": OCTOBER,
                    "company_id": cls.lock_company.id,
                }
                for employee in employees
            ]
        )
        cls.november = Appraisal.create(
            {
                "employee_id": employees[0].id,
                "month": date(2026, 11, 1),
                "company_id": cls.lock_company.id,
            }
        )
        (cls.october | cls.november)._computed_write({"state": "approval"})

    def _approve(self, appraisals):
        appraisals.with_user(self.manager_user).with_company(
            self.lock_company
        ).action_approve()

    def test_approving_every_appraisal_of_a_month_locks_it(self):
        self._approve(self.october[0])
        self.assertFalse(self.lock_company.appraisal_lock_date)
        self._approve(self.october[1])
        self.assertEqual(self.lock_company.appraisal_lock_date, OCTOBER_END)
        self.assertIn(
            "every appraisal up to that month is done",
            self.lock_company.partner_id.message_ids[0].body,
        )

    def test_a_month_after_an_open_one_is_not_locked(self):
        self._approve(self.november)
        self.assertFalse(self.lock_company.appraisal_lock_date)
        self._approve(self.october)
        self.assertEqual(self.lock_company.appraisal_lock_date, date(2026, 11, 30))

    def test_the_lock_date_never_moves_back_by_itself(self):
        self.lock_company.with_user(self.manager_user)._set_appraisal_lock_date(
            date(2026, 11, 30), "Closed early"
        )
        self._approve(self.october)
        self.assertEqual(self.lock_company.appraisal_lock_date, date(2026, 11, 30))


class TestLockedFacts(LockCommon):
    """Once October is locked, no fact of October is created, changed or
    deleted, whoever tries; each refusal leaves everything as it was."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.with_user(cls.manager_user)._set_appraisal_lock_date(
            OCTOBER_END, "October is closed"
        )

    def _assert_credits_unchanged(self):
        self.env.invalidate_all()
        self.assertRecordValues(
            self._credit(self.order, self.engineer_a),
            [{"points": 1.0, "month": OCTOBER, "is_valid": True}],
        )
        self.assertRecordValues(
            self.order_ab.sudo().credit_ids.sorted("employee_id"),
            [
                {"points": 0.75, "month": OCTOBER},
                {"points": 0.75, "month": OCTOBER},
            ],
        )

    def test_engineer_cannot_reopen_or_redate_a_locked_order(self):
        order = self.order.with_user(self.engineer_a_user)
        with self.assertRaisesText(UserError, LOCKED):
            order.stage_id = self.stage_new
        with self.assertRaisesText(UserError, LOCKED):
            order.closed_date = datetime(2026, 11, 20, 9, 0)
        self.assertEqual(self.order.stage_id, self.stage_done)
        self._assert_credits_unchanged()

    def test_an_open_order_cannot_be_closed_into_a_locked_month(self):
        order = self._create_tickets(engineers=self.engineer_a, closed_at=None)
        order.stage_id = self.stage_done
        with self.assertRaisesText(UserError, LOCKED):
            order.with_user(self.engineer_a_user).closed_date = datetime(
                2026, 10, 30, 9, 0
            )
        self.assertNotEqual(order.closed_date.date(), date(2026, 10, 30))

    def test_supervisor_cannot_review_mark_duplicate_or_change_participants(self):
        order = self.order_ab.with_user(self.supervisor_user)
        with self.assertRaisesText(UserError, LOCKED):
            order.difficulty_id = self.level_very_hard
        with self.assertRaisesText(UserError, LOCKED):
            order.duplicate_id = self.order
        with self.assertRaisesText(UserError, LOCKED):
            order.participant_ids = [
                Command.create({"employee_id": self.engineer_c.id, "role": "engineer"})
            ]
        participant_b = self.order_ab.participant_ids.filtered(
            lambda p: p.employee_id == self.engineer_b
        )
        with self.assertRaisesText(UserError, LOCKED):
            participant_b.with_user(self.supervisor_user).role = "intern"
        with self.assertRaisesText(UserError, LOCKED):
            participant_b.with_user(self.supervisor_user).unlink()
        with self.assertRaisesText(UserError, LOCKED):
            order.user_id = self.engineer_c_user
        self.assertEqual(self.order_ab.difficulty_id, self.level_hard)
        self.assertFalse(self.order_ab.duplicate_id)
        self.assertEqual(len(self.order_ab.participant_ids), 2)
        self._assert_credits_unchanged()

    def test_work_logs_of_a_locked_order_stay(self):
        line = self.order_ab.timesheet_ids.filtered(
            lambda line: line.employee_id == self.engineer_b
        )
        # Engineer B's own work log, as B would change it.
        line = line.with_user(self.engineer_b_user)
        with self.assertRaisesText(UserError, LOCKED):
            line.unit_amount = 0.5
        with self.assertRaisesText(UserError, LOCKED):
            line.ticket_id = self.order
        with self.assertRaisesText(UserError, LOCKED):
            line.unlink()
        Line = self.env["account.analytic.line"].with_user(self.engineer_b_user)
        with self.assertRaisesText(UserError, LOCKED):
            Line.create(
                {
                    "name": "Late work log",
                    "ticket_id": self.order_ab.id,
                    "project_id": self.project.id,
                    "employee_id": self.engineer_b.id,
                    "unit_amount": 1.0,
                    "date": "2026-11-03",
                }
            )
        self.assertEqual(line.unit_amount, 1.5)
        self.assertEqual(len(self.order_ab.timesheet_ids), 2)
        self._assert_credits_unchanged()

    def test_callbacks_of_a_locked_month_stay(self):
        Callback = self.env["helpdesk.ticket.callback"].with_user(self.agent)
        with self.assertRaisesText(UserError, LOCKED):
            Callback.create(
                {
                    "ticket_id": self.order_ab.id,
                    "result": "dissatisfied",
                    "call_date": "2026-10-25 10:00:00",
                }
            )
        callback = self.callback.with_user(self.agent)
        with self.assertRaisesText(UserError, LOCKED):
            callback.result = "dissatisfied"
        with self.assertRaisesText(UserError, LOCKED):
            callback.call_date = "2026-11-02 10:00:00"
        with self.assertRaisesText(UserError, LOCKED):
            self.callback.with_user(self.manager_user).unlink()
        self.assertRecordValues(
            self.callback, [{"result": "satisfied", "month": OCTOBER}]
        )
        # A November call is recorded as usual.
        Callback.create(
            {
                "ticket_id": self.order_ab.id,
                "result": "satisfied",
                "call_date": "2026-11-02 10:00:00",
            }
        )

    def test_findings_of_a_locked_month_stay(self):
        finding = self.finding.with_user(self.supervisor_user)
        with self.assertRaisesText(UserError, LOCKED):
            finding.action_withdraw()
        with self.assertRaisesText(UserError, LOCKED):
            finding.reason = "Something else"
        with self.assertRaisesText(UserError, LOCKED):
            finding.date = date(2026, 11, 2)
        with self.assertRaisesText(UserError, LOCKED):
            self.env["helpdesk.quality.finding"].with_user(self.supervisor_user).create(
                {
                    "kind": "order_form",
                    "ticket_id": self.order_ab.id,
                    "employee_id": self.engineer_b.id,
                    "reason": "Unreadable",
                    "date": "2026-10-30",
                }
            )
        self.assertRecordValues(
            self.finding,
            [{"state": "active", "reason": "No parts listed", "month": OCTOBER}],
        )

    def test_appraised_tasks_of_a_locked_month_stay(self):
        task = self.task.with_user(self.supervisor_user)
        with self.assertRaisesText(UserError, LOCKED):
            task.date_deadline = datetime(2026, 12, 20, 9, 0)
        with self.assertRaisesText(UserError, LOCKED):
            task.state = "1_canceled"
        with self.assertRaisesText(UserError, LOCKED):
            task.active = False
        with self.assertRaisesText(UserError, LOCKED):
            task.user_ids = [Command.set(self.engineer_b_user.ids)]
        Task = self.env["project.task"].with_user(self.supervisor_user)
        with self.assertRaisesText(UserError, LOCKED):
            Task.create(
                {
                    "name": "Backdated inspection",
                    "project_id": self.project.id,
                    "is_appraisal_task": True,
                    "user_ids": [Command.set(self.engineer_b_user.ids)],
                    "date_deadline": datetime(2026, 10, 10, 9, 0),
                }
            )
        self.assertRecordValues(
            self.task,
            [
                {
                    "active": True,
                    "execution_status": "open_past_deadline",
                    "appraisal_deadline_day": date(2026, 10, 20),
                    "user_ids": self.engineer_a_user.ids,
                }
            ],
        )
        # Done late now, it stays overdue: the assignee may still finish it.
        self.task.with_user(self.engineer_a_user).state = "1_done"
        self.assertEqual(self.task.execution_status, "overdue")

    def test_area_orders_and_daily_rates_of_a_locked_month_stay(self):
        order = self.order.with_user(self.supervisor_user)
        with self.assertRaisesText(UserError, LOCKED):
            order.planned_date = date(2026, 11, 25)
        with self.assertRaisesText(UserError, LOCKED):
            order.service_area_id = False
        self.assertEqual(self.order.planned_date, date(2026, 10, 25))
        rows = self.env["helpdesk.service.area.daily"].search(
            [("area_id", "=", self.area.id)]
        )
        self.assertRecordValues(
            rows,
            [{"date": date(2026, 10, 25), "due_count": 1, "confirmed_count": 1}],
        )
        # The superuser moves the order: a refresh of the locked month keeps
        # October's rate as counted.
        self.order.sudo().planned_date = date(2026, 10, 26)
        self.area.with_user(self.manager_user)._refresh_unlocked_daily_rates(
            OCTOBER, date(2026, 11, 30)
        )
        self.assertEqual(
            self.env["helpdesk.service.area.daily"].search(
                [("area_id", "=", self.area.id)]
            ),
            rows,
        )
        self.assertEqual(rows.date, date(2026, 10, 25))
