# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form

from ..const import ENGINEER_GROUP
from .common import AppraisalCommon


class TestTicketRating(AppraisalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket = cls._create_tickets(
            engineers=cls.engineer_a | cls.engineer_b, interns=cls.intern
        )

    def _commit_tracking(self):
        """Write tracking messages as a transaction commit would."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def test_engineer_self_rates_in_the_form(self):
        ticket = self.ticket.with_user(self.engineer_a_user)
        self.assertTrue(ticket.can_self_rate)
        with Form(ticket) as form:
            form.self_difficulty_id = self.level_hard
        self.assertEqual(self.ticket.rating_state, "self_rated")
        self.assertEqual(self.ticket.self_difficulty_id, self.level_hard)
        self.assertFalse(self.ticket.difficulty_id)

    def test_rating_steps_are_tracked_in_the_chatter(self):
        # Odoo tracks no change in the transaction that created the record:
        # commit the creation's pending tracking first.
        self._commit_tracking()
        ticket = self.ticket.with_context(tracking_disable=False, mail_notrack=False)
        ticket.with_user(self.engineer_a_user).self_difficulty_id = self.level_hard
        self._commit_tracking()
        ticket.with_user(self.supervisor_user).action_accept_self_rating()
        self._commit_tracking()
        tracked = ticket.message_ids.tracking_value_ids.filtered(
            lambda v: v.field_id.name == "rating_state"
        )
        self.assertEqual(
            sorted(tracked.mapped("new_value_char")), ["Reviewed", "Self-rated"]
        )

    def test_supervisor_accepts_the_self_rating_by_default(self):
        self.ticket.with_user(self.engineer_b_user).self_difficulty_id = self.level_hard
        self.ticket.with_user(self.supervisor_user).action_accept_self_rating()
        self.assertRecordValues(
            self.ticket,
            [
                {
                    "difficulty_id": self.level_hard.id,
                    "rating_state": "reviewed",
                    "reviewer_id": self.supervisor_user.id,
                }
            ],
        )
        self.assertTrue(self.ticket.review_date)
        self.assertFalse(self.ticket.with_user(self.engineer_a_user).can_self_rate)

    def test_supervisor_sets_another_final_difficulty(self):
        self.ticket.with_user(self.engineer_a_user).self_difficulty_id = self.level_hard
        with Form(self.ticket.with_user(self.supervisor_user)) as form:
            form.difficulty_id = self.level_standard
        self.assertEqual(self.ticket.rating_state, "reviewed")
        self.assertEqual(self.ticket.difficulty_id, self.level_standard)
        self.assertEqual(self.ticket.self_difficulty_id, self.level_hard)

    def test_accept_many_orders_at_once(self):
        others = self._create_tickets(count=2, engineers=self.engineer_a)
        others[0].with_user(self.engineer_a_user).self_difficulty_id = self.level_simple
        others[1].with_user(self.engineer_a_user).self_difficulty_id = self.level_hard
        others.with_user(self.supervisor_user).action_accept_self_rating()
        self.assertEqual(
            others.mapped("difficulty_id"), self.level_simple | self.level_hard
        )
        self.assertEqual(others.credit_ids.mapped("points"), [0.5, 1.5])

    def test_accepting_an_unrated_order_is_refused(self):
        with self.assertRaisesText(UserError, "Only self-rated orders"):
            self.ticket.with_user(self.supervisor_user).action_accept_self_rating()
        self.assertEqual(self.ticket.rating_state, "to_rate")

    def test_reset_review_sends_back_to_self_rated(self):
        self.ticket.with_user(self.engineer_a_user).self_difficulty_id = self.level_hard
        self.ticket.with_user(self.supervisor_user).action_accept_self_rating()
        self.ticket.with_user(self.supervisor_user).action_reset_review()
        self.assertRecordValues(
            self.ticket,
            [
                {
                    "rating_state": "self_rated",
                    "reviewer_id": False,
                    "review_date": False,
                }
            ],
        )
        self.assertEqual(sum(self.ticket.credit_ids.mapped("points")), 0.0)

    def test_non_participant_cannot_self_rate(self):
        # Engineer C cannot even write the order; the supervisor can, but
        # takes no part in it.
        with self.assertRaises(AccessError):
            self.ticket.with_user(
                self.engineer_c_user
            ).self_difficulty_id = self.level_hard
        with self.assertRaisesText(AccessError, "Only an engineer taking part"):
            self.ticket.with_user(
                self.supervisor_user
            ).self_difficulty_id = self.level_hard
        self.ticket.invalidate_recordset()
        self.assertFalse(self.ticket.self_difficulty_id)
        self.assertEqual(self.ticket.rating_state, "to_rate")

    def test_intern_cannot_self_rate(self):
        intern_user = self.env["res.users"].create(
            {"name": "Intern Li", "login": "intern_li"}
        )
        intern_user.groups_id += self.env.ref(ENGINEER_GROUP)
        self.intern.user_id = intern_user
        with self.assertRaisesText(AccessError, "Only an engineer taking part"):
            self.ticket.with_user(intern_user).self_difficulty_id = self.level_hard
        self.ticket.invalidate_recordset()
        self.assertFalse(self.ticket.self_difficulty_id)

    def test_non_supervisor_cannot_review(self):
        self.ticket.with_user(self.engineer_a_user).self_difficulty_id = self.level_hard
        with self.assertRaisesText(AccessError, "Only appraisal supervisors"):
            self.ticket.with_user(self.engineer_a_user).difficulty_id = self.level_hard
        with self.assertRaises(AccessError):
            self.ticket.with_user(self.engineer_a_user).action_accept_self_rating()
        self.ticket.invalidate_recordset()
        self.assertFalse(self.ticket.difficulty_id)
        self.assertFalse(self.ticket.reviewer_id)
        self.assertEqual(self.ticket.rating_state, "self_rated")

    def test_supervisor_does_not_review_own_work(self):
        self.ticket.participant_ids = [
            Command.create({"employee_id": self.supervisor.id, "role": "engineer"})
        ]
        self.ticket.with_user(
            self.supervisor_user
        ).self_difficulty_id = self.level_very_hard
        with self.assertRaisesText(AccessError, "another supervisor reviews"):
            self.ticket.with_user(self.supervisor_user).action_accept_self_rating()
        self.assertFalse(self.ticket.difficulty_id)
        # The appraisal manager may.
        self.ticket.with_user(self.manager_user).action_accept_self_rating()
        self.assertEqual(self.ticket.difficulty_id, self.level_very_hard)

    def test_engineer_cannot_change_a_reviewed_rating(self):
        self.ticket.with_user(self.engineer_a_user).self_difficulty_id = self.level_hard
        self.ticket.with_user(self.supervisor_user).action_accept_self_rating()
        with self.assertRaisesText(UserError, "already reviewed"):
            self.ticket.with_user(
                self.engineer_a_user
            ).self_difficulty_id = self.level_very_hard
        self.ticket.invalidate_recordset()
        self.assertEqual(self.ticket.self_difficulty_id, self.level_hard)

    def test_creating_a_reviewed_order_requires_a_supervisor(self):
        vals = {
            "name": "Fuser noise",
            "description": "Noise",
            "team_id": self.team.id,
            "user_id": self.engineer_a_user.id,
            "difficulty_id": self.level_standard.id,
        }
        Ticket = self.env["helpdesk.ticket"]
        with self.assertRaises(AccessError):
            Ticket.with_user(self.engineer_a_user).create(vals)
        self.assertFalse(Ticket.search([("name", "=", "Fuser noise")]))
        ticket = Ticket.with_user(self.supervisor_user).create(vals)
        self.assertEqual(ticket.rating_state, "reviewed")

    def test_engineer_creates_an_order_and_self_rates_it(self):
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.engineer_a_user)
            .create(
                {
                    "name": "Toner leak",
                    "description": "Toner on the floor",
                    "team_id": self.team.id,
                    "user_id": self.engineer_a_user.id,
                    "self_difficulty_id": self.level_simple.id,
                }
            )
        )
        self.assertEqual(ticket.participant_ids.employee_id, self.engineer_a)
        self.assertEqual(ticket.rating_state, "self_rated")

    def test_my_orders_to_rate_filter(self):
        Ticket = self.env["helpdesk.ticket"].with_user(self.engineer_a_user)
        domain = [
            ("rating_state", "=", "to_rate"),
            (
                "participant_ids",
                "any",
                [
                    ("employee_id.user_id", "=", self.engineer_a_user.id),
                    ("role", "=", "engineer"),
                ],
            ),
        ]
        self.assertEqual(Ticket.search(domain), self.ticket)
        self.ticket.with_user(self.engineer_a_user).self_difficulty_id = self.level_hard
        self.assertFalse(Ticket.search(domain))
