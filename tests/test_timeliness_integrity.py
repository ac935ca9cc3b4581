# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A locked month's timeliness and visit facts do not move: not over RPC,
not by a context key, not by a role, not by a deletion, not by a later
setting. Each guard is tried by the user who would try it."""

from datetime import date, datetime

from freezegun import freeze_time
from psycopg2.errors import UniqueViolation

from odoo import api
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.base.tests.common import new_test_user

from ..const import ENGINEER_GROUP, SERVICE_CENTRE_GROUP
from .test_ticket_timeliness import FRIDAY_17, OCTOBER, TimelinessCommon
from .test_visit import VisitCommon

NOVEMBER = date(2026, 11, 1)
SEPTEMBER = date(2026, 9, 1)
LOCKED = "locked up to"


def _rpc(user, model, method, args, context=None):
    """``method`` called as the web client's RPC does, by ``user``."""
    env = api.Environment(model.env.cr, user.id, {})
    return api.call_kw(env[model._name], method, args, {"context": context or {}})


@tagged("post_install", "-at_install")
class TestFrozenWorkingTimes(TimelinessCommon):
    """Response and handling are measured when they happen: a later edit of
    the calendar or of the targets leaves a locked month as it was."""

    def _october(self):
        """Engineer A's October: one order answered in 30 working minutes and
        closed in 5 working hours, one answered in 150 (over the weekend)
        and closed in 12."""
        quick = self._order(datetime(2026, 10, 5, 9, 0))
        self._at(datetime(2026, 10, 5, 9, 30), quick, self.in_progress)
        self._close_first(quick, datetime(2026, 10, 5, 14, 0), self.engineer_a)
        slow = self._order(FRIDAY_17)
        self._at(datetime(2026, 10, 5, 9, 30), slow, self.in_progress)
        self._close_first(slow, datetime(2026, 10, 6, 9, 0), self.engineer_a)
        return quick | slow

    def _measures(self, month=OCTOBER):
        self.env.invalidate_all()
        return self.Ticket._counts_by_employee_month(self.engineer_a, [month])[
            (self.engineer_a.id, month)
        ]

    def test_calendar_and_target_edits_leave_a_locked_month(self):
        orders = self._october()
        october = {
            "responses": 2,
            "responses_on_time": 1,
            "response_minutes_sum": 30 + 150,
            "handled": 2,
            # Quick: 5 h; slow: Fri 1 h + Mon 10 h + Tue 1 h = 12 h > 10 h.
            "handled_in_time": 1,
            "handling_hours_sum": 5 + 12,
        }
        measures = self._measures()
        self.assertEqual({key: measures[key] for key in october}, october)
        with freeze_time("2026-11-10 09:00"):
            self.env.company.with_user(self.manager_user)._set_appraisal_lock_date(
                date(2026, 10, 31), "October is appraised"
            )
        # The administrator changes the working hours (9-12, the Monday of
        # the slow order a holiday) and loosens every target.
        admin = self.env.ref("base.user_admin")
        self.calendar.with_user(admin).attendance_ids.write(
            {"hour_from": 9.0, "hour_to": 12.0}
        )
        self.env["resource.calendar.leaves"].with_user(admin).create(
            {
                "name": "Holiday",
                "calendar_id": self.calendar.id,
                "date_from": datetime(2026, 10, 5, 0, 0),
                "date_to": datetime(2026, 10, 5, 23, 59, 59),
            }
        )
        self.env.company.with_user(admin).write(
            {
                "appraisal_response_target_minutes": 200.0,
                "appraisal_handling_target_days": 3.0,
            }
        )
        measures = self._measures()
        self.assertEqual({key: measures[key] for key in october}, october)
        self.assertRecordValues(
            orders,
            [
                {
                    "response_minutes": 30.0,
                    "response_on_time": True,
                    "handling_hours": 5.0,
                    "handled_in_time": True,
                },
                {
                    "response_minutes": 150.0,
                    "response_on_time": False,
                    "handling_hours": 12.0,
                    "handled_in_time": False,
                },
            ],
        )
        # The new hours and targets count for the open month: Monday 2
        # November 09:00 -> 11:00 is 120 working minutes of 9-12, within 200.
        november = self._order(datetime(2026, 11, 2, 9, 0))
        self._at(datetime(2026, 11, 2, 11, 0), november, self.in_progress)
        self.assertEqual(november.response_minutes, 120.0)
        self.assertTrue(november.response_on_time)
        # Moving the lock date back reopens October to the new hours: the
        # holiday Monday and Friday after 12:00 have no working time, Tuesday
        # 09:00 is its start; every time is 0, within the targets.
        with freeze_time("2026-11-11 09:00"):
            self.env.company.with_user(self.manager_user)._set_appraisal_lock_date(
                date(2026, 9, 30), "October measured again"
            )
        measures = self._measures()
        self.assertEqual(
            {key: measures[key] for key in october},
            {
                "responses": 2,
                "responses_on_time": 2,
                "response_minutes_sum": 0,
                "handled": 2,
                "handled_in_time": 2,
                "handling_hours_sum": 0,
            },
        )

    def test_no_client_writes_the_measured_times(self):
        ticket = self._order(datetime(2026, 10, 5, 9, 0))
        self._at(datetime(2026, 10, 5, 10, 0), ticket, self.in_progress)
        for user in (self.engineer_a_user, self.supervisor_user, self.manager_user):
            for vals in (
                {"response_minutes": 5.0},
                {"response_on_time": True},
                {"handling_hours": 1.0},
                {"handled_in_time": True},
                {"frozen_working_times": {"response_minutes": 1.0}},
            ):
                with self.assertRaisesText(AccessError, "recorded by the module"):
                    ticket.with_user(user).write(vals)
        with self.assertRaisesText(AccessError, "recorded by the module"):
            _rpc(
                self.engineer_a_user,
                self.Ticket,
                "write",
                [[ticket.id], {"response_minutes": 5.0, "response_on_time": True}],
            )
        self.env.invalidate_all()
        self.assertEqual(ticket.response_minutes, 60.0)
        self.assertFalse(ticket.response_on_time)

    def test_a_context_key_forges_no_moment(self):
        vals = {"name": "Forged", "description": "x", "team_id": self.team.id}
        for key, value in (
            ("default_first_closed_date", "2026-10-01 10:00:00"),
            ("default_first_response_date", "2026-10-01 10:00:00"),
            ("default_reopen_count", 0),
            ("default_response_minutes", 1.0),
            ("default_handled_in_time", True),
        ):
            with self.assertRaisesText(AccessError, "recorded by the module"):
                _rpc(self.supervisor_user, self.Ticket, "create", [vals], {key: value})
        self.assertFalse(self.Ticket.search([("name", "=", "Forged")]))
        # Without them, the same user creates the order.
        ticket = self.Ticket.with_user(self.supervisor_user).create(vals)
        self.assertFalse(ticket.first_closed_date)

    def test_deleting_an_order_keeps_a_locked_response(self):
        # Answered in October, first closed in November: only its response
        # lies in the locked month.
        order = self._order(datetime(2026, 10, 30, 9, 0))
        self._at(datetime(2026, 10, 30, 9, 30), order, self.in_progress)
        self._close_first(order, datetime(2026, 11, 3, 9, 0), self.engineer_a)
        with freeze_time("2026-11-10 09:00"):
            self.env.company.with_user(self.manager_user)._set_appraisal_lock_date(
                date(2026, 10, 31), "October is appraised"
            )
        helpdesk_manager = new_test_user(
            self.env,
            login="helpdesk_manager",
            groups="base.group_user,helpdesk_mgmt.group_helpdesk_manager",
        )
        with self.assertRaisesText(UserError, LOCKED):
            order.with_user(helpdesk_manager).unlink()
        self.assertTrue(order.exists())
        self.assertEqual(self._measures()["responses"], 1)


