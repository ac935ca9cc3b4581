# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..scoring import ROLE_ENGINEER, ROLE_INTERN

INTERN_EMPLOYEE_TYPES = ("student", "trainee")


class HelpdeskTicketParticipant(models.Model):
    """Who worked on a service order, and in which role.

    Each participant owns exactly one credit line (``helpdesk.ticket.credit``),
    created and deleted with it: participants are visible to everyone who sees
    the ticket, credits only to the engineer and their supervisors.
    """

    _name = "helpdesk.ticket.participant"
    _description = "Service Order Participant"
    _order = "ticket_id, role, id"
    _check_company_auto = True

    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(
        related="ticket_id.company_id",
        store=True,
        index=True,
    )
    employee_id = fields.Many2one(
        comodel_name="hr.employee",
        required=True,
        index=True,
        check_company=True,
        ondelete="restrict",
    )
    role = fields.Selection(
        selection=[(ROLE_ENGINEER, "Engineer"), (ROLE_INTERN, "Intern")],
        required=True,
        compute="_compute_role",
        store=True,
        readonly=False,
        precompute=True,
        help="Interns earn no points; their share goes to the engineers.",
    )

    _sql_constraints = [
        (
            "ticket_employee_unique",
            "UNIQUE(ticket_id, employee_id)",
            "An employee takes part in a service order only once.",
        ),
    ]

    @api.depends("employee_id")
    def _compute_role(self):
        # employee_type is an HR field; reading it only to suggest the role.
        for participant in self.sudo():
            is_intern = participant.employee_id.employee_type in INTERN_EMPLOYEE_TYPES
            participant.role = ROLE_INTERN if is_intern else ROLE_ENGINEER

    @api.model_create_multi
    def create(self, vals_list):
        participants = super().create(vals_list)
        # Credit lines are system-maintained: nobody creates them by hand.
        self.env["helpdesk.ticket.credit"].sudo().create(
            [{"participant_id": participant.id} for participant in participants]
        )
        return participants
