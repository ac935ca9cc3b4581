# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class HelpdeskEngineerAppraisalCreditsXlsx(models.AbstractModel):
    """The service orders behind the selected appraisals, counted or not."""

    _name = "report.helpdesk_engineer_appraisal.appraisal_credits_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Appraisal Service Orders XLSX Export"

    def generate_xlsx_report(self, workbook, data, appraisals):
        _ = self.env._
        credit_fields = self.env["helpdesk.ticket.credit"]._fields
        reason_labels = dict(
            credit_fields["invalid_reason"]._description_selection(self.env)
        )
        header_format = workbook.add_format(
            {"bold": True, "bg_color": "#D9D9D9", "border": 1}
        )
        share_format = workbook.add_format({"num_format": "0.0000"})
        points_format = workbook.add_format({"num_format": "0.00"})

        sheet = workbook.add_worksheet(_("Appraisal Service Orders")[:31])
        headers = [
            _("Engineer"),
            _("Month"),
            _("Order"),
            _("Customer"),
            _("Final Difficulty"),
            _("Share"),
            _("Points"),
            _("Valid"),
            _("Reason"),
        ]
        for column, header in enumerate(headers):
            sheet.write(0, column, header, header_format)
        sheet.set_column(0, 4, 20)
        sheet.set_column(5, 7, 10)
        sheet.set_column(8, 8, 30)
        sheet.freeze_panes(1, 0)

        credits = appraisals._credits_by_appraisal(valid_only=False)
        row = 0
        for appraisal in appraisals:
            month = appraisal.month.strftime("%Y-%m")
            for credit in credits[appraisal.id]:
                row += 1
                sheet.write(row, 0, appraisal.employee_id.name)
                sheet.write(row, 1, month)
                sheet.write(row, 2, credit.ticket_id.number)
                sheet.write(row, 3, credit.partner_id.name or "")
                sheet.write(row, 4, credit.difficulty_id.name or "")
                sheet.write_number(row, 5, credit.share, share_format)
                sheet.write_number(row, 6, credit.points, points_format)
                sheet.write_boolean(row, 7, credit.is_valid)
                sheet.write(row, 8, reason_labels.get(credit.invalid_reason, ""))
