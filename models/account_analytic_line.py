# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class AccountAnalyticLine(models.Model):
    """The appraisal lock date on work logs: a work log on an order makes
    its credit valid, so the work logs of an order counted in a locked month
    stay as they were."""

    _inherit = "account.analytic.line"

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.ticket_id._check_appraisal_lock(scores=True, area=False)
        return lines

    def write(self, vals):
        # The order the work log leaves and the one it moves to.
        self.ticket_id._check_appraisal_lock(scores=True, area=False)
        res = super().write(vals)
        self.ticket_id._check_appraisal_lock(scores=True, area=False)
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        self.ticket_id._check_appraisal_lock(scores=True, area=False)
