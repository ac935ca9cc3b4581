# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from .. import scoring


class AccountAnalyticLine(models.Model):
    """The first work log on an order is its first response, when the
    company counts work logs as responses."""

    _inherit = "account.analytic.line"

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        for user, user_lines in lines.filtered("ticket_id").grouped("user_id").items():
            user_lines.ticket_id._record_first_response(scoring.RESPONSE_WORK_LOG, user)
        return lines
