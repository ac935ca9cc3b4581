# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..const import INTERN_EMPLOYEE_TYPES
from ..scoring import ROLE_ENGINEER, ROLE_INTERN


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

    @api.constrains("employee_id", "ticket_id")
    def _check_not_reviewer(self):
        """Whoever reviewed an order does not join it afterwards: nobody
        reviews what counts for themselves (reset the review first)."""
        # The employee's user is HR data; only compared here.
        for participant in self.sudo():
            reviewer = participant.ticket_id.reviewer_id
            if reviewer and participant.employee_id.user_id == reviewer:
                raise ValidationError(
                    self.env._(
                        "%(employee)s reviewed order %(order)s and cannot take "
                        "part in it: reset the review first.",
                        employee=participant.employee_id.name,
                        order=participant.ticket_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        participants = super().create(vals_list)
        # Checked on the written participants: a refusal rolls it all back.
        participants.ticket_id._check_supervised()
        # Credit lines are system-maintained: nobody creates them by hand.
        self.env["helpdesk.ticket.credit"].sudo().create(
            [{"participant_id": participant.id} for participant in participants]
        )
        if not self.env.su:
            participants._log_on_reviewed_orders(self.env._("joined the order"))
        return participants

    def write(self, vals):
        if self.env.su:
            return super().write(vals)
        before = self.ticket_id
        before._check_supervised()
        roles = {participant: participant.role for participant in self}
        res = super().write(vals)
        (before | self.ticket_id)._check_supervised()
        changed = self.filtered(lambda p: p.role != roles[p])
        for role, participants in changed.grouped("role").items():
            participants._log_on_reviewed_orders(
                self.env._(
                    "now takes part as %(role)s",
                    role=dict(self._fields["role"]._description_selection(self.env))[
                        role
                    ],
                )
            )
        if {"employee_id", "ticket_id"} & vals.keys():
            self._log_on_reviewed_orders(self.env._("joined the order"))
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_check_supervised(self):
        self.ticket_id._check_supervised()
        if not self.env.su:
            self._log_on_reviewed_orders(self.env._("left the order"))

    def _log_on_reviewed_orders(self, what):
        """Log in the chatter of the reviewed orders that these participants
        joined, left or changed role: the split of reviewed points moves."""
        bodies = {}
        for participant in self.filtered("ticket_id.difficulty_id"):
            line = self.env._(
                "%(employee)s %(what)s: the points of the reviewed order are "
                "split again.",
                employee=participant.employee_id.name,
                what=what,
            )
            ticket = participant.ticket_id
            bodies[ticket] = f"{bodies[ticket]} {line}" if ticket in bodies else line
        self.env["helpdesk.ticket"]._log_scoring_change(bodies)
