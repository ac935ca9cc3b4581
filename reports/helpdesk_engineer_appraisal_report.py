# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ReportEngineerAppraisal(models.AbstractModel):
    """Values of the printable appraisal: the facts each month counted.

    A done appraisal prints the facts it kept when it was done, so the detail
    always adds up to its frozen scores; the others print the live facts.
    """

    _name = "report.helpdesk_engineer_appraisal.report_engineer_appraisal"
    _description = "Printable Engineer Appraisal"

    @api.model
    def _get_report_values(self, docids, data=None):
        appraisals = self.env["helpdesk.engineer.appraisal"].browse(docids)
        fact_model = self.env["helpdesk.engineer.appraisal.fact"]
        return {
            "doc_ids": docids,
            "doc_model": "helpdesk.engineer.appraisal",
            "docs": appraisals,
            "fact_rows": fact_model._rows_by_appraisal(appraisals),
            "fact_kinds": dict(fact_model._kind_selection()),
        }
