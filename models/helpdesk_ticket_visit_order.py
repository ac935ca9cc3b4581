# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..const import ENGINEER_GROUP, SUPERVISOR_GROUP


class HelpdeskTicket(models.Model):
    """Visits of a service order: the appointment, the engineers' check-in
    and check-out on site."""

    _inherit = "helpdesk.ticket"

    appointment_datetime = fields.Datetime(
        string="Appointment",
        tracking=True,
        copy=False,
        help="Date and time agreed with the customer for the visit on site. "
        "The engineers' arrival is measured from it, else from the first "
        "assignment of the order.",
    )
    visit_ids = fields.One2many(
        comodel_name="helpdesk.ticket.visit",
        inverse_name="ticket_id",
        string="Visits",
        readonly=True,
        groups=ENGINEER_GROUP,
    )
    my_open_visit_id = fields.Many2one(
        comodel_name="helpdesk.ticket.visit",
        compute="_compute_my_visit",
        groups=ENGINEER_GROUP,
    )
    can_check_in = fields.Boolean(
        compute="_compute_my_visit",
        groups=ENGINEER_GROUP,
    )

    @api.depends_context("uid")
    @api.depends("participant_ids.employee_id", "visit_ids.check_out")
    def _compute_my_visit(self):
        own = self.env.user.employee_ids
        for ticket in self:
            mine = ticket.participant_ids.employee_id & own
            open_visit = ticket.visit_ids.filtered(
                lambda v, mine=mine: v.employee_id in mine and not v.check_out
            )[:1]
            ticket.my_open_visit_id = open_visit
            ticket.can_check_in = bool(mine) and not open_visit

    def action_check_in(self, latitude=None, longitude=None):
        """Check in on site on this order, now, with the browser's position
        when it gave one."""
        self.ensure_one()
        employee = self.participant_ids.employee_id & self.env.user.employee_ids
        if not employee:
            raise UserError(
                self.env._(
                    "You do not take part in order %(order)s: only its engineers "
                    "check in on it.",
                    order=self.display_name,
                )
            )
        vals = {"ticket_id": self.id, "employee_id": employee[0].id}
        if latitude is not None and longitude is not None:
            vals.update(latitude=latitude, longitude=longitude)
        self.env["helpdesk.ticket.visit"].create(vals)
        return True

    def action_check_out(self):
        """Check out of one's open visit on this order, now."""
        self.ensure_one()
        if not self.my_open_visit_id:
            raise UserError(
                self.env._(
                    "You are not checked in on order %(order)s.",
                    order=self.display_name,
                )
            )
        return self.my_open_visit_id.action_check_out()

    def _arrival_reference_date(self):
        """What the engineers' arrival is measured from: the appointment,
        else the first assignment of the order."""
        self.ensure_one()
        # helpdesk_mgmt's assigned_date is the latest assignment: the first
        # one is the module's.
        return self.appointment_datetime or self.first_assigned_date

    def write(self, vals):
        if "appointment_datetime" not in vals:
            return super().write(vals)
        self._check_can_move_appointment()
        # The appointment it leaves and the one it moves to.
        self._check_appointment_lock()
        res = super().write(vals)
        self._check_appointment_lock()
        return res

    def _check_can_move_appointment(self):
        """The arrival of an order's engineers is measured from its
        appointment: once one checked in, only a supervisor moves it."""
        if self.env.su or self.env.user.has_group(SUPERVISOR_GROUP):
            return
        # Whoever writes the order, its visits decide.
        visited = self.sudo().filtered("visit_ids")
        if visited:
            raise AccessError(
                self.env._(
                    "An engineer already checked in on order %(order)s: only a "
                    "supervisor can move its appointment.",
                    order=visited[0].display_name,
                )
            )

    def _check_appointment_lock(self):
        """The arrivals measured from an appointment count in the months of
        the engineers' first check-ins (or on-site work logs): an appointment
        of a locked month, or of an order visited in one, does not move."""
        if self.env.su or not self:
            return
        # sudo: whoever moves the appointment, the visits and on-site work
        # logs of the order decide; only their days are compared.
        tickets = self.sudo()
        if not tickets.company_id._appraisal_lock_active():
            return
        days = []
        for ticket in tickets:
            onsite = ticket.timesheet_ids.filtered("appraisal_onsite")
            days += [
                (ticket, ticket.company_id, day)
                for day in (
                    ticket.appointment_datetime,
                    *ticket.visit_ids.mapped("check_in"),
                    *onsite.mapped("date_time"),
                )
            ]
        self.env["res.company"]._check_appraisal_lock(
            days, self.env._("Appointment of order")
        )
