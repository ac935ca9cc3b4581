# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HelpdeskTicketCallback(models.Model):
    _name = "helpdesk.ticket.callback"
    _description = "Service Order Callback"

    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        required=True,
        ondelete="cascade",
        index=True,
    )
    call_date = fields.Datetime(
        required=True,
        default=fields.Datetime.now,
    )
    work_confirmed = fields.Boolean(
        string="Work completed (confirmed by the customer)",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        default=lambda self: self.env.company,
    )
