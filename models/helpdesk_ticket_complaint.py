# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .helpdesk_ticket import CALLBACK_READERS


class HelpdeskTicket(models.Model):
    """The complaints about an order, from its smart button."""

    _inherit = "helpdesk.ticket"

    # Who reads complaints: call-centre staff and appraisal roles, each as
    # far as the complaints' rules let them (engineers their own).
    complaint_count = fields.Integer(
        compute="_compute_complaint_count",
        groups=CALLBACK_READERS,
    )

    def _compute_complaint_count(self):
        counts = dict(
            self.env["helpdesk.complaint"]._read_group(
                [("ticket_id", "in", self.ids)], ["ticket_id"], ["__count"]
            )
        )
        for ticket in self:
            ticket.complaint_count = counts.get(ticket, 0)

    def action_view_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_engineer_appraisal.helpdesk_complaint_action"
        )
        action["domain"] = [("ticket_id", "=", self.id)]
        action["context"] = {"default_ticket_id": self.id}
        return action
