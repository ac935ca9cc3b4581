# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.tests import HttpCase, tagged

from .appraisal_common import MonthlyAppraisalCommon
from .common import AppraisalCommon


@tagged("post_install", "-at_install")
class TestMonthTours(AppraisalCommon, HttpCase):
    """My Month and the Team board in the browser, on the current month:
    A closed 3 standard orders alone and a very hard one with B (and the
    intern) today, has one dissatisfied callback and one open order self-rated and
    waiting for review."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        now = fields.Datetime.now()
        alone = cls._create_tickets(
            count=3,
            engineers=cls.engineer_a,
            difficulty=cls.level_standard,
            closed_at=now,
        )
        cls._create_tickets(
            engineers=cls.engineer_a | cls.engineer_b,
            interns=cls.intern,
            difficulty=cls.level_very_hard,
            closed_at=now,
        )
        cls.env["helpdesk.ticket.callback"].create(
            {"ticket_id": alone[0].id, "result": "dissatisfied", "call_date": now}
        )
        waiting = cls._create_tickets(engineers=cls.engineer_a, closed_at=None)
        waiting.sudo().self_difficulty_id = cls.level_hard

    def test_engineer_follows_the_month(self):
        Month = self.env["helpdesk.engineer.month"]
        row = Month.search([("employee_id", "=", self.engineer_a.id)])
        # P = 3 x 1.0 + 2.0 / 2 = 4; 60 x 4 / 40 = 6; customer 20 - 2 = 18;
        # 6 + 18 + 10 + 10 = 44.
        self.assertEqual(row.earned_points, 4.0)
        self.assertEqual(row.workload_score, 6.0)
        self.assertEqual(row.total_score, 44.0)
        self.start_tour(
            "/odoo", "helpdesk_engineer_appraisal_my_month_tour", login="engineer_a"
        )

    def test_supervisor_follows_the_team(self):
        # A: 4 points; B: 2.0 / 2 = 1 point.
        self.start_tour(
            "/odoo",
            "helpdesk_engineer_appraisal_team_board_tour",
            login="appraisal_supervisor",
        )


@tagged("post_install", "-at_install")
class TestPhoneTour(MonthlyAppraisalCommon, HttpCase):
    """An engineer acknowledges their appraisal on a 400 px wide phone."""

    browser_size = "400x800"

    def test_engineer_acknowledges_on_a_phone(self):
        appraisal = self._generate(employees=self.engineer_a)
        appraisal.with_user(self.supervisor_user).action_send_to_engineer()
        self.start_tour(
            f"/odoo/helpdesk.engineer.appraisal/{appraisal.id}",
            "helpdesk_engineer_appraisal_phone_acknowledge_tour",
            login="engineer_a",
        )
        self.assertEqual(appraisal.state, "review")
        self.assertEqual(appraisal.total_score, 83.75)


@tagged("post_install", "-at_install")
class TestReviewQueueTour(AppraisalCommon, HttpCase):
    def test_supervisor_sets_the_final_difficulty_in_the_list(self):
        order = self._create_tickets(
            engineers=self.engineer_a | self.engineer_b,
            work_logs=self.engineer_a,
        )
        order.sudo().write(
            {"name": "Boiler check", "self_difficulty_id": self.level_hard.id}
        )
        self.start_tour(
            "/odoo",
            "helpdesk_engineer_appraisal_review_queue_tour",
            login="appraisal_supervisor",
        )
        self.assertEqual(order.difficulty_id, self.level_standard)
        self.assertEqual(order.reviewer_id, self.supervisor_user)
        # 1.0 / 2 for A, who logged work; B earns nothing without a work log.
        self.assertEqual(self._credit(order, self.engineer_a).points, 0.5)
        self.assertEqual(self._credit(order, self.engineer_b).points, 0.0)
