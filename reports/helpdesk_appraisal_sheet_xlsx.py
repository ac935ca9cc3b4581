# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class HelpdeskAppraisalSheetXlsx(models.AbstractModel):
    """The KPI sheets side by side: one row per sheet, one column per line's
    points (the lines of every template selected, by label, in the order of
    their templates), then the total and the grade."""

    _name = "report.helpdesk_engineer_appraisal.appraisal_sheet_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "KPI Sheet XLSX Export"

    def generate_xlsx_report(self, workbook, data, sheets):
        _ = self.env._
        header_format = workbook.add_format(
            {"bold": True, "bg_color": "#D9D9D9", "border": 1, "text_wrap": True}
        )
        number_format = workbook.add_format({"num_format": "0.00"})

        rows = sheets.sorted(
            lambda s: (s.template_id.name, s.month, -s.total_score, s.employee_id.name)
        )
        # A line label is one column, whichever templates share it.
        labels = []
        for line in rows.line_ids.sorted(
            lambda line: (line.template_id.name, line.sequence)
        ):
            if line.name not in labels:
                labels.append(line.name)
        headers = [
            _("Employee"),
            _("Department"),
            _("Template"),
            _("Period"),
            *labels,
            _("Total"),
            _("Grade"),
        ]
        worksheet = workbook.add_worksheet(_("KPI Sheets")[:31])
        for column, header in enumerate(headers):
            worksheet.write(0, column, header, header_format)
        worksheet.set_row(0, 30)
        worksheet.set_column(0, 2, 22)
        worksheet.set_column(3, len(headers) - 1, 12)
        worksheet.freeze_panes(1, 1)
        first_line_column = 4
        total_column = first_line_column + len(labels)
        for row, sheet in enumerate(rows, 1):
            worksheet.write(row, 0, sheet.employee_id.name)
            worksheet.write(row, 1, sheet.department_id.name or "")
            worksheet.write(row, 2, sheet.template_id.name)
            worksheet.write(row, 3, sheet.period_label)
            for line in sheet.line_ids:
                worksheet.write_number(
                    row,
                    first_line_column + labels.index(line.name),
                    line.points,
                    number_format,
                )
            worksheet.write_number(row, total_column, sheet.total_score, number_format)
            worksheet.write(row, total_column + 1, sheet.grade_id.name or "")
