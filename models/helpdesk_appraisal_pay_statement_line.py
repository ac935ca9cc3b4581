# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .helpdesk_appraisal_pay_plan_line import KIND_SELECTION, SIGNED


class HelpdeskAppraisalPayStatementLine(models.Model):
    """One term of a pay statement: its amount and how it was computed.
    Written only by the statement's computation."""

    _name = "helpdesk.appraisal.pay.statement.line"
    _inherit = ["helpdesk.appraisal.input.mixin"]
    _description = "Pay Statement Term"
    _order = "statement_id, sequence, id"
    _appraisal_bounds = {"amount": SIGNED}

    statement_id = fields.Many2one(
        comodel_name="helpdesk.appraisal.pay.statement",
        required=True,
        index=True,
        ondelete="cascade",
    )
    employee_id = fields.Many2one(
        related="statement_id.employee_id", store=True, index=True
    )
    company_id = fields.Many2one(related="statement_id.company_id", store=True)
    currency_id = fields.Many2one(related="statement_id.currency_id")
    plan_line_id = fields.Many2one(
        comodel_name="helpdesk.appraisal.pay.plan.line",
        string="Plan Term",
        ondelete="set null",
    )
    sequence = fields.Integer()
    name = fields.Char(string="Term")
    kind = fields.Selection(selection=KIND_SELECTION)
    amount = fields.Monetary()
    formula = fields.Char(help="How the amount was computed, with the numbers.")
