# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import AppraisalCommon


@tagged("post_install", "-at_install")
class TestScoringTour(AppraisalCommon, HttpCase):
    def test_engineer_self_rates_and_supervisor_reviews(self):
        ticket = self._create_tickets(engineers=self.engineer_a)
        url = f"/odoo/helpdesk.ticket/{ticket.id}"
        self.start_tour(
            url, "helpdesk_engineer_appraisal_self_rate_tour", login="engineer_a"
        )
        self.assertEqual(ticket.rating_state, "self_rated")
        self.assertEqual(ticket.self_difficulty_id, self.level_hard)
        self.start_tour(
            url, "helpdesk_engineer_appraisal_review_tour", login="appraisal_supervisor"
        )
        self.assertEqual(ticket.rating_state, "reviewed")
        self.assertEqual(ticket.credit_ids.points, 1.5)