@tagged("post_install", "-at_install")
class TestLockedResolutionAndReworks(TimelinessCommon):
    def _closed_in_october(self):
        original = self._order(datetime(2026, 10, 1, 8, 0))
        self._close_first(original, datetime(2026, 10, 1, 9, 0), self.engineer_a)
        return original

    def _callback(self, user, ticket, moment, result, confirmed):
        with freeze_time(moment):
            callback = (
                self.env["helpdesk.ticket.callback"]
                .with_user(user)
                .create(
                    {
                        "ticket_id": ticket.id,
                        "call_date": moment,
                        "result": result,
                        "work_confirmed": confirmed,
                    }
                )
            )
            self.env.flush_all()
        self.env.invalidate_all()
        return callback

    def test_a_later_callback_leaves_a_locked_resolution(self):
        agent = new_test_user(
            self.env,
            login="agent",
            groups=f"base.group_user,{SERVICE_CENTRE_GROUP}",
            tz="UTC",
        )
        original = self._closed_in_october()
        self._callback(agent, original, datetime(2026, 10, 2, 9, 0), "satisfied", True)
        self.assertEqual(original.resolution_result, "resolved")
        with freeze_time("2026-11-10 09:00"):
            self.env.company.with_user(self.manager_user)._set_appraisal_lock_date(
                date(2026, 10, 31), "October is appraised"
            )
        # November's callback is November's fact; October's result stays.
        callback = self._callback(
            agent, original, datetime(2026, 11, 12, 9, 0), "dissatisfied", False
        )
        self.assertTrue(callback.exists())
        self.assertEqual(original.resolution_result, "resolved")
        counts = self.Ticket._counts_by_employee_month(self.engineer_a, [OCTOBER])
        self.assertEqual(counts[(self.engineer_a.id, OCTOBER)]["resolved"], 1)
        # Moving the lock back reopens the month to the next callback.
        with freeze_time("2026-11-13 09:00"):
            self.env.company.with_user(self.manager_user)._set_appraisal_lock_date(
                date(2026, 9, 30), "October reviewed again"
            )
        self._callback(
            agent, original, datetime(2026, 11, 13, 9, 0), "dissatisfied", False
        )
        self.assertEqual(original.resolution_result, "not_resolved")

    def test_a_later_rework_or_window_leaves_a_locked_first_time_fix(self):
        """A's order closed on 25 October has a rework on 28 October (3 days,
        inside the 30-day window): no first-time fix, 1 rework. October locks
        on 10 November; then the window becomes 1 day (the rework would fall
        outside it) and a second rework comes on 12 November (inside 30
        days): October keeps 0 first-time fixes and 1 rework."""
        original = self._order(datetime(2026, 10, 25, 8, 0))
        self._close_first(original, datetime(2026, 10, 25, 9, 0), self.engineer_a)
        self._order(datetime(2026, 10, 28, 9, 0), rework_of_id=original.id)
        with freeze_time("2026-11-10 09:00"):
            self.env.company.with_user(self.manager_user)._set_appraisal_lock_date(
                date(2026, 10, 31), "October is appraised"
            )
        self.env.company.appraisal_rework_window_days = 1
        self.env.invalidate_all()
        self.assertFalse(original.is_first_time_fix)
        self.env.company.appraisal_rework_window_days = 30
        self._order(datetime(2026, 11, 12, 9, 0), rework_of_id=original.id)
        self.env.invalidate_all()
        counts = self.Ticket._counts_by_employee_month(self.engineer_a, [OCTOBER])
        october = counts[(self.engineer_a.id, OCTOBER)]
        self.assertEqual((october["first_time_fixes"], october["reworks"]), (0, 1))
        # Moving the lock back measures October again: both reworks count.
        with freeze_time("2026-11-13 09:00"):
            self.env.company.with_user(self.manager_user)._set_appraisal_lock_date(
                date(2026, 9, 30), "October reviewed again"
            )
        self.env.invalidate_all()
        counts = self.Ticket._counts_by_employee_month(self.engineer_a, [OCTOBER])
        october = counts[(self.engineer_a.id, OCTOBER)]
        self.assertEqual((october["first_time_fixes"], october["reworks"]), (0, 2))

    def test_deleting_a_rework_keeps_a_locked_original(self):
        original = self._closed_in_october()
        rework = self._order(datetime(2026, 10, 20, 9, 0), rework_of_id=original.id)
        self._close_first(rework, datetime(2026, 11, 2, 9, 0), self.engineer_b)
        with freeze_time("2026-11-10 09:00"):
            self.env.company.with_user(self.manager_user)._set_appraisal_lock_date(
                date(2026, 10, 31), "October is appraised"
            )
        helpdesk_manager = new_test_user(
            self.env,
            login="helpdesk_manager",
            groups="base.group_user,helpdesk_mgmt.group_helpdesk_manager",
        )
        with self.assertRaisesText(UserError, LOCKED):
            rework.with_user(helpdesk_manager).unlink()
        self.assertEqual(original.rework_ids, rework)
        counts = self.Ticket._counts_by_employee_month(self.engineer_a, [OCTOBER])
        self.assertEqual(counts[(self.engineer_a.id, OCTOBER)]["reworks"], 1)


