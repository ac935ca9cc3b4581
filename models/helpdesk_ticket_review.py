# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class HelpdeskTicket(models.Model):
    """What the review queue shows of each order: its engineers and which of
    them logged work (an engineer without a work log earns nothing)."""

    _inherit = "helpdesk.ticket"

    engineer_ids = fields.Many2many(
        comodel_name="hr.employee",
        string="Engineers",
        compute="_compute_engineer_work_logs",
        help="The engineers of the order (interns left out).",
    )
    engineer_without_log_ids = fields.Many2many(
        comodel_name="hr.employee",
        string="No Work Log",
        compute="_compute_engineer_work_logs",
        help="Engineers of the order who have not logged work on it: they earn "
        "nothing from it.",
    )

    @api.depends(
        "participant_ids.role",
        "participant_ids.employee_id",
        "timesheet_ids.employee_id",
    )
    def _compute_engineer_work_logs(self):
        # Superuser: supervisors read only their team's work logs; the queue
        # shows whether each engineer of the order logged work at all. One
        # read of participants and one of work logs for the whole list.
        for ticket, su_ticket in zip(self, self.sudo(), strict=True):
            engineers = su_ticket._engineer_participants().employee_id
            ticket.engineer_ids = engineers.ids
            ticket.engineer_without_log_ids = (
                engineers - su_ticket.timesheet_ids.employee_id
            ).ids
