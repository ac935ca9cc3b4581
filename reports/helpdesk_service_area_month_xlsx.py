# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class HelpdeskServiceAreaMonthXlsx(models.AbstractModel):
    """The selected rows of the area ranking, by month then rank."""

    _name = "report.helpdesk_engineer_appraisal.area_ranking_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Area Ranking XLSX Export"

    def generate_xlsx_report(self, workbook, data, rankings):
        _ = self.env._
        header_format = workbook.add_format(
            {"bold": True, "bg_color": "#D9D9D9", "border": 1, "text_wrap": True}
        )
        rate_format = workbook.add_format({"num_format": "0.00%"})
        score_format = workbook.add_format({"num_format": "0.00"})

        sheet = workbook.add_worksheet(_("Area Ranking")[:31])
        headers = [
            _("Month"),
            _("Rank"),
            _("Service Area"),
            _("Leader"),
            _("Due"),
            _("Completed and Confirmed"),
            _("Monthly Completion Rate"),
            _("Standard Workload"),
            _("Area Score"),
        ]
        for column, header in enumerate(headers):
            sheet.write(0, column, header, header_format)
        sheet.set_row(0, 30)
        sheet.set_column(2, 3, 22)
        sheet.set_column(4, 8, 12)
        sheet.freeze_panes(1, 0)

        ordered = rankings.sorted(lambda ranking: (ranking.month, ranking.rank))
        for row, ranking in enumerate(ordered, start=1):
            sheet.write(row, 0, ranking.month.strftime("%Y-%m"))
            sheet.write_number(row, 1, ranking.rank)
            sheet.write(row, 2, ranking.area_id.name)
            sheet.write(row, 3, ranking.leader_id.name or "")
            sheet.write_number(row, 4, ranking.due_count)
            sheet.write_number(row, 5, ranking.confirmed_count)
            sheet.write_number(row, 6, ranking.rate, rate_format)
            sheet.write_number(row, 7, ranking.standard_workload, score_format)
            sheet.write_number(row, 8, ranking.score, score_format)
