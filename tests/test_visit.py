# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import AppraisalCommon

OCTOBER = date(2026, 10, 1)
NOVEMBER = date(2026, 11, 1)


class VisitCommon(AppraisalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Visit = cls.env["helpdesk.ticket.visit"]
        # Created unassigned: helpdesk_mgmt would assign it to its creator at
        # 07:00, the first assignment arrivals are measured from; each test
        # assigns it when it means to.
        cls.env.company.helpdesk_mgmt_ticket_auto_assign = False
        with freeze_time("2026-10-05 07:00"):
            cls.order = cls._create_tickets(
                engineers=cls.engineer_a | cls.engineer_b,
                closed_at=None,
                work_logs=(),
            )

    def _check_in(self, user, order, moment, **position):
        with freeze_time(moment):
            order.with_user(user).action_check_in(**position)
        return order.visit_ids.filtered(
            lambda v: v.employee_id.user_id == user and not v.check_out
        )

    def _check_out(self, user, order, moment):
        with freeze_time(moment):
            order.with_user(user).action_check_out()

    def _counts(self, employees=None, months=(OCTOBER,)):
        employees = employees or self.engineer_a | self.engineer_b
        return self.Visit._counts_by_employee_month(employees, months)


@tagged("post_install", "-at_install")
class TestVisitArrival(VisitCommon):
    def test_arrival_from_the_appointment(self):
        self.order.appointment_datetime = datetime(2026, 10, 5, 9, 0)
        visit = self._check_in(
            self.engineer_a_user,
            self.order,
            "2026-10-05 10:30",
            latitude=31.2304,
            longitude=121.4737,
        )
        self._check_out(self.engineer_a_user, self.order, "2026-10-05 12:00")
        self._check_in(self.engineer_b_user, self.order, "2026-10-05 11:30")
        self.assertEqual(visit.check_in, datetime(2026, 10, 5, 10, 30))
        self.assertEqual(visit.check_out, datetime(2026, 10, 5, 12, 0))
        self.assertEqual((visit.latitude, visit.longitude), (31.2304, 121.4737))
        self.assertEqual(visit.month, OCTOBER)
        counts = self._counts()
        # A: 10:30 - 9:00 = 90 minutes <= 120, on site 10:30-12:00 = 90.
        self.assertEqual(
            counts[self.engineer_a.id, OCTOBER],
            {
                "visits": 1,
                "arrivals": 1,
                "arrivals_on_time": 1,
                "arrival_minutes_sum": 90.0,
                "onsite_minutes_sum": 90.0,
                "orders_visited": 1,
                "orders_with_one_visit": 1,
            },
        )
        # B: 11:30 - 9:00 = 150 minutes > 120; still on site.
        self.assertEqual(
            counts[self.engineer_b.id, OCTOBER],
            {
                "visits": 1,
                "arrivals": 1,
                "arrivals_on_time": 0,
                "arrival_minutes_sum": 150.0,
                "onsite_minutes_sum": 0.0,
                "orders_visited": 1,
                "orders_with_one_visit": 1,
            },
        )
        self.assertEqual(
            self.Visit._facts_by_employee_month(self.engineer_a, [OCTOBER]),
            {(self.engineer_a.id, OCTOBER): visit},
        )

    def test_arrival_from_the_assignment_and_two_visits(self):
        with freeze_time("2026-10-05 08:00"):
            self.order.user_id = self.engineer_a_user
        self._check_in(self.engineer_a_user, self.order, "2026-10-05 08:45")
        self._check_out(self.engineer_a_user, self.order, "2026-10-05 09:15")
        self._check_in(self.engineer_a_user, self.order, "2026-10-06 09:00")
        self._check_out(self.engineer_a_user, self.order, "2026-10-06 09:30")
        counts = self._counts(self.engineer_a)
        # Arrival: the first check-in, 8:45 - 8:00 = 45 minutes; two visits
        # of 30 minutes: no one-visit order.
        self.assertEqual(
            counts,
            {
                (self.engineer_a.id, OCTOBER): {
                    "visits": 2,
                    "arrivals": 1,
                    "arrivals_on_time": 1,
                    "arrival_minutes_sum": 45.0,
                    "onsite_minutes_sum": 60.0,
                    "orders_visited": 1,
                    "orders_with_one_visit": 0,
                }
            },
        )

    def test_first_time_fix_with_two_visits(self):
        """Issue 13 item 4: a first-time fix is closed, not reworked within
        the window, and fixed in one trip. A and B on site together once is
        one trip each: a first-time fix; A going back the next day is not."""
        with freeze_time("2026-10-05 08:00"):
            self.order.user_id = self.engineer_a_user
        self._check_in(self.engineer_a_user, self.order, "2026-10-05 08:45")
        self._check_in(self.engineer_b_user, self.order, "2026-10-05 08:50")
        self._check_out(self.engineer_a_user, self.order, "2026-10-05 09:15")
        self._check_out(self.engineer_b_user, self.order, "2026-10-05 09:15")
        with freeze_time("2026-10-05 10:00"):
            self.order.stage_id = self.stage_done
        self.assertTrue(self.order.is_first_time_fix)
        Ticket = self.env["helpdesk.ticket"]
        counts = Ticket._counts_by_employee_month(self.engineer_a, [OCTOBER])
        self.assertEqual(counts[self.engineer_a.id, OCTOBER]["first_time_fixes"], 1)
        self._check_in(self.engineer_a_user, self.order, "2026-10-06 09:00")
        self._check_out(self.engineer_a_user, self.order, "2026-10-06 09:30")
        self.assertFalse(self.order.is_first_time_fix)
        counts = Ticket._counts_by_employee_month(
            self.engineer_a | self.engineer_b, [OCTOBER]
        )
        # One order first closed in October, fixed in two trips by A: 0 of 1
        # for both of its engineers.
        for engineer in self.engineer_a | self.engineer_b:
            self.assertEqual(counts[engineer.id, OCTOBER]["fix_candidates"], 1)
            self.assertEqual(counts[engineer.id, OCTOBER]["first_time_fixes"], 0)

    def test_second_visit_next_month(self):
        self.order.appointment_datetime = datetime(2026, 10, 30, 9, 0)
        self._check_in(self.engineer_a_user, self.order, "2026-10-30 09:10")
        self._check_out(self.engineer_a_user, self.order, "2026-10-30 10:00")
        self._check_in(self.engineer_a_user, self.order, "2026-11-02 09:00")
        counts = self._counts(self.engineer_a, [OCTOBER, NOVEMBER])
        october = counts[self.engineer_a.id, OCTOBER]
        self.assertEqual(october["arrival_minutes_sum"], 10)
        self.assertEqual(october["orders_with_one_visit"], 0)
        # November counts the visit, not the order again.
        self.assertEqual(
            counts[self.engineer_a.id, NOVEMBER],
            dict.fromkeys(counts[self.engineer_a.id, NOVEMBER], 0) | {"visits": 1},
        )
        # November alone: its visit, no arrival.
        self.assertEqual(
            self._counts(self.engineer_a, [NOVEMBER])[self.engineer_a.id, NOVEMBER][
                "arrivals"
            ],
            0,
        )

    def test_no_reference_no_arrival(self):
        self._check_in(self.engineer_a_user, self.order, "2026-10-05 10:00")
        counts = self._counts(self.engineer_a)[self.engineer_a.id, OCTOBER]
        # Neither an appointment nor an assignment: no data, not 0 minutes.
        self.assertEqual(counts["orders_visited"], 1)
        self.assertEqual(counts["arrivals"], 0)
        self.assertEqual(counts["arrival_minutes_sum"], 0)

    def test_on_site_work_log_counts_without_a_visit(self):
        self.order.appointment_datetime = datetime(2026, 10, 5, 9, 0)
        self.env["account.analytic.line"].create(
            [
                {
                    "name": "Repair on site",
                    "ticket_id": self.order.id,
                    "project_id": self.order.project_id.id,
                    "employee_id": employee.id,
                    "unit_amount": 2.0,
                    "date_time": datetime(2026, 10, 5, 10, 0),
                    "appraisal_onsite": True,
                }
                for employee in self.engineer_a | self.engineer_b
            ]
        )
        self._check_in(self.engineer_a_user, self.order, "2026-10-05 09:30")
        counts = self._counts()
        # B: no visit, the on-site log from 10:00 for 2 hours: 60 minutes
        # late, 120 minutes on site.
        self.assertEqual(counts[self.engineer_b.id, OCTOBER]["arrival_minutes_sum"], 60)
        self.assertEqual(counts[self.engineer_b.id, OCTOBER]["onsite_minutes_sum"], 120)
        self.assertEqual(counts[self.engineer_b.id, OCTOBER]["visits"], 1)
        # A checked in: the visit counts, not the log.
        self.assertEqual(counts[self.engineer_a.id, OCTOBER]["arrival_minutes_sum"], 30)
        self.assertEqual(counts[self.engineer_a.id, OCTOBER]["onsite_minutes_sum"], 0)

    def test_arrival_target_is_a_company_setting(self):
        self.env.company.appraisal_arrival_target_minutes = 30
        self.order.appointment_datetime = datetime(2026, 10, 5, 9, 0)
        self._check_in(self.engineer_a_user, self.order, "2026-10-05 09:31")
        self.assertEqual(
            self._counts(self.engineer_a)[self.engineer_a.id, OCTOBER][
                "arrivals_on_time"
            ],
            0,
        )

    def test_queries_do_not_grow_with_engineers(self):
        """The same reads for 2 engineers on 1 order as for 4 on 3 orders."""
        engineers = self.engineer_a | self.engineer_b | self.engineer_c | self.manager
        with freeze_time("2026-10-05 07:00"):
            orders = self._create_tickets(
                count=3, engineers=engineers, closed_at=None, work_logs=()
            )
        orders.appointment_datetime = datetime(2026, 10, 5, 9, 0)
        self.order.appointment_datetime = datetime(2026, 10, 5, 9, 0)
        users = {employee: employee.user_id for employee in engineers}
        for order in orders | self.order:
            for employee in order.participant_ids.employee_id:
                self._check_in(users[employee], order, "2026-10-05 09:30")
        for employees in (self.engineer_a | self.engineer_b, engineers):
            self.env.invalidate_all()
            with self.assertQueryCount(8):
                counts = self.Visit._counts_by_employee_month(
                    employees, [OCTOBER, NOVEMBER]
                )
        self.assertEqual(counts[self.engineer_a.id, OCTOBER]["orders_visited"], 4)
        self.assertEqual(counts[self.manager.id, OCTOBER]["arrival_minutes_sum"], 90)


@tagged("post_install", "-at_install")
class TestVisitIntegrity(VisitCommon):
    def test_check_out_before_check_in_is_refused(self):
        self._check_in(self.engineer_a_user, self.order, "2026-10-05 10:00")
        # The server's clock went back.
        with self.assertRaisesText(ValidationError, "cannot come before"):
            self._check_out(self.engineer_a_user, self.order, "2026-10-05 09:00")

    def test_one_open_visit_per_engineer_and_order(self):
        self._check_in(self.engineer_a_user, self.order, "2026-10-05 10:00")
        with self.assertRaisesText(ValidationError, "already checked in"):
            self._check_in(self.engineer_a_user, self.order, "2026-10-05 10:05")
        with self.assertRaisesText(UserError, "already checked out"):
            self._check_out(self.engineer_a_user, self.order, "2026-10-05 11:00")
            self.order.my_open_visit_id.invalidate_recordset()
            self.order.visit_ids.with_user(self.engineer_a_user).action_check_out()
        self.assertEqual(len(self.order.visit_ids), 1)
        self.assertFalse(self.order.visit_ids.check_out)

    def test_engineers_check_in_only_for_themselves_on_their_orders(self):
        Visit = self.Visit.with_user(self.engineer_a_user)
        with self.assertRaisesText(AccessError, "only for yourself"):
            Visit.create(
                {"ticket_id": self.order.id, "employee_id": self.engineer_b.id}
            )
        # The supervisor reads the order but takes no part in it; C may not
        # even read it.
        with self.assertRaisesText(UserError, "do not take part"):
            self._check_in(self.supervisor_user, self.order, "2026-10-05 10:00")
        with self.assertRaises(AccessError):
            self._check_in(self.engineer_c_user, self.order, "2026-10-05 10:00")
        with self.assertRaisesText(ValidationError, "does not take part"):
            self.Visit.with_user(self.engineer_c_user).create(
                {"ticket_id": self.order.id}
            )
        visit_b = self._check_in(self.engineer_b_user, self.order, "2026-10-05 10:00")
        with self.assertRaisesText(AccessError, "Only Engineer B checks out"):
            visit_b.with_user(self.engineer_a_user).action_check_out()
        self.assertEqual(self.order.visit_ids, visit_b)
        self.assertFalse(visit_b.check_out)

    def test_forged_times_are_refused(self):
        Visit = self.Visit.with_user(self.engineer_a_user)
        with self.assertRaisesText(AccessError, "recorded by the module"):
            Visit.create(
                {"ticket_id": self.order.id, "check_in": "2026-10-05 09:00:00"}
            )
        # A default in the context is the server's time too.
        with freeze_time("2026-10-05 10:00"):
            visit = Visit.with_context(
                default_check_in="2026-10-05 09:00:00",
                default_check_out="2026-10-05 09:30:00",
            ).create({"ticket_id": self.order.id})
        self.assertEqual(visit.check_in, datetime(2026, 10, 5, 10, 0))
        self.assertFalse(visit.check_out)
        self.assertEqual(visit.employee_id, self.engineer_a)
        # Nor is a colleague's check-in sent as a default.
        with self.assertRaisesText(AccessError, "check in only for yourself"):
            Visit.with_context(default_employee_id=self.engineer_b.id).create(
                {"ticket_id": self.order.id}
            )
        for user in (self.engineer_a_user, self.manager_user):
            with self.assertRaisesText(AccessError, "recorded by the module"):
                visit.with_user(user).write({"check_out": "2026-10-05 11:00:00"})
            with self.assertRaisesText(AccessError, "cannot be changed"):
                visit.with_user(user).write({"latitude": 10.0})
        with self.assertRaisesText(ValidationError, "Latitude must lie between"):
            self._check_in(
                self.engineer_b_user,
                self.order,
                "2026-10-05 10:00",
                latitude=91.0,
                longitude=0.0,
            )
        self.assertEqual(self.order.visit_ids, visit)
        self.assertFalse(visit.check_out)

    def test_deletion(self):
        visit = self._check_in(self.engineer_a_user, self.order, "2026-10-05 10:00")
        with self.assertRaises(AccessError):
            visit.with_user(self.engineer_a_user).unlink()
        # A mistaken check-in: the supervisor deletes it, in the chatter.
        visit.with_user(self.supervisor_user).unlink()
        self.assertIn("was deleted by Supervisor Sun", self.order.message_ids[0].body)
        visit = self._check_in(self.engineer_a_user, self.order, "2026-10-05 11:00")
        self._check_out(self.engineer_a_user, self.order, "2026-10-05 12:00")
        for user in (self.supervisor_user, self.manager_user):
            with self.assertRaisesText(UserError, "cannot be deleted"):
                visit.with_user(user).unlink()
        self.assertTrue(visit.exists())

    def test_locked_month(self):
        visit = self._check_in(self.engineer_a_user, self.order, "2026-09-30 10:00")
        with freeze_time("2026-10-10"):
            self.env.company._set_appraisal_lock_date(date(2026, 9, 30), "Closed")
            with self.assertRaisesText(UserError, "locked up to"):
                visit.with_user(self.engineer_a_user).action_check_out()
            with self.assertRaisesText(UserError, "locked up to"):
                visit.with_user(self.supervisor_user).unlink()
        self.assertTrue(visit.exists())
        self.assertFalse(visit.check_out)

    def test_only_a_supervisor_moves_the_appointment_after_a_check_in(self):
        self.order.with_user(self.engineer_a_user).appointment_datetime = datetime(
            2026, 10, 5, 9, 0
        )
        self._check_in(self.engineer_a_user, self.order, "2026-10-05 12:00")
        with self.assertRaisesText(AccessError, "only a supervisor"):
            self.order.with_user(self.engineer_a_user).appointment_datetime = datetime(
                2026, 10, 5, 11, 0
            )
        self.order.with_user(self.supervisor_user).appointment_datetime = datetime(
            2026, 10, 5, 11, 30
        )
        self.assertEqual(self.order.appointment_datetime, datetime(2026, 10, 5, 11, 30))

    def test_messages_in_chinese(self):
        self._load_chinese()
        Visit = self.Visit.with_user(self.engineer_a_user).with_context(lang="zh_CN")
        with self.assertRaises(AccessError) as caught:
            Visit.create(
                {"ticket_id": self.order.id, "employee_id": self.engineer_b.id}
            )
        self.assertIn("本人", str(caught.exception))
        with self.assertRaises(AccessError) as caught:
            Visit.create({"ticket_id": self.order.id, "check_in": "2026-10-05"})
        self.assertIn("签到时间", str(caught.exception))


@tagged("post_install", "-at_install")
class TestVisitTour(AppraisalCommon, HttpCase):
    """An engineer checks in and out on a 400 px wide phone."""

    browser_size = "400x800"

    def test_engineer_checks_in_and_out_on_a_phone(self):
        order = self._create_tickets(
            engineers=self.engineer_a, closed_at=None, work_logs=()
        )
        self.start_tour(
            f"/odoo/helpdesk.ticket/{order.id}",
            "helpdesk_engineer_appraisal_visit_tour",
            login="engineer_a",
        )
        self.assertEqual(len(order.visit_ids), 1)
        self.assertEqual(order.visit_ids.employee_id, self.engineer_a)
        self.assertTrue(order.visit_ids.check_out)
