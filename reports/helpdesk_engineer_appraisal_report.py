# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


def credits_by_appraisal(appraisals, valid_only):
    """The credits of each appraisal's engineer and month, with one search.

    The search takes every engineer and every month of the selection; pairs
    that belong to no appraisal of the selection are dropped in Python.
    Credits are read with the user's rights: an engineer printing their own
    appraisal sees their own credits.
    """
    domain = [
        ("employee_id", "in", appraisals.employee_id.ids),
        ("period", "in", list(set(appraisals.mapped("period")))),
    ]
    if valid_only:
        domain.append(("is_valid", "=", True))
    credits = appraisals.env["helpdesk.ticket.credit"].search(domain)
    # grouped() keeps the whole search as prefetch set: the orders and
    # customers of every appraisal are read at once.
    grouped = credits.grouped(lambda credit: (credit.employee_id.id, credit.period))
    no_credit = credits.browse()
    return {
        appraisal.id: grouped.get(
            (appraisal.employee_id.id, appraisal.period), no_credit
        )
        for appraisal in appraisals
    }


class ReportEngineerAppraisal(models.AbstractModel):
    """Values of the printable appraisal: the counted orders of each month."""

    _name = "report.helpdesk_engineer_appraisal.report_engineer_appraisal"
    _description = "Printable Engineer Appraisal"

    @api.model
    def _get_report_values(self, docids, data=None):
        appraisals = self.env["helpdesk.engineer.appraisal"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "helpdesk.engineer.appraisal",
            "docs": appraisals,
            "counted_credits": credits_by_appraisal(appraisals, valid_only=True),
        }
