# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo import api
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import AppraisalCommon

OCTOBER = date(2026, 10, 1)
# Friday 2 October 2026, 17:00 UTC; the next Monday is 5 October.
FRIDAY_17 = datetime(2026, 10, 2, 17, 0)


class TimelinessCommon(AppraisalCommon):
    """A company working 08:00-18:00 (UTC) Monday to Friday: 10 hours a day."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Service 8-18",
                "tz": "UTC",
                "attendance_ids": [
                    (
                        0,
                        0,
                        {
                            "name": f"Day {day}",
                            "dayofweek": str(day),
                            "hour_from": 8.0,
                            "hour_to": 18.0,
                            "day_period": "morning",
                        },
                    )
                    for day in range(5)
                ],
            }
        )
        cls.env.company.resource_calendar_id = cls.calendar
        cls.stage_in_progress = cls.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_in_progress"
        )
        cls.Ticket = cls.env["helpdesk.ticket"]
        cls.in_progress = {"stage_id": cls.stage_in_progress.id}
        cls.done = {"stage_id": cls.stage_done.id}

    def _order(self, created_at, **vals):
        """An order requested at ``created_at`` (its creation date)."""
        with freeze_time(created_at):
            ticket = self.Ticket.create(
                {
                    "name": "Printer repair",
                    "description": "Paper jam",
                    "team_id": self.team.id,
                    "project_id": self.project.id,
                    **vals,
                }
            )
            self.env.flush_all()
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET create_date = %s WHERE id = %s",
            (created_at, ticket.id),
        )
        self.env.invalidate_all()
        return ticket

    def _at(self, moment, ticket, vals):
        with freeze_time(moment):
            ticket.write(vals)
            self.env.flush_all()
        self.env.invalidate_all()

    def _flush_tracking(self):
        """Tracking values are written when the transaction commits."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _close_first(self, ticket, moment, engineers):
        ticket.participant_ids = [
            (0, 0, {"employee_id": employee.id, "role": "engineer"})
            for employee in engineers
        ]
        self._at(moment, ticket, {"stage_id": self.stage_done.id})


