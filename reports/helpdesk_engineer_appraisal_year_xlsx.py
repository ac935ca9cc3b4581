# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class HelpdeskEngineerAppraisalYearXlsx(models.AbstractModel):
    """The year at a glance: one row per engineer and year, one column per
    month holding the month's total, and the mean of the appraised months."""

    _name = "report.helpdesk_engineer_appraisal.appraisal_year_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Year Appraisal XLSX Export"

    def generate_xlsx_report(self, workbook, data, appraisals):
        header_format = workbook.add_format(
            {"bold": True, "bg_color": "#D9D9D9", "border": 1}
        )
        score_format = workbook.add_format({"num_format": "0.00"})
        mean_format = workbook.add_format({"num_format": "0.00", "bold": True})

        sheet = workbook.add_worksheet(self.env._("Year Summary")[:31])
        headers = [self.env._("Engineer"), self.env._("Year")]
        headers += [f"{month:02d}" for month in range(1, 13)]
        headers.append(self.env._("Average"))
        for column, header in enumerate(headers):
            sheet.write(0, column, header, header_format)
        sheet.set_column(0, 0, 24)
        sheet.freeze_panes(1, 2)

        totals = {}
        for appraisal in appraisals:
            key = (appraisal.employee_id, appraisal.month.year)
            totals.setdefault(key, {})[appraisal.month.month] = appraisal.total_score
        ordered = sorted(totals, key=lambda key: (key[0].name, key[0].id, key[1]))
        for row, (employee, year) in enumerate(ordered, start=1):
            months = totals[(employee, year)]
            sheet.write(row, 0, employee.name)
            sheet.write_number(row, 1, year)
            for month, total in months.items():
                sheet.write_number(row, 1 + month, total, score_format)
            sheet.write_number(row, 14, sum(months.values()) / len(months), mean_format)
