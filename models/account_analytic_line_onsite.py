# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..const import SUPERVISOR_GROUP

# What makes the on-site event of a work log: whose, on which order, when it
# starts (its arrival) and how long it lasts (time on site).
ONSITE_EVENT_FIELDS = frozenset(
    (
        "appraisal_onsite",
        "ticket_id",
        "employee_id",
        "date",
        "date_time",
        "date_time_end",
        "unit_amount",
    )
)


class AccountAnalyticLine(models.Model):
    """A work log flagged on site stands for a visit of its engineer: its
    start counts as their check-in. The flag is a fact of the appraisal like
    a visit: only the log's own engineer or a supervisor sets, moves or
    clears it, and never in a locked month."""

    _inherit = "account.analytic.line"

    appraisal_onsite = fields.Boolean(
        string="On Site",
        help="Work done on the customer's site: on an order without a visit "
        "of its engineer, the start of this work log counts as the check-in.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        onsite = lines.filtered(lambda line: line.appraisal_onsite and line.ticket_id)
        onsite._check_onsite_author()
        onsite._check_onsite_lock()
        return lines

    def write(self, vals):
        if not ONSITE_EVENT_FIELDS & vals.keys():
            return super().write(vals)
        # The on-site events the logs leave and those they make.
        before = self._onsite_lines()
        if "appraisal_onsite" in vals:
            self._check_onsite_author()
        else:
            before._check_onsite_author()
        before._check_onsite_lock()
        res = super().write(vals)
        self._onsite_lines()._check_onsite_lock()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_onsite_locked(self):
        self._onsite_lines()._check_onsite_lock()

    def _onsite_lines(self):
        # sudo: the flag decides, whoever may read the order.
        return self.filtered(
            lambda line: line.appraisal_onsite and line.sudo().ticket_id
        )

    def _check_onsite_author(self):
        """Only the engineer of a work log, or a supervisor, says it was done
        on site: a colleague's flag would give them an arrival."""
        if self.env.su or not self or self.env.user.has_group(SUPERVISOR_GROUP):
            return
        others = self.filtered(
            lambda line: line.employee_id not in self.env.user.employee_ids
        )
        if others:
            raise AccessError(
                self.env._(
                    "Only %(employee)s or a supervisor can flag their work log "
                    "on order %(order)s as done on site, or change it once it "
                    "is: its start counts as their arrival.",
                    employee=others[0].employee_id.name,
                    order=others[0].sudo().ticket_id.display_name,
                )
            )

    def _check_onsite_lock(self):
        """An on-site work log counts in the month of its start, as a visit
        does: in a locked month it is neither flagged, moved nor cleared."""
        self.env["res.company"]._check_appraisal_lock(
            ((line, line.sudo().ticket_id.company_id, line.date_time) for line in self),
            self.env._("On-site work log"),
        )
