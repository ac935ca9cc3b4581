# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The depot-repair piece rate (004-F) reaching the pay statements."""

from odoo import Command

from .pay_common import OCTOBER, PayCommon
from .test_piece_rate import PieceRateCommon


class TestPayPieceRate(PieceRateCommon, PayCommon):
    """Crew "Depot 1" (A engineer, B assistant; 150 QA-passed units in
    October, X1 = 96 %) paid by a plan with one piece-rate term; A and B have
    a performance base of 1500 each."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.piece_plan = cls.env["helpdesk.appraisal.pay.plan"].create(
            {
                "name": "Depot repairs",
                "template_id": cls.template.id,
                "employee_ids": [Command.set((cls.engineer_a | cls.engineer_b).ids)],
                "line_ids": [Command.create({"name": "Piece", "kind": "piece_rate"})],
            }
        )

    def _pay(self):
        statements = self._statements(self.piece_plan, OCTOBER)
        return [
            self._of(statements, employee).line_ids.amount
            for employee in (self.engineer_a, self.engineer_b)
        ]

    def test_approved_month_above_quota_is_paid(self):
        """18 units over quota x 35 = 630: A 60 % = 378, B 40 % = 252; a
        draft crew month pays nothing yet."""
        month = self._month()
        self.assertEqual(self._pay(), [0.0, 0.0])
        month.with_user(self.manager_user).action_approve()
        self.assertEqual(self._pay(), [378.0, 252.0])

    def test_below_quota_deducts(self):
        """120 units: 12 missing x 25 = 300 deducted: A -180, B -120."""
        self._fail(30)
        self._month().with_user(self.manager_user).action_approve()
        self.assertEqual(self._pay(), [-180.0, -120.0])

    def test_too_few_returns_pays_a_share_of_each_base(self):
        """120 units, flagged, X1 = 100 %: 10 % of each member's own base of
        1500 = 150 each, not split."""
        self._fail(30)
        self._set_on_time(20)
        self._month(
            too_few_returns=True, too_few_returns_reason="Few units returned"
        ).with_user(self.manager_user).action_approve()
        self.assertEqual(self._pay(), [150.0, 150.0])