@tagged("post_install", "-at_install")
class TestLockedArrivals(VisitCommon):
    """A September arrival: appointment at 09:00, engineer A on site at
    10:00 (60 minutes), September locked."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order.appointment_datetime = datetime(2026, 9, 30, 9, 0)
        with freeze_time("2026-09-30 10:00"):
            cls.order.with_user(cls.engineer_a_user).action_check_in()
        with freeze_time("2026-09-30 11:00"):
            cls.order.with_user(cls.engineer_a_user).action_check_out()
        with freeze_time("2026-10-10 09:00"):
            cls.env.company.with_user(cls.manager_user)._set_appraisal_lock_date(
                date(2026, 9, 30), "September is appraised"
            )
        cls.dispatcher = new_test_user(
            cls.env,
            login="dispatcher",
            name="Dispatcher Wu",
            groups=f"base.group_user,{ENGINEER_GROUP},"
            "helpdesk_mgmt.group_helpdesk_user,"
            "hr_timesheet.group_hr_timesheet_approver",
            tz="UTC",
        )

    def _september(self):
        self.env.invalidate_all()
        return self._counts(self.engineer_a | self.engineer_b, [SEPTEMBER])

    def _work_log(self, employee, start, onsite=False, order=None):
        return self.env["account.analytic.line"].create(
            {
                "name": "Repair",
                "ticket_id": (order or self.order).id,
                "project_id": self.order.project_id.id,
                "employee_id": employee.id,
                "unit_amount": 1.0,
                "date_time": start,
                "appraisal_onsite": onsite,
            }
        )

    def test_the_appointment_of_a_locked_arrival_stays(self):
        september = self._september()
        self.assertEqual(september[self.engineer_a.id, SEPTEMBER]["arrivals"], 1)
        self.assertEqual(
            september[self.engineer_a.id, SEPTEMBER]["arrival_minutes_sum"], 60
        )
        # The supervisor may move appointments after a check-in, not this one.
        with self.assertRaisesText(UserError, LOCKED):
            self.order.with_user(self.supervisor_user).appointment_datetime = datetime(
                2026, 9, 30, 10, 0
            )
        with self.assertRaisesText(UserError, LOCKED):
            _rpc(
                self.supervisor_user,
                self.order,
                "write",
                [[self.order.id], {"appointment_datetime": False}],
            )
        self.assertEqual(self.order.appointment_datetime, datetime(2026, 9, 30, 9, 0))
        self.assertEqual(self._september(), september)

    def test_an_appointment_moves_neither_into_nor_out_of_a_locked_month(self):
        with freeze_time("2026-10-05 07:00"):
            order = self._create_tickets(
                engineers=self.engineer_b, closed_at=None, work_logs=()
            )
        engineer = order.with_user(self.engineer_b_user)
        with self.assertRaisesText(UserError, LOCKED):
            engineer.appointment_datetime = datetime(2026, 9, 29, 9, 0)
        engineer.appointment_datetime = datetime(2026, 10, 12, 9, 0)
        order.sudo().appointment_datetime = datetime(2026, 9, 29, 9, 0)
        with self.assertRaisesText(UserError, LOCKED):
            engineer.appointment_datetime = datetime(2026, 10, 12, 9, 0)
        self.assertEqual(order.appointment_datetime, datetime(2026, 9, 29, 9, 0))

    def test_an_on_site_flag_of_a_locked_month_stays(self):
        # Engineer B worked on the order on 30 September, no visit.
        log = self._work_log(self.engineer_b, datetime(2026, 9, 30, 12, 0))
        onsite = self._work_log(
            self.engineer_b, datetime(2026, 9, 30, 14, 0), onsite=True
        )
        september = self._september()
        # B's on-site log: 14:00 - 09:00 = 300 minutes late, 60 on site.
        self.assertEqual(
            september[self.engineer_b.id, SEPTEMBER]["arrival_minutes_sum"], 300
        )
        self.assertEqual(
            september[self.engineer_b.id, SEPTEMBER]["onsite_minutes_sum"], 60
        )
        own_log = log.with_user(self.engineer_b_user)
        own_onsite = onsite.with_user(self.engineer_b_user)
        with self.assertRaisesText(UserError, LOCKED):
            own_log.appraisal_onsite = True
        with self.assertRaisesText(UserError, LOCKED):
            own_onsite.appraisal_onsite = False
        with self.assertRaisesText(UserError, LOCKED):
            own_onsite.date_time = datetime(2026, 10, 1, 9, 0)
        with self.assertRaisesText(UserError, LOCKED):
            own_onsite.unit_amount = 3.0
        with self.assertRaisesText(UserError, LOCKED):
            _rpc(
                self.engineer_b_user,
                log,
                "write",
                [[log.id], {"appraisal_onsite": True}],
            )
        with self.assertRaisesText(UserError, LOCKED):
            own_onsite.unlink()
        self.assertFalse(log.appraisal_onsite)
        self.assertTrue(onsite.exists() and onsite.appraisal_onsite)
        self.assertEqual(self._september(), september)
        # An October on-site log is not moved back into September either.
        october = self._work_log(
            self.engineer_b, datetime(2026, 10, 6, 9, 0), onsite=True
        ).with_user(self.engineer_b_user)
        with self.assertRaisesText(UserError, LOCKED):
            october.date_time = datetime(2026, 9, 30, 9, 0)
        with self.assertRaisesText(UserError, LOCKED):
            self.env["account.analytic.line"].with_user(self.engineer_b_user).create(
                {
                    "name": "Late on-site log",
                    "ticket_id": self.order.id,
                    "project_id": self.order.project_id.id,
                    "employee_id": self.engineer_b.id,
                    "unit_amount": 1.0,
                    "date_time": datetime(2026, 9, 30, 9, 30),
                    "appraisal_onsite": True,
                }
            )
        self.assertEqual(october.date_time, datetime(2026, 10, 6, 9, 0))
        self.assertEqual(
            self._counts(self.engineer_b, [SEPTEMBER])[self.engineer_b.id, SEPTEMBER][
                "visits"
            ],
            1,
        )
        # Its own October log B flags and clears freely.
        october.appraisal_onsite = False
        october.appraisal_onsite = True

    def test_only_its_engineer_or_a_supervisor_flags_a_work_log(self):
        log_b = self._work_log(self.engineer_b, datetime(2026, 10, 6, 9, 0))
        # A dispatcher sees every timesheet; flagging B's log would give B
        # an arrival B never made.
        for forge in (
            lambda: log_b.with_user(self.dispatcher).write({"appraisal_onsite": True}),
            lambda: _rpc(
                self.dispatcher,
                log_b,
                "write",
                [[log_b.id], {"appraisal_onsite": True}],
            ),
            lambda: _rpc(
                self.dispatcher,
                log_b,
                "create",
                [
                    {
                        "name": "Forged",
                        "ticket_id": self.order.id,
                        "project_id": self.order.project_id.id,
                        "employee_id": self.engineer_c.id,
                        "unit_amount": 1.0,
                        "date_time": "2026-10-06 08:00:00",
                        "appraisal_onsite": True,
                    }
                ],
            ),
        ):
            with self.assertRaisesText(AccessError, "or a supervisor can flag"):
                forge()
        self.assertFalse(log_b.appraisal_onsite)
        self.assertFalse(
            self.env["account.analytic.line"].search([("name", "=", "Forged")])
        )
        # B flags their own log. The dispatcher still edits its text, not
        # its start: that is B's arrival now.
        log_b.with_user(self.engineer_b_user).appraisal_onsite = True
        self.assertTrue(log_b.appraisal_onsite)
        log_b.with_user(self.dispatcher).name = "Repair, rear tray"
        with self.assertRaisesText(AccessError, "or a supervisor can flag"):
            log_b.with_user(self.dispatcher).date_time = datetime(2026, 10, 6, 8, 0)
        log_b.invalidate_recordset()
        self.assertEqual(log_b.date_time, datetime(2026, 10, 6, 9, 0))
        self.assertEqual(log_b.name, "Repair, rear tray")

    def test_messages_in_chinese(self):
        self._load_chinese()
        log_b = self._work_log(self.engineer_b, datetime(2026, 10, 6, 9, 0))
        with self.assertRaises(AccessError) as caught:
            log_b.with_user(self.dispatcher).with_context(lang="zh_CN").write(
                {"appraisal_onsite": True}
            )
        self.assertIn("主管", str(caught.exception))
        with self.assertRaises(UserError) as caught:
            self.order.with_user(self.supervisor_user).with_context(
                lang="zh_CN"
            ).appointment_datetime = datetime(2026, 10, 1, 9, 0)
        self.assertIn("服务单预约", str(caught.exception))


@tagged("post_install", "-at_install")
class TestOneOpenVisitInTheDatabase(VisitCommon):
    def test_a_second_open_visit_is_refused_by_the_database(self):
        self._check_in(self.engineer_a_user, self.order, "2026-10-05 10:00")
        # The check-in of another request, which saw no open visit: its
        # row reaches the database and the index refuses it.
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(UniqueViolation),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                """INSERT INTO helpdesk_ticket_visit
                   (ticket_id, employee_id, company_id, check_in)
                   VALUES (%s, %s, %s, '2026-10-05 10:00:01')""",
                (self.order.id, self.engineer_a.id, self.order.company_id.id),
            )
        # Over RPC, the engineer is told why.
        with self.assertRaisesText(
            ValidationError,
            f"Engineer A is already checked in on order {self.order.display_name}",
        ):
            _rpc(
                self.engineer_a_user,
                self.Visit,
                "create",
                [{"ticket_id": self.order.id}],
            )
        self.assertEqual(len(self.order.visit_ids), 1)
        # One open visit per engineer: B checks in beside A; once checked
        # out, A checks in again.
        self._check_in(self.engineer_b_user, self.order, "2026-10-05 10:05")
        self._check_out(self.engineer_a_user, self.order, "2026-10-05 11:00")
        self._check_in(self.engineer_a_user, self.order, "2026-10-05 12:00")
        self.assertEqual(len(self.order.visit_ids), 3)

    def test_a_visit_is_not_reopened_beside_an_open_one(self):
        first = self._check_in(self.engineer_a_user, self.order, "2026-10-05 10:00")
        self._check_out(self.engineer_a_user, self.order, "2026-10-05 11:00")
        self._check_in(self.engineer_a_user, self.order, "2026-10-05 12:00")
        with mute_logger("odoo.sql_db"), self.assertRaises(UniqueViolation):
            with self.env.cr.savepoint():
                first.write({"check_out": False})
        self.assertEqual(first.check_out, datetime(2026, 10, 5, 11, 0))
