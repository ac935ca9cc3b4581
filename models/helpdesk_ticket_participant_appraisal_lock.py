# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class HelpdeskTicketParticipant(models.Model):
    """The appraisal lock date on participants: who took part in an order
    counted in a locked month, and in which role, stays as it was."""

    _inherit = "helpdesk.ticket.participant"

    @api.model_create_multi
    def create(self, vals_list):
        participants = super().create(vals_list)
        participants.ticket_id._check_appraisal_lock(scores=True, area=False)
        return participants

    def write(self, vals):
        self.ticket_id._check_appraisal_lock(scores=True, area=False)
        res = super().write(vals)
        self.ticket_id._check_appraisal_lock(scores=True, area=False)
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        self.ticket_id._check_appraisal_lock(scores=True, area=False)