@tagged("post_install", "-at_install")
class TestTicketFirstMoments(TimelinessCommon):
    def test_reassign_twice_keeps_the_first_assignment(self):
        ticket = self._order(
            datetime(2026, 10, 5, 9, 0), user_id=self.engineer_a_user.id
        )
        for hour, user in ((10, self.engineer_b_user), (11, self.engineer_c_user)):
            self._at(datetime(2026, 10, 5, hour, 0), ticket, {"user_id": user.id})
        self.assertEqual(ticket.first_assigned_date, datetime(2026, 10, 5, 9, 0))
        self.assertEqual(ticket.first_assigned_user_id, self.engineer_a_user)
        # helpdesk_mgmt keeps only the last one.
        self.assertEqual(ticket.assigned_date, datetime(2026, 10, 5, 11, 0))

    def test_unassigned_order_has_no_first_assignment(self):
        ticket = self._order(datetime(2026, 10, 5, 9, 0), user_id=False)
        self.assertFalse(ticket.first_assigned_date)
        engineer_b = self.engineer_b_user.id
        self._at(datetime(2026, 10, 6, 9, 0), ticket, {"user_id": engineer_b})
        self.assertEqual(ticket.first_assigned_date, datetime(2026, 10, 6, 9, 0))
        self.assertEqual(ticket.first_assigned_user_id, self.engineer_b_user)

    def test_reopen_and_reclose_keeps_the_first_closing(self):
        ticket = self._order(datetime(2026, 10, 5, 9, 0))
        self._at(datetime(2026, 10, 5, 15, 0), ticket, {"stage_id": self.stage_done.id})
        self._at(datetime(2026, 10, 6, 9, 0), ticket, self.in_progress)
        self._at(datetime(2026, 10, 7, 9, 0), ticket, {"stage_id": self.stage_done.id})
        self.assertEqual(ticket.first_closed_date, datetime(2026, 10, 5, 15, 0))
        self.assertEqual(ticket.closed_date, datetime(2026, 10, 7, 9, 0))
        self.assertEqual(ticket.reopen_count, 1)
        self.assertEqual(ticket.first_closed_month, OCTOBER)
        # 09:00 -> 15:00 the same Monday: 6 working hours, within 1 day (10 h).
        self.assertAlmostEqual(ticket.handling_hours, 6.0)
        self.assertTrue(ticket.handled_in_time)

    def test_response_across_a_weekend_in_working_hours(self):
        ticket = self._order(FRIDAY_17)
        self.assertFalse(ticket.first_response_date)
        self.assertFalse(ticket.response_on_time)
        responder = self.supervisor_user
        with freeze_time(datetime(2026, 10, 5, 9, 30)):
            ticket.with_user(responder).sudo(False).with_context(
                tracking_disable=True
            ).sudo().write(self.in_progress)
            self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(ticket.first_response_date, datetime(2026, 10, 5, 9, 30))
        # Friday 17:00-18:00 and Monday 08:00-09:30: 2.5 working hours.
        self.assertAlmostEqual(ticket.response_minutes, 150.0)
        self.assertFalse(ticket.response_on_time)
        self.assertEqual(ticket.first_response_month, OCTOBER)
        # Leaving the stage again is no new response.
        self._at(datetime(2026, 10, 5, 11, 0), ticket, {"stage_id": self.stage_new.id})
        self._at(datetime(2026, 10, 5, 12, 0), ticket, self.in_progress)
        self.assertEqual(ticket.first_response_date, datetime(2026, 10, 5, 9, 30))

    def test_public_holiday_is_no_working_time(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Holiday",
                "calendar_id": self.calendar.id,
                "date_from": datetime(2026, 10, 5, 0, 0),
                "date_to": datetime(2026, 10, 5, 23, 59, 59),
            }
        )
        ticket = self._order(FRIDAY_17)
        # Tuesday 09:30: Friday 1 h + Tuesday 1.5 h, Monday is a holiday.
        self._at(datetime(2026, 10, 6, 9, 30), ticket, self.in_progress)
        self.assertAlmostEqual(ticket.response_minutes, 150.0)
        # Tuesday 17:00: 1 + 9 = 10 working hours, exactly one working day.
        self._at(datetime(2026, 10, 6, 17, 0), ticket, {"stage_id": self.stage_done.id})
        self.assertAlmostEqual(ticket.handling_hours, 10.0)
        self.assertTrue(ticket.handled_in_time)

    def test_handling_over_one_working_day_is_late(self):
        ticket = self._order(FRIDAY_17)
        # Monday 17:01: 1 h + 9 h 01 min.
        self._at(datetime(2026, 10, 5, 17, 1), ticket, {"stage_id": self.stage_done.id})
        self.assertAlmostEqual(ticket.handling_hours, 10.0 + 1 / 60)
        self.assertFalse(ticket.handled_in_time)

    def test_response_within_target(self):
        ticket = self._order(datetime(2026, 10, 5, 9, 0))
        self._at(datetime(2026, 10, 5, 9, 30), ticket, self.in_progress)
        self.assertAlmostEqual(ticket.response_minutes, 30.0)
        self.assertTrue(ticket.response_on_time)

    def test_first_message_to_the_customer_is_the_response(self):
        self.env.company.appraisal_response_event = "message"
        ticket = self._order(FRIDAY_17)
        self._at(datetime(2026, 10, 5, 8, 0), ticket, self.in_progress)
        self.assertFalse(ticket.first_response_date)
        with freeze_time(datetime(2026, 10, 5, 8, 10)):
            ticket.message_post(
                body="Internal note",
                message_type="comment",
                subtype_xmlid="mail.mt_note",
                author_id=self.engineer_b_user.partner_id.id,
            )
        self.assertFalse(ticket.first_response_date)
        with freeze_time(datetime(2026, 10, 5, 8, 20)):
            ticket.message_post(
                body="We will come on Monday",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                author_id=self.engineer_a_user.partner_id.id,
            )
            self.env.flush_all()
        self.assertEqual(ticket.first_response_date, datetime(2026, 10, 5, 8, 20))
        self.assertEqual(ticket.first_responder_id, self.engineer_a_user)
        # Friday 1 h + Monday 20 min.
        self.assertAlmostEqual(ticket.response_minutes, 80.0)

    def test_first_work_log_is_the_response(self):
        self.env.company.appraisal_response_event = "work_log"
        ticket = self._order(datetime(2026, 10, 5, 9, 0))
        with freeze_time(datetime(2026, 10, 5, 9, 45)):
            self._log_work(ticket, self.engineer_b)
            self.env.flush_all()
        self.assertEqual(ticket.first_response_date, datetime(2026, 10, 5, 9, 45))
        self.assertEqual(ticket.first_responder_id, self.engineer_b_user)
        self.assertAlmostEqual(ticket.response_minutes, 45.0)

    def test_no_client_writes_the_recorded_moments(self):
        ticket = self._order(datetime(2026, 10, 5, 9, 0))
        forged = {
            "tracking_disable": True,
            "appraisal_lock_write": True,
            "install_mode": True,
        }
        for user in (self.engineer_a_user, self.supervisor_user, self.manager_user):
            for vals in (
                {"first_closed_date": "2026-10-05 10:00:00"},
                {"reopen_count": 0},
                {"first_responder_id": user.id},
                {"first_assigned_date": False},
            ):
                with self.assertRaisesText(AccessError, "recorded by the module"):
                    ticket.with_user(user).with_context(**forged).write(vals)
        # Over the RPC entry point too, and at creation.
        env = api.Environment(self.env.cr, self.engineer_a_user.id, forged)
        with self.assertRaisesText(AccessError, "recorded by the module"):
            api.call_kw(
                env["helpdesk.ticket"],
                "write",
                [[ticket.id], {"first_closed_date": "2026-10-05 10:00:00"}],
                {},
            )
        with self.assertRaisesText(AccessError, "recorded by the module"):
            self.Ticket.with_user(self.supervisor_user).create(
                {
                    "name": "Forged",
                    "description": "x",
                    "first_closed_date": "2026-10-01 10:00:00",
                }
            )
        self.assertFalse(ticket.first_closed_date)

    def test_backfill_from_the_tracked_history(self):
        track = {"tracking_disable": False, "mail_notrack": False}
        tracked = self.Ticket.with_context(**track)
        with freeze_time(datetime(2026, 9, 1, 9, 0)):
            ticket = tracked.create(
                {"name": "Old order", "description": "x", "user_id": False}
            )
            self._flush_tracking()
        for moment, vals in (
            (datetime(2026, 9, 2, 9, 0), {"user_id": self.engineer_a_user.id}),
            (datetime(2026, 9, 3, 9, 0), {"user_id": self.engineer_b_user.id}),
            (datetime(2026, 9, 4, 9, 0), self.done),
            (datetime(2026, 9, 5, 9, 0), self.in_progress),
            (datetime(2026, 9, 6, 9, 0), self.done),
        ):
            with freeze_time(moment):
                ticket.with_context(**track).write(vals)
                self._flush_tracking()
        untracked = self._order(datetime(2026, 9, 1, 9, 0))
        # As before the module: nothing recorded.
        self.env.cr.execute(
            """UPDATE helpdesk_ticket SET first_assigned_date = NULL,
               first_assigned_user_id = NULL, first_closed_date = NULL,
               first_closed_month = NULL, reopen_count = 0
               WHERE id IN %s""",
            (tuple((ticket | untracked).ids),),
        )
        self.env.invalidate_all()
        self.Ticket._backfill_timeliness_facts()
        self.env.invalidate_all()
        self.assertEqual(ticket.first_assigned_date, datetime(2026, 9, 2, 9, 0))
        self.assertEqual(ticket.first_assigned_user_id, self.engineer_a_user)
        self.assertEqual(ticket.first_closed_date, datetime(2026, 9, 4, 9, 0))
        self.assertEqual(ticket.first_closed_month, date(2026, 9, 1))
        self.assertEqual(ticket.reopen_count, 1)
        # No history: no data, never a zero.
        self.assertFalse(untracked.first_assigned_date)
        self.assertFalse(untracked.first_closed_date)
        self.assertFalse(untracked.handling_hours)


