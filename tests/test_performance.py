# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .common import AppraisalCommon


class TestPerformance(AppraisalCommon):
    """Credit lines are recomputed in one batch: the queries that read the
    orders, participants and work logs do not depend on how many orders
    changed. Only the ORM's flush splits its UPDATEs in chunks of 100 rows."""

    def _review_and_close(self, tickets):
        tickets.write({"difficulty_id": self.level_hard.id})
        tickets.write({"stage_id": self.stage_done.id})
        self.env.flush_all()

    def _orders(self, count):
        tickets = self._create_tickets(
            count=count,
            engineers=self.engineer_a | self.engineer_b,
            interns=self.intern,
            closed_at=None,
        ).sudo()
        self.env.flush_all()
        self.env.invalidate_all()
        return tickets

    def test_reads_do_not_grow_with_the_orders(self):
        reads = {}
        for count in (20, 200):
            tickets = self._orders(count)
            with self._capture_reads() as reads[count]:
                self._review_and_close(tickets)
            self.assertAlmostEqual(
                sum(tickets.credit_ids.mapped("points")), 1.5 * count
            )
        self.assertEqual(len(reads[20]), len(reads[200]))

    def test_query_budget_for_200_orders(self):
        tickets = self._orders(200)
        # 11 reads + UPDATEs of 200 orders and 600 credit lines, 100 rows each.
        with self.assertQueryCount(19):
            self._review_and_close(tickets)
        self.assertEqual(len(tickets.credit_ids), 600)
        self.assertAlmostEqual(sum(tickets.credit_ids.mapped("points")), 300.0)
