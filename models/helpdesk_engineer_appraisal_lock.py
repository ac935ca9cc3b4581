# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class HelpdeskEngineerAppraisal(models.Model):
    """The approval of the last appraisal of a month locks the month."""

    _inherit = "helpdesk.engineer.appraisal"

    def action_approve(self):
        res = super().action_approve()
        self.company_id._appraisal_auto_lock()
        return res
