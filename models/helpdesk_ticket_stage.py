# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class HelpdeskTicketStage(models.Model):
    _inherit = "helpdesk.ticket.stage"

    counts_as_completed = fields.Boolean(
        compute="_compute_counts_as_completed",
        store=True,
        readonly=False,
        help="Orders closed in this stage are completed: they earn their "
        "engineers points and count as completed for their area. A closed "
        "stage such as Cancelled or Rejected ends the order without "
        "completing it.",
    )

    @api.depends("closed")
    def _compute_counts_as_completed(self):
        # By default a closed stage completes the order; the shipped
        # Cancelled and Rejected stages are set otherwise in the data.
        for stage in self:
            stage.counts_as_completed = stage.closed
