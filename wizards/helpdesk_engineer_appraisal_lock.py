# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HelpdeskEngineerAppraisalLock(models.TransientModel):
    """An appraisal manager moves the appraisal lock date of a company,
    forward or back (to reopen a locked month), with a reason."""

    _name = "helpdesk.engineer.appraisal.lock"
    _description = "Change the Appraisal Lock Date"
    # The new date lies between 2000-01-01 and today, as every date.
    _inherit = ["helpdesk.appraisal.input.mixin"]

    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
    )
    current_lock_date = fields.Date(
        related="company_id.appraisal_lock_date",
        string="Current Lock Date",
    )
    lock_date = fields.Date(
        string="New Lock Date",
        help="Last day of the last locked month; empty to unlock every month.",
    )
    reason = fields.Text(
        required=True,
        help="Why the lock date moves; logged on the company.",
    )

    def action_apply(self):
        self.ensure_one()
        self.company_id._set_appraisal_lock_date(self.lock_date, self.reason)
        return {"type": "ir.actions.act_window_close"}
