# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

# What makes the credits of an order: changing any of them on an order whose
# credits lie in a locked month would change a locked appraisal.
SCORING_FIELDS = frozenset(
    (
        "stage_id",
        "closed_date",
        "appraisal_closed_day",
        "difficulty_id",
        "duplicate_id",
        "participant_ids",
        "user_id",
        "timesheet_ids",
        "company_id",
    )
)
# What puts an order on an area's day: its planned day in a locked month
# is part of a locked daily completion rate.
AREA_FIELDS = frozenset(("planned_date", "service_area_id", "partner_id"))


class HelpdeskTicket(models.Model):
    """The appraisal lock date on service orders (their credits and their
    area days). Kept apart from the order's own rules: it only refuses."""

    _inherit = "helpdesk.ticket"

    @api.model_create_multi
    def create(self, vals_list):
        tickets = super().create(vals_list)
        tickets._check_appraisal_lock(scores=True, area=True)
        return tickets

    def write(self, vals):
        scores = bool(SCORING_FIELDS & vals.keys())
        area = bool(AREA_FIELDS & vals.keys())
        # The month the order leaves and the month it moves to.
        self._check_appraisal_lock(scores, area)
        res = super().write(vals)
        self._check_appraisal_lock(scores, area)
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        self._check_appraisal_lock(scores=True, area=True)

    def _check_appraisal_lock(self, scores, area):
        """Refuse the change when the order's credits (its closing month, in
        the company's appraisal time zone) or its planned day lie in a locked
        period of its company."""
        if self.env.su or not (scores or area) or not self:
            return
        # sudo: the user may write a work log or a participant without
        # reading the order's credits; only their months are compared.
        tickets = self.sudo()
        if not tickets.company_id._appraisal_lock_active():
            return
        days = []
        for ticket in tickets:
            if scores:
                days += [
                    (ticket, ticket.company_id, month)
                    for month in ticket.credit_ids.mapped("month")
                ]
                days += [
                    (ticket, ticket.company_id, ticket.closed_date),
                    (ticket, ticket.company_id, ticket.appraisal_closed_day),
                ]
            if area:
                days.append((ticket, ticket.company_id, ticket.planned_date))
        self.env["res.company"]._check_appraisal_lock(days, self.env._("Service order"))
