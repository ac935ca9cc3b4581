# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import UserError
from odoo.tools import mute_logger

from .common import AppraisalCommon


class TestTicketCredit(AppraisalCommon):
    def _month_points(self, employee, month=date(2026, 10, 1)):
        groups = self.env["helpdesk.ticket.credit"]._read_group(
            [("employee_id", "=", employee.id), ("month", "=", month)],
            aggregates=["points:sum"],
        )
        return groups[0][0]

    def test_single_engineer_earns_the_whole_order(self):
        ticket = self._create_tickets(
            engineers=self.engineer_a, difficulty=self.level_hard
        )
        credit = ticket.credit_ids
        self.assertEqual(len(credit), 1)
        self.assertRecordValues(
            credit,
            [
                {
                    "employee_id": self.engineer_a.id,
                    "share": 1.0,
                    "points": 1.5,
                    "is_valid": True,
                    "invalid_reason": False,
                    "month": date(2026, 10, 1),
                    "company_id": self.env.company.id,
                }
            ],
        )

    def test_two_engineers_and_an_intern_split_evenly(self):
        # Policy P1.4: 2 engineers + 1 intern on a 1.5 order: 0.75 + 0.75 + 0.
        ticket = self._create_tickets(
            engineers=self.engineer_a | self.engineer_b,
            interns=self.intern,
            difficulty=self.level_hard,
            work_logs=self.engineer_a | self.engineer_b | self.intern,
        )
        self.assertEqual(len(ticket.credit_ids), 3)
        self.assertRecordValues(
            self._credit(ticket, self.engineer_a) + self._credit(ticket, self.intern),
            [
                {
                    "share": 0.5,
                    "points": 0.75,
                    "is_valid": True,
                    "invalid_reason": False,
                },
                {
                    "share": 0.0,
                    "points": 0.0,
                    "is_valid": False,
                    "invalid_reason": "intern",
                },
            ],
        )
        self.assertEqual(self._credit(ticket, self.engineer_b).points, 0.75)

    def test_worked_example_order_mix(self):
        # Policy P5: A closes 30 standard orders alone and 6 hard orders with B
        # and an intern: P(A) = 30 x 1.0 + 6 x 0.75 = 34.5, P(B) = 6 x 0.75 = 4.5.
        self._create_tickets(
            count=30, engineers=self.engineer_a, difficulty=self.level_standard
        )
        self._create_tickets(
            count=6,
            engineers=self.engineer_a | self.engineer_b,
            interns=self.intern,
            difficulty=self.level_hard,
        )
        self.assertAlmostEqual(self._month_points(self.engineer_a), 34.5)
        self.assertAlmostEqual(self._month_points(self.engineer_b), 4.5)
        self.assertEqual(self._month_points(self.intern), 0.0)

    def test_shares_are_summed_unrounded(self):
        # Three engineers on 30 standard orders: 30 x 1/3 = 10 exactly, not
        # 30 x 0.33 = 9.9. Only the display rounds.
        self._create_tickets(
            count=30,
            engineers=self.engineer_a | self.engineer_b | self.engineer_c,
            difficulty=self.level_standard,
        )
        self.assertAlmostEqual(self._month_points(self.engineer_a), 10.0, places=9)

    def test_pending_review_earns_nothing_yet(self):
        ticket = self._create_tickets(engineers=self.engineer_a)
        ticket.sudo().self_difficulty_id = self.level_very_hard
        self.assertRecordValues(
            ticket.credit_ids,
            [{"share": 1.0, "points": 0.0, "invalid_reason": "not_reviewed"}],
        )
        ticket.sudo().action_accept_self_rating()
        self.assertRecordValues(ticket.credit_ids, [{"points": 2.0, "is_valid": True}])

    def test_open_order_earns_nothing(self):
        ticket = self._create_tickets(
            engineers=self.engineer_a, difficulty=self.level_standard, closed_at=None
        )
        self.assertRecordValues(
            ticket.credit_ids,
            [{"points": 0.0, "invalid_reason": "not_closed", "month": False}],
        )

    def test_engineer_without_work_log_earns_nothing(self):
        ticket = self._create_tickets(
            engineers=self.engineer_a | self.engineer_b,
            difficulty=self.level_very_hard,
            work_logs=self.engineer_a,
        )
        # B's share is not handed to A: each engineer's share is fixed by the
        # number of engineers on the order.
        self.assertEqual(self._credit(ticket, self.engineer_a).points, 1.0)
        self.assertRecordValues(
            self._credit(ticket, self.engineer_b),
            [{"share": 0.5, "points": 0.0, "invalid_reason": "no_work_log"}],
        )

    def test_duplicate_order_earns_nothing(self):
        original = self._create_tickets(
            engineers=self.engineer_a, difficulty=self.level_standard
        )
        duplicate = self._create_tickets(
            engineers=self.engineer_a, difficulty=self.level_standard
        )
        duplicate.duplicate_id = original
        self.assertRecordValues(
            duplicate.credit_ids, [{"points": 0.0, "invalid_reason": "duplicate"}]
        )
        self.assertEqual(self._month_points(self.engineer_a), 1.0)

    def test_credits_follow_every_input(self):
        ticket = self._create_tickets(
            engineers=self.engineer_a, difficulty=self.level_standard
        )
        credit_a = ticket.credit_ids
        ticket.sudo().difficulty_id = self.level_very_hard
        self.assertEqual(credit_a.points, 2.0)

        # A second engineer halves A's share; without a work log B earns 0.
        ticket.participant_ids = [
            Command.create({"employee_id": self.engineer_b.id, "role": "engineer"})
        ]
        credit_b = self._credit(ticket, self.engineer_b)
        self.assertEqual((credit_a.points, credit_b.points), (1.0, 0.0))
        self._log_work(ticket, self.engineer_b)
        self.assertEqual(credit_b.points, 1.0)

        # Deleting B's work log invalidates B again.
        ticket.timesheet_ids.filtered(
            lambda line: line.employee_id == self.engineer_b
        ).unlink()
        self.assertEqual(credit_b.invalid_reason, "no_work_log")

        # Removing B gives A the whole order back and deletes B's credit.
        ticket.participant_ids.filtered(
            lambda p: p.employee_id == self.engineer_b
        ).unlink()
        self.assertFalse(credit_b.exists())
        self.assertEqual(credit_a.points, 2.0)

        # Changing the level's points re-scores the orders rated with it.
        self.level_very_hard.points = 2.5
        self.assertEqual(credit_a.points, 2.5)

        # Reopening the order takes the points away.
        ticket.stage_id = self.stage_new
        self.assertEqual(credit_a.invalid_reason, "not_closed")
        ticket.stage_id = self.stage_done
        self.assertTrue(credit_a.is_valid)

        # Demoting A to intern leaves an order without engineer.
        ticket.participant_ids.role = "intern"
        self.assertEqual(credit_a.invalid_reason, "intern")
        self.assertTrue(ticket.has_no_engineer)

    def test_closing_month_seen_from_the_company_time_zone(self):
        # 2026-10-31 16:30 UTC is still October in UTC...
        ticket_utc = self._create_tickets(
            engineers=self.engineer_a | self.engineer_b,
            difficulty=self.level_standard,
            closed_at=datetime(2026, 10, 31, 16, 30),
        )
        # ... and already 2026-11-01 00:30 in Shanghai.
        self.env.company.appraisal_tz = "Asia/Shanghai"
        ticket = self._create_tickets(
            engineers=self.engineer_a | self.engineer_b,
            difficulty=self.level_standard,
            closed_at=datetime(2026, 10, 31, 16, 30),
        )
        self.assertEqual(
            self._credit(ticket_utc, self.engineer_a).month, date(2026, 10, 1)
        )
        self.assertEqual(self._credit(ticket, self.engineer_b).month, date(2026, 11, 1))
        # One zone for everyone: the employees' own zones change nothing.
        self.engineer_a.tz = "America/New_York"
        self.assertEqual(self._credit(ticket, self.engineer_a).month, date(2026, 11, 1))

    def test_an_order_counts_once_in_the_month_it_finally_closed(self):
        ticket = self._create_tickets(
            engineers=self.engineer_a,
            difficulty=self.level_standard,
            closed_at=datetime(2026, 9, 28, 10, 0),
        )
        # Reopened for a second visit, finally closed in October.
        ticket.stage_id = self.stage_new
        ticket.write({"stage_id": self.stage_done.id})
        ticket.closed_date = datetime(2026, 10, 3, 10, 0)
        self.assertEqual(len(ticket.credit_ids), 1)
        self.assertEqual(ticket.credit_ids.month, date(2026, 10, 1))
        self.assertEqual(self._month_points(self.engineer_a, date(2026, 9, 1)), 0.0)
        self.assertEqual(self._month_points(self.engineer_a), 1.0)

    def test_intern_only_order_is_flagged_and_cannot_be_reviewed(self):
        ticket = self._create_tickets(interns=self.intern, work_logs=self.intern)
        self.assertTrue(ticket.has_no_engineer)
        self.assertEqual(ticket.credit_ids.share, 0.0)
        with self.assertRaisesText(UserError, "Add an engineer"):
            ticket.with_user(self.supervisor_user).difficulty_id = self.level_standard
        ticket.invalidate_recordset()
        self.assertFalse(ticket.difficulty_id)
        self.assertEqual(ticket.rating_state, "to_rate")
        self.assertEqual(ticket.credit_ids.points, 0.0)

    def test_role_is_suggested_from_the_employee_type(self):
        ticket = self._create_tickets(closed_at=None)
        ticket.participant_ids = [
            Command.create({"employee_id": self.intern.id}),
            Command.create({"employee_id": self.engineer_a.id}),
        ]
        self.assertEqual(
            sorted(ticket.participant_ids.mapped("role")), ["engineer", "intern"]
        )
        self.assertEqual(
            ticket.participant_ids.filtered(
                lambda p: p.employee_id == self.intern
            ).role,
            "intern",
        )

    def test_assigned_user_becomes_an_engineer_participant(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Scanner offline",
                "description": "No network",
                "team_id": self.team.id,
                "user_id": self.engineer_a_user.id,
            }
        )
        self.assertRecordValues(
            ticket.participant_ids,
            [{"employee_id": self.engineer_a.id, "role": "engineer"}],
        )
        # Dispatching to B adds B; A, who may have worked already, stays.
        ticket.user_id = self.engineer_b_user
        ticket.user_id = self.engineer_a_user
        self.assertEqual(
            ticket.participant_ids.employee_id, self.engineer_a | self.engineer_b
        )

    def test_participant_of_another_company_is_refused(self):
        ticket = self._create_tickets(engineers=self.engineer_a, closed_at=None)
        branch = self.env["res.company"].create({"name": "Branch"})
        outsider = self.env["hr.employee"].create(
            {"name": "Branch engineer", "company_id": branch.id}
        )
        with self.assertRaisesText(UserError, "Incompatible companies"):
            ticket.participant_ids = [Command.create({"employee_id": outsider.id})]
        ticket.invalidate_recordset()
        self.assertEqual(ticket.participant_ids.employee_id, self.engineer_a)
        self.assertEqual(len(ticket.credit_ids), 1)

    def test_participant_appears_once_per_order(self):
        ticket = self._create_tickets(engineers=self.engineer_a, closed_at=None)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.env["helpdesk.ticket.participant"].create(
                {"ticket_id": ticket.id, "employee_id": self.engineer_a.id}
            )
            self.env.flush_all()
        ticket.invalidate_recordset()
        self.assertEqual(len(ticket.participant_ids), 1)
        self.assertEqual(len(ticket.credit_ids), 1)