@tagged("post_install", "-at_install")
class TestTicketFixQuality(TimelinessCommon):
    def _original(self):
        original = self._order(datetime(2026, 10, 1, 8, 0))
        self._close_first(
            original, datetime(2026, 10, 1, 9, 0), self.engineer_a | self.engineer_b
        )
        return original

    def _rework(self, original, reported_at):
        rework = self._order(reported_at, rework_of_id=original.id)
        self._close_first(rework, reported_at, self.engineer_c)
        return rework

    def test_rework_inside_the_window_counts_against_the_original(self):
        original = self._original()
        self.assertTrue(original.is_first_time_fix)
        rework = self._rework(original, datetime(2026, 10, 31, 9, 0))
        self.assertEqual(original.rework_ids, rework)
        self.assertFalse(original.is_first_time_fix)
        counts = self.Ticket._counts_by_employee_month(
            self.engineer_a | self.engineer_b | self.engineer_c, [OCTOBER]
        )
        for engineer in self.engineer_a | self.engineer_b:
            self.assertEqual(counts[(engineer.id, OCTOBER)]["reworks"], 1)
            self.assertEqual(counts[(engineer.id, OCTOBER)]["first_time_fixes"], 0)
            self.assertEqual(counts[(engineer.id, OCTOBER)]["fix_candidates"], 1)
        # The rework's own engineer fixed it the first time.
        self.assertEqual(counts[(self.engineer_c.id, OCTOBER)]["reworks"], 0)
        self.assertEqual(counts[(self.engineer_c.id, OCTOBER)]["first_time_fixes"], 1)

    def test_rework_outside_the_window_does_not_count(self):
        original = self._original()
        # 30 days and 1 minute after the first closing.
        self._rework(original, datetime(2026, 10, 31, 9, 1))
        self.assertTrue(original.is_first_time_fix)
        counts = self.Ticket._counts_by_employee_month(self.engineer_a, [OCTOBER])
        self.assertEqual(counts[(self.engineer_a.id, OCTOBER)]["reworks"], 0)
        self.assertEqual(counts[(self.engineer_a.id, OCTOBER)]["first_time_fixes"], 1)
        # A wider window of the company counts it.
        self.env.company.appraisal_rework_window_days = 31
        self.env.invalidate_all()
        self.assertFalse(original.is_first_time_fix)

    def test_rework_link_is_directional_within_the_company(self):
        original = self._original()
        rework = self._rework(original, datetime(2026, 10, 10, 9, 0))
        with self.assertRaises(ValidationError):
            original.rework_of_id = original
        with self.assertRaises(ValidationError):
            original.rework_of_id = rework
        other_company = self.env["res.company"].create({"name": "Other Co"})
        foreign = self.Ticket.create(
            {"name": "Elsewhere", "description": "x", "company_id": other_company.id}
        )
        # The ORM's company check refuses it first.
        with self.assertRaises(UserError):
            rework.rework_of_id = foreign

    def test_resolution_defaults_from_the_latest_reached_callback(self):
        original = self._original()
        Callback = self.env["helpdesk.ticket.callback"]

        def call(moment, result, confirmed):
            with freeze_time(moment):
                Callback.create(
                    {
                        "ticket_id": original.id,
                        "call_date": moment,
                        "result": result,
                        "work_confirmed": confirmed,
                    }
                )
                self.env.flush_all()

        self.assertFalse(original.resolution_result)
        call(datetime(2026, 10, 2, 9, 0), "satisfied", True)
        self.assertEqual(original.resolution_result, "resolved")
        call(datetime(2026, 10, 3, 9, 0), "dissatisfied", False)
        self.assertEqual(original.resolution_result, "not_resolved")
        call(datetime(2026, 10, 4, 9, 0), "unreachable", False)
        self.assertEqual(original.resolution_result, "not_resolved")
        original.resolution_result = "escalated"
        self.assertEqual(original.resolution_result, "escalated")

    def test_rework_and_resolution_are_set_by_supervisors_only(self):
        original = self._original()
        other = self._original()
        engineer = original.with_user(self.engineer_a_user).with_context(
            tracking_disable=True
        )
        for vals in (
            {"rework_of_id": other.id},
            {"rework_of_id": False},
            {"resolution_result": "resolved"},
        ):
            with self.assertRaisesText(AccessError, "rework link"):
                engineer.write(vals)
        env = api.Environment(
            self.env.cr, self.engineer_a_user.id, {"tracking_disable": True}
        )
        with self.assertRaisesText(AccessError, "rework link"):
            api.call_kw(
                env["helpdesk.ticket"],
                "write",
                [[original.id], {"rework_of_id": other.id}],
                {},
            )
        self.assertFalse(original.rework_of_id)
        self.assertFalse(other.rework_ids)
        original.with_user(self.supervisor_user).with_context(
            tracking_disable=True
        ).write({"rework_of_id": other.id})
        self.assertEqual(other.rework_ids, original)

    def test_engineer_sends_no_qa_nor_rework_as_context_defaults(self):
        """``default_`` keys sent over RPC with a new order are values like
        any other: an engineer neither passes QA nor pins a rework on a
        colleague's order through them."""
        original = self._original()
        Ticket = self.Ticket.with_user(self.engineer_a_user)
        before = self.Ticket.search_count([])
        for key, value in (
            ("default_qa_result", "pass"),
            ("default_actual_delivery_date", "2026-10-02"),
            ("default_rework_of_id", original.id),
        ):
            with (
                self.subTest(key=key),
                self.assertRaisesText(AccessError, "Only an appraisal supervisor"),
            ):
                Ticket.with_context(tracking_disable=True, **{key: value}).create(
                    {"name": "Forged", "description": "Passed?"}
                )
        self.assertEqual(self.Ticket.search_count([]), before)
        self.assertFalse(original.rework_ids)

    def test_qa_is_set_by_supervisors_only(self):
        original = self._original()
        engineer = original.with_user(self.engineer_a_user)
        for vals in (
            {"qa_result": "pass"},
            {"qa_date": "2026-10-02"},
            {"actual_delivery_date": "2026-10-02"},
        ):
            with self.assertRaisesText(AccessError, "Only an appraisal supervisor"):
                engineer.with_context(tracking_disable=True).write(vals)
        env = api.Environment(
            self.env.cr, self.engineer_a_user.id, {"tracking_disable": True}
        )
        with self.assertRaisesText(AccessError, "Only an appraisal supervisor"):
            api.call_kw(
                env["helpdesk.ticket"],
                "write",
                [[original.id], {"qa_result": "pass"}],
                {},
            )
        with self.assertRaisesText(AccessError, "recorded by the module"):
            original.with_user(self.supervisor_user).write(
                {"qa_inspector_id": self.engineer_a_user.id}
            )
        self.assertFalse(original.qa_result)
        with freeze_time(datetime(2026, 10, 2, 9, 0)):
            original.with_user(self.manager_user).write(
                {
                    "qa_result": "pass",
                    "promised_delivery_date": "2026-10-03",
                    "actual_delivery_date": "2026-10-02",
                }
            )
        self.assertEqual(original.qa_inspector_id, self.manager_user)
        self.assertEqual(original.qa_date, date(2026, 10, 2))
        counts = self.Ticket._counts_by_employee_month(self.engineer_a, [OCTOBER])
        measures = counts[(self.engineer_a.id, OCTOBER)]
        self.assertEqual(measures["qa_inspected"], 1)
        self.assertEqual(measures["qa_passed"], 1)
        self.assertEqual(measures["deliveries"], 1)
        self.assertEqual(measures["deliveries_on_time"], 1)

    def test_locked_month_facts_do_not_change(self):
        original = self._original()
        # Reclosed in November, so only its first closing lies in October.
        self._at(datetime(2026, 11, 2, 9, 0), original, self.in_progress)
        self._at(datetime(2026, 11, 3, 9, 0), original, self.done)
        self.env.company._write_appraisal_lock_date(date(2026, 10, 31))
        manager = original.with_user(self.manager_user)
        with self.assertRaisesText(UserError, "locked"):
            manager.write(self.in_progress)
        with self.assertRaisesText(UserError, "locked"):
            manager.write({"resolution_result": "escalated"})
        with self.assertRaisesText(UserError, "locked"):
            self.Ticket.with_user(self.manager_user).create(
                {"name": "Late rework", "description": "x", "rework_of_id": original.id}
            )
        self.assertEqual(original.reopen_count, 1)
        self.assertFalse(original.rework_ids)


