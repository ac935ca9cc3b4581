# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError

from .common import AppraisalCommon, new_test_user


class TestAccessRights(AppraisalCommon):
    """Engineers see their own credits, supervisors those of the employees
    they manage (hr.employee manager chain), managers all of their companies."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket_ab = cls._create_tickets(
            engineers=cls.engineer_a | cls.engineer_b, difficulty=cls.level_standard
        )
        cls.ticket_c = cls._create_tickets(
            engineers=cls.engineer_c, difficulty=cls.level_standard
        )
        cls.credit_a = cls._credit(cls.ticket_ab, cls.engineer_a)
        cls.credit_b = cls._credit(cls.ticket_ab, cls.engineer_b)
        cls.credit_c = cls.ticket_c.credit_ids

    def _visible_credits(self, user):
        return self.env["helpdesk.ticket.credit"].with_user(user).search([])

    def test_engineer_sees_only_own_credits(self):
        self.assertEqual(self._visible_credits(self.engineer_a_user), self.credit_a)
        with self.assertRaises(AccessError):
            self.credit_b.with_user(self.engineer_a_user).read(["points"])
        # On the shared order the Scoring tab lists only the engineer's line.
        ticket = self.ticket_ab.with_user(self.engineer_a_user)
        self.assertEqual(ticket.credit_ids, self.credit_a)
        self.assertEqual(len(ticket.participant_ids), 2)

    def test_supervisor_sees_the_team_credits(self):
        self.assertEqual(
            self._visible_credits(self.supervisor_user), self.credit_a | self.credit_b
        )
        with self.assertRaises(AccessError):
            self.credit_c.with_user(self.supervisor_user).read(["points"])

    def test_manager_sees_all_credits(self):
        # All of this test's credits; the demo's are left out of the comparison.
        credits = self.credit_a | self.credit_b | self.credit_c
        self.assertEqual(self._visible_credits(self.manager_user) & credits, credits)

    def test_nobody_edits_credits_by_hand(self):
        Credit = self.env["helpdesk.ticket.credit"]
        for user in (self.engineer_a_user, self.supervisor_user, self.manager_user):
            with self.assertRaises(AccessError):
                self.credit_a.with_user(user).write({"points": 99})
            with self.assertRaises(AccessError):
                self.credit_a.with_user(user).unlink()
            with self.assertRaises(AccessError):
                Credit.with_user(user).create(
                    {"participant_id": self.ticket_c.participant_ids.id}
                )
        self.assertEqual(self.credit_a.points, 0.5)

    def test_user_without_appraisal_group_sees_no_credit(self):
        helpdesk_user = new_test_user(
            self.env, login="desk", groups="helpdesk_mgmt.group_helpdesk_user"
        )
        with self.assertRaises(AccessError):
            self._visible_credits(helpdesk_user)

    def test_engineer_works_on_orders_taken_part_in(self):
        ticket = self.ticket_ab.with_user(self.engineer_b_user)
        self.assertEqual(ticket.name, self.ticket_ab.name)
        with self.assertRaises(AccessError):
            self.ticket_c.with_user(self.engineer_b_user).read(["name"])

    def test_only_supervisors_change_participants(self):
        # Joining an order would open it to the engineer and shrink the
        # others' shares; dropping a colleague would delete their credit.
        Participant = self.env["helpdesk.ticket.participant"]
        with self.assertRaises(AccessError):
            Participant.with_user(self.engineer_b_user).create(
                {"ticket_id": self.ticket_c.id, "employee_id": self.engineer_b.id}
            )
        participant_a = self.ticket_ab.participant_ids.filtered(
            lambda p: p.employee_id == self.engineer_a
        )
        with self.assertRaises(AccessError):
            participant_a.with_user(self.engineer_b_user).unlink()
        with self.assertRaises(AccessError):
            participant_a.with_user(self.engineer_b_user).role = "intern"
        self.assertEqual(self.ticket_c.participant_ids.employee_id, self.engineer_c)
        self.assertEqual(self.credit_a.points, 0.5)
        # A supervisor of both engineers dispatches: C is not in the test
        # supervisor's team, so the appraisal manager does.
        self.ticket_c.with_user(self.manager_user).participant_ids = [
            Command.create({"employee_id": self.engineer_b.id})
        ]
        self.assertEqual(
            self.ticket_c.participant_ids.employee_id,
            self.engineer_b | self.engineer_c,
        )

    def test_credits_of_another_company_are_hidden(self):
        branch = self.env["res.company"].create({"name": "Branch"})
        self.manager_user.company_ids = [Command.link(branch.id)]
        branch_engineer = self.env["hr.employee"].create(
            {"name": "Branch engineer", "company_id": branch.id}
        )
        branch_team = self.env["helpdesk.ticket.team"].create(
            {"name": "Branch team", "company_id": branch.id}
        )
        branch_ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Branch order",
                "description": "Elsewhere",
                "team_id": branch_team.id,
                "participant_ids": [
                    Command.create({"employee_id": branch_engineer.id})
                ],
            }
        )
        Credit = self.env["helpdesk.ticket.credit"].with_user(self.manager_user)
        main_only = Credit.with_context(allowed_company_ids=[self.env.company.id])
        self.assertNotIn(branch_ticket.credit_ids, main_only.search([]))
        self.assertIn(
            branch_ticket.credit_ids,
            Credit.with_context(allowed_company_ids=[branch.id]).search([]),
        )
