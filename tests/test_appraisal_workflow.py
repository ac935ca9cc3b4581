# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError

from .appraisal_common import MonthlyAppraisalCommon


class TestAppraisalWorkflow(MonthlyAppraisalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._generate()
        cls.appraisal = cls._appraisal_of(cls.engineer_a)

    def _as(self, user):
        return self.appraisal.with_user(user)

    def _todo_users(self):
        return self.appraisal.activity_ids.user_id

    def _messages(self):
        return self.appraisal.message_ids.mapped("body")

    def _to_review(self):
        self._as(self.supervisor_user).action_send_to_engineer()
        self._as(self.engineer_a_user).action_acknowledge()

    def test_full_workflow_by_the_right_people(self):
        self._as(self.supervisor_user).action_send_to_engineer()
        self.assertEqual(self.appraisal.state, "self_assessment")
        self.assertEqual(self._todo_users(), self.engineer_a_user)
        self._as(self.engineer_a_user).write({"employee_comment": "Agreed"})
        self._as(self.engineer_a_user).action_acknowledge()
        self.assertEqual(self.appraisal.state, "review")
        self.assertEqual(self._todo_users(), self.supervisor_user)
        self._as(self.supervisor_user).action_review()
        self.assertEqual(self.appraisal.state, "approval")
        # No department manager known: nobody gets the approval activity.
        self.assertFalse(self.appraisal.activity_ids)
        self._as(self.manager_user).action_approve()
        self.assertEqual(self.appraisal.state, "done")
        self.assertFalse(self.appraisal.activity_ids)
        # Each step is logged in the chatter.
        bodies = "\n".join(self._messages())
        for message in (
            "Sent to the engineer.",
            "Acknowledged by the engineer.",
            "Reviewed by the supervisor.",
            "Approved: the appraisal is done.",
        ):
            self.assertIn(message, bodies)

    def test_approval_activity_for_the_department_manager(self):
        department = self.env["hr.department"].create(
            {"name": "After-sales", "manager_id": self.manager.id}
        )
        # Joining a department makes its manager the employee's manager.
        self.engineer_a.department_id = department
        self.engineer_a.parent_id = self.supervisor
        self._to_review()
        self.assertEqual(self.appraisal.department_id, department)
        self._as(self.supervisor_user).action_review()
        self.assertEqual(self._todo_users(), self.manager_user)

    def test_wrong_people_are_refused(self):
        # Only supervisors send a draft to the engineer.
        with self.assertRaisesText(AccessError, "Only a Supervisor"):
            self._as(self.engineer_a_user).action_send_to_engineer()
        self.assertEqual(self.appraisal.state, "draft")
        self._as(self.supervisor_user).action_send_to_engineer()
        # Only the engineer acknowledges: not the supervisor, and another
        # engineer cannot even read the appraisal.
        with self.assertRaisesText(AccessError, "Only the appraised engineer"):
            self._as(self.supervisor_user).action_acknowledge()
        with self.assertRaises(AccessError):
            self._as(self.engineer_b_user).action_acknowledge()
        with self.assertRaisesText(UserError, "stage Supervisor Review only"):
            self._as(self.supervisor_user).action_review()
        self.assertEqual(self.appraisal.state, "self_assessment")
        self._as(self.engineer_a_user).action_acknowledge()
        with self.assertRaisesText(AccessError, "Only a Supervisor"):
            self._as(self.engineer_a_user).action_review()
        # Engineer C's supervisor chain does not include A.
        with self.assertRaises(AccessError):
            self._as(self.engineer_c_user).action_review()
        self.assertEqual(self.appraisal.state, "review")
        self._as(self.supervisor_user).action_review()
        with self.assertRaisesText(AccessError, "Only a Manager"):
            self._as(self.supervisor_user).action_approve()
        self.assertEqual(self.appraisal.state, "approval")

    def test_employee_without_user_goes_straight_to_review(self):
        contractor = self.env["hr.employee"].create(
            {"name": "Contractor Wu", "parent_id": self.supervisor.id}
        )
        self._create_tickets(engineers=contractor, difficulty=self.level_standard)
        self._generate(employees=contractor)
        appraisal = self._appraisal_of(contractor)
        appraisal.with_user(self.supervisor_user).action_send_to_engineer()
        self.assertEqual(appraisal.state, "review")
        self.assertIn(
            "no user to acknowledge it", " ".join(appraisal.message_ids.mapped("body"))
        )

    def test_reviewer_does_not_approve(self):
        self._to_review()
        self._as(self.manager_user).action_review()
        self.assertEqual(self.appraisal.reviewer_user_id, self.manager_user)
        with self.assertRaisesText(AccessError, "another manager approves"):
            self._as(self.manager_user).action_approve()
        self.assertEqual(self.appraisal.state, "approval")

    def test_supervisor_writes_no_comment_on_own_appraisal(self):
        self._generate(employees=self.supervisor)
        own = self._appraisal_of(self.supervisor).with_user(self.supervisor_user)
        with self.assertRaisesText(AccessError, "never on their own appraisal"):
            own.supervisor_note = "I deserve more"
        with self.assertRaisesText(AccessError, "never on their own appraisal"):
            own.supervisor_comment = "Excellent work"
        self.assertFalse(own.sudo().supervisor_note)

    def test_nobody_reviews_or_approves_their_own_appraisal(self):
        self._generate(employees=self.supervisor | self.manager)
        own = self._appraisal_of(self.supervisor).with_user(self.supervisor_user)
        own.action_send_to_engineer()
        own.action_acknowledge()
        with self.assertRaisesText(AccessError, "your own appraisal"):
            own.action_review()
        self.assertEqual(own.state, "review")
        manager_own = self._appraisal_of(self.manager).with_user(self.manager_user)
        manager_own.action_send_to_engineer()
        manager_own.action_acknowledge()
        with self.assertRaisesText(AccessError, "your own appraisal"):
            manager_own.action_review()
        self.assertEqual(manager_own.state, "review")

    def test_steps_refresh_the_numbers_until_done(self):
        self._as(self.supervisor_user).action_send_to_engineer()
        # A new valid October order: the next step counts it.
        self._create_tickets(engineers=self.engineer_a, difficulty=self.level_hard)
        self._as(self.engineer_a_user).action_acknowledge()
        # P = 34.5 + 1.5 = 36; 60 x 36 / 40 = 54; 54 + 14 + 8 + 10 = 86.
        self.assertAlmostEqual(self.appraisal.earned_points, 36)
        self.assertAlmostEqual(self.appraisal.total_score, 86)

    def test_done_numbers_are_frozen(self):
        self._approve(self.appraisal)
        appraisal_b = self._appraisal_of(self.engineer_b)
        self._create_tickets(
            engineers=self.engineer_a | self.engineer_b, difficulty=self.level_hard
        )
        self._callbacks(self.orders_a[3:5], "dissatisfied")
        self.env.company.write(
            {"appraisal_customer_max": 30, "appraisal_dissatisfied_deduction": 5}
        )
        self._generate()
        self.appraisal._refresh_scores()
        self.assertAlmostEqual(self.appraisal.earned_points, 34.5)
        self.assertAlmostEqual(self.appraisal.total_score, 83.75)
        self.assertEqual(self.appraisal.dissatisfied_count, 3)
        # The explanation keeps the settings the numbers were computed with.
        self.assertEqual(self.appraisal.customer_explanation, "max(0, 20 - 2 x 3) = 14")
        # B's draft counts the new order: 4.5 + 0.75 = 5.25 -> 60 x 0.13125,
        # and the new settings: 30 - 5 x 0 = 30.
        self.assertAlmostEqual(appraisal_b.earned_points, 5.25)
        self.assertAlmostEqual(appraisal_b.workload_score, 7.875)
        self.assertEqual(appraisal_b.customer_explanation, "max(0, 30 - 5 x 0) = 30")

    def test_nightly_refresh_follows_late_facts_until_done(self):
        appraisal_b = self._appraisal_of(self.engineer_b)
        self._approve(self.appraisal)
        # A late October order of A and B, reviewed after the appraisals.
        self._create_tickets(
            engineers=self.engineer_a | self.engineer_b, difficulty=self.level_hard
        )
        self.env["helpdesk.engineer.appraisal"]._cron_refresh_open_appraisals()
        # B's open appraisal: 4.5 + 0.75 = 5.25; A's done one stays 34.5.
        self.assertAlmostEqual(appraisal_b.earned_points, 5.25)
        self.assertAlmostEqual(self.appraisal.earned_points, 34.5)
        self.assertAlmostEqual(self.appraisal.total_score, 83.75)

    def test_done_appraisal_is_read_only(self):
        self._approve(self.appraisal)
        with self.assertRaisesText(UserError, "read-only"):
            self._as(self.manager_user).write({"supervisor_comment": "Later"})
        with self.assertRaisesText(UserError, "read-only"):
            self._as(self.engineer_a_user).write({"employee_comment": "Later"})
        with self.assertRaisesText(UserError, "cannot be deleted"):
            self._as(self.manager_user).unlink()
        self.assertFalse(self.appraisal.supervisor_comment)
        self.assertFalse(self.appraisal.employee_comment)

    def test_appeal_sends_back_to_review(self):
        self._to_review()
        self._as(self.supervisor_user).action_review()
        with self.assertRaisesText(UserError, "reason of your appeal"):
            self._as(self.engineer_a_user).action_appeal()
        self.assertFalse(self.appraisal.is_appealed)
        self._as(self.engineer_a_user).write(
            {"appeal_reason": "Two orders were reviewed after closing"}
        )
        with self.assertRaisesText(AccessError, "Only the appraised engineer"):
            self._as(self.supervisor_user).action_appeal()
        self._as(self.engineer_a_user).action_appeal()
        self.assertEqual(self.appraisal.state, "review")
        self.assertTrue(self.appraisal.is_appealed)
        self.assertTrue(
            any(
                "Appeal: Two orders were reviewed after closing" in body
                for body in self._messages()
            )
        )
        self.assertEqual(self._todo_users(), self.supervisor_user)

    def test_no_appeal_of_a_draft_or_done_appraisal(self):
        # A draft is not even shown to the engineer (issue 10: drafts are
        # invisible until sent), so it cannot be appealed.
        with self.assertRaises(AccessError):
            self._as(self.engineer_a_user).write({"appeal_reason": "Too low"})
        with self.assertRaises(AccessError):
            self._as(self.engineer_a_user).action_appeal()
        self._as(self.supervisor_user).action_send_to_engineer()
        self._as(self.engineer_a_user).write({"appeal_reason": "Too low"})
        self._approve(self.appraisal)
        with self.assertRaisesText(UserError, "before it is done"):
            self._as(self.engineer_a_user).action_appeal()
        self.assertEqual(self.appraisal.state, "done")
        self.assertFalse(self.appraisal.is_appealed)

    def test_reopen_by_a_manager_with_a_reason(self):
        self._approve(self.appraisal)
        with self.assertRaisesText(UserError, "reason to reopen"):
            self._as(self.manager_user).action_reopen()
        with self.assertRaisesText(AccessError, "appraisal manager"):
            self._as(self.supervisor_user).write({"reopen_reason": "Wrong"})
        with self.assertRaisesText(AccessError, "Only a Manager"):
            self._as(self.supervisor_user).action_reopen()
        self.assertEqual(self.appraisal.state, "done")
        # A late order was found: reopened, the appraisal counts it again.
        self._create_tickets(engineers=self.engineer_a, difficulty=self.level_hard)
        self._as(self.manager_user).write({"reopen_reason": "Late review"})
        self._as(self.manager_user).action_reopen()
        self.assertEqual(self.appraisal.state, "review")
        self.assertFalse(self.appraisal.reopen_reason)
        self.assertTrue(
            any("Reopened: Late review" in body for body in self._messages())
        )
        self.assertAlmostEqual(self.appraisal.earned_points, 36)
        self.assertEqual(self._todo_users(), self.supervisor_user)

    def test_refresh_by_hand(self):
        self._create_tickets(engineers=self.engineer_a, difficulty=self.level_hard)
        with self.assertRaisesText(AccessError, "Only a supervisor"):
            self._as(self.engineer_a_user).action_refresh()
        self.assertAlmostEqual(self.appraisal.earned_points, 34.5)
        self._as(self.supervisor_user).action_refresh()
        self.assertAlmostEqual(self.appraisal.earned_points, 36)
        self.assertEqual(self.appraisal.state, "draft")

    def test_engineer_cannot_reopen(self):
        self._approve(self.appraisal)
        with self.assertRaisesText(AccessError, "appraisal manager"):
            self._as(self.engineer_a_user).write({"reopen_reason": "Unfair"})
        with self.assertRaisesText(AccessError, "Only a Manager"):
            self._as(self.engineer_a_user).action_reopen()
        self.assertEqual(self.appraisal.state, "done")

    def test_actions_on_several_appraisals(self):
        team = self.appraisal | self._appraisal_of(self.engineer_b)
        team.with_user(self.supervisor_user).action_send_to_engineer()
        self.assertEqual(set(team.mapped("state")), {"self_assessment"})
        self.assertEqual(
            team.activity_ids.user_id, self.engineer_a_user | self.engineer_b_user
        )
        # A cannot acknowledge B's appraisal along with their own.
        with self.assertRaises(AccessError):
            team.with_user(self.engineer_a_user).action_acknowledge()
        self.assertEqual(set(team.mapped("state")), {"self_assessment"})