@tagged("post_install", "-at_install")
class TestTimelinessFactSource(TimelinessCommon):
    def _month_of_orders(self, engineers):
        """Per engineer: one order answered in 30 min and closed in 5 h, one
        answered in 150 min (over the weekend) and closed in 12 h."""
        for engineer in engineers:
            quick = self._order(datetime(2026, 10, 5, 9, 0))
            self._at(datetime(2026, 10, 5, 9, 30), quick, self.in_progress)
            self._close_first(quick, datetime(2026, 10, 5, 14, 0), engineer)
            slow = self._order(FRIDAY_17)
            self._at(datetime(2026, 10, 5, 9, 30), slow, self.in_progress)
            self._close_first(slow, datetime(2026, 10, 6, 9, 0), engineer)

    def test_counts_hand_computed(self):
        self._month_of_orders(self.engineer_a)
        counts = self.Ticket._counts_by_employee_month(
            self.engineer_a | self.engineer_b, [OCTOBER, date(2026, 11, 1)]
        )
        self.assertEqual(list(counts), [(self.engineer_a.id, OCTOBER)])
        measures = counts[(self.engineer_a.id, OCTOBER)]
        self.assertEqual(measures["responses"], 2)
        self.assertEqual(measures["responses_on_time"], 1)
        self.assertAlmostEqual(measures["response_minutes_sum"], 30 + 150)
        self.assertEqual(measures["handled"], 2)
        # Quick: 5 h; slow: Fri 1 h + Mon 10 h + Tue 1 h = 12 h > 10 h.
        self.assertAlmostEqual(measures["handling_hours_sum"], 5 + 12)
        self.assertEqual(measures["handled_in_time"], 1)
        self.assertEqual(measures["fix_candidates"], 2)
        self.assertEqual(measures["first_time_fixes"], 2)
        self.assertEqual(measures["reworks"], 0)
        self.assertEqual(measures["resolved"], 0)
        # No callback, no result set: no resolution to count.
        self.assertEqual(measures["resolutions"], 0)
        facts = self.Ticket._facts_by_employee_month(self.engineer_a, [OCTOBER])
        self.assertEqual(len(facts[(self.engineer_a.id, OCTOBER)]), 2)

    def test_query_count_does_not_grow_with_the_employees(self):
        self._month_of_orders(self.engineer_a | self.engineer_b | self.engineer_c)
        reads = {}
        for size, employees in (
            (1, self.engineer_a),
            (3, self.engineer_a | self.engineer_b | self.engineer_c),
        ):
            self.env.invalidate_all()
            with self._capture_reads() as reads[size]:
                counts = self.Ticket._counts_by_employee_month(employees, [OCTOBER])
            self.assertEqual(len(counts), size)
        self.assertEqual(len(reads[1]), len(reads[3]))
