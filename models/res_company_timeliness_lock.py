# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResCompany(models.Model):
    """Locking a month freezes the response and handling times of its orders
    (measured in the company's calendar, against its targets): a later edit
    of the calendar or of the targets leaves the locked month as it was.
    Moving the lock date back thaws them."""

    _inherit = "res.company"

    def _write_appraisal_lock_date(self, lock_date):
        previous = {company: company.appraisal_lock_date for company in self}
        res = super()._write_appraisal_lock_date(lock_date)
        Ticket = self.env["helpdesk.ticket"]
        for company, old in previous.items():
            if lock_date and (not old or old < lock_date):
                Ticket._freeze_working_times(company, old, lock_date)
            elif old and (not lock_date or lock_date < old):
                Ticket._freeze_working_times(company, lock_date, old, freeze=False)
        return res
