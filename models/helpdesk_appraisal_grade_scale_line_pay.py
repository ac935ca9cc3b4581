# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskAppraisalGradeScaleLine(models.Model):
    """What a grade does to the bonus in the 002-E1 redistribution: staff of
    a grade with a deduction lose that part of their bonus, shared equally
    by the staff of the receiving grade. The seed gives no rates (Q5): none
    by default."""

    _inherit = "helpdesk.appraisal.grade.scale.line"

    pay_deduction_percent = fields.Float(
        string="Bonus Deducted (%)",
        help="Part of the bonus that staff of this grade lose to the staff of "
        "the receiving grade (002-E1, pay plan lines Grade Pool).",
    )
    pay_receives_pool = fields.Boolean(
        string="Receives the Deductions",
        help="Staff of this grade share equally what the others lose (002-E1).",
    )

    @api.constrains("pay_deduction_percent", "pay_receives_pool")
    def _check_pay_deduction_percent(self):
        for grade in self:
            if grade.pay_deduction_percent > 100:
                raise ValidationError(
                    self.env._(
                        "A grade cannot lose more than 100 %% of the bonus "
                        "(%(grade)s).",
                        grade=grade.name,
                    )
                )
            if grade.pay_receives_pool and grade.pay_deduction_percent:
                raise ValidationError(
                    self.env._(
                        "Grade %(grade)s cannot both lose part of the bonus and "
                        "receive the deductions.",
                        grade=grade.name,
                    )
                )
