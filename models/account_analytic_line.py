# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math

from odoo import api, models
from odoo.exceptions import AccessError, ValidationError

from ..const import SUPERVISOR_GROUP

# What a work log decides of an order's credits: whose it is and whether it
# has time on it.
WORK_LOG_SCORING_FIELDS = ("ticket_id", "employee_id", "unit_amount")


class AccountAnalyticLine(models.Model):
    """Work logs on service orders: an engineer earns an order's points only
    with one (policy P1.5), so once the order is reviewed they change only by a
    supervisor, logged in the order's chatter; those of an order counted in a
    locked month do not change at all."""

    _inherit = "account.analytic.line"

    @api.constrains("unit_amount", "ticket_id")
    def _check_work_log_hours(self):
        for line in self.filtered("ticket_id"):
            if line.unit_amount < 0:
                raise ValidationError(
                    self.env._(
                        "A work log on order %(order)s cannot have negative "
                        "hours (Quantity: %(hours)s).",
                        order=line.ticket_id.display_name,
                        hours=line.unit_amount,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_finite_hours(vals)
        lines = super().create(vals_list)
        lines.ticket_id._check_appraisal_lock(scores=True, area=False)
        lines._log_on_orders(
            lines._check_reviewed_orders(), self.env._("A work log was added")
        )
        return lines

    def write(self, vals):
        self._check_finite_hours(vals)
        # The order the work log leaves and the one it moves to.
        self.ticket_id._check_appraisal_lock(scores=True, area=False)
        if not set(WORK_LOG_SCORING_FIELDS) & vals.keys():
            res = super().write(vals)
            self.ticket_id._check_appraisal_lock(scores=True, area=False)
            return res
        before = self._check_reviewed_orders()
        res = super().write(vals)
        self.ticket_id._check_appraisal_lock(scores=True, area=False)
        self._log_on_orders(
            before | self._check_reviewed_orders(),
            self.env._("A work log was changed"),
        )
        return res

    # Odoo runs the ondelete checks by name: the lock, the stronger reason,
    # is told before the review.
    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        self.ticket_id._check_appraisal_lock(scores=True, area=False)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_reviewed_orders(self):
        self._log_on_orders(
            self._check_reviewed_orders(), self.env._("A work log was deleted")
        )

    def _check_finite_hours(self, vals):
        """NaN or infinite hours would pass every comparison: refused
        before they reach the database."""
        hours = vals.get("unit_amount")
        if isinstance(hours, float) and not math.isfinite(hours):
            raise ValidationError(
                self.env._("The hours (Quantity) of a work log must be a number.")
            )

    def _check_reviewed_orders(self):
        """Work logs of reviewed orders change only by a supervisor of the
        order's engineers. Returns those orders."""
        tickets = self.env["helpdesk.ticket"]
        if self.env.su:
            return tickets
        # The order's review decides, whoever may read the order.
        reviewed = self.sudo().ticket_id.filtered("difficulty_id")
        if not reviewed:
            return tickets
        if not self.env.user.has_group(SUPERVISOR_GROUP):
            raise AccessError(
                self.env._(
                    "Order %(order)s is reviewed: ask a supervisor to reset the "
                    "review before changing its work logs.",
                    order=reviewed[0].display_name,
                )
            )
        reviewed = tickets.browse(reviewed.ids)
        reviewed._check_supervised()
        return reviewed

    def _log_on_orders(self, tickets, what):
        tickets._log_scoring_change(
            {
                ticket: self.env._(
                    "%(what)s by %(user)s: the credits of the reviewed order "
                    "are computed again.",
                    what=what,
                    user=self.env.user.name,
                )
                for ticket in tickets
            }
        )
