# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import operator

from xlsxwriter.utility import xl_rowcol_to_cell

from odoo import models

from .. import scoring
from ..const import DEDUCTION_COMPONENTS

# Fill colour of the grade cell: green to red.
GRADE_COLOURS = {
    scoring.GRADE_EXCELLENT: "#C6EFCE",
    scoring.GRADE_GOOD: "#DDEBF7",
    scoring.GRADE_PASS: "#FFFFFF",
    scoring.GRADE_BELOW_STANDARD: "#FFEB9C",
    scoring.GRADE_FAIL: "#FFC7CE",
}


class HelpdeskEngineerAppraisalTeamXlsx(models.AbstractModel):
    """The team's month: one row per appraisal, ranked by total."""

    _name = "report.helpdesk_engineer_appraisal.appraisal_team_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Team Appraisal XLSX Export"

    def _columns(self):
        """(header, field or value getter, number format) of each column."""
        _ = self.env._
        appraisal_fields = self.env["helpdesk.engineer.appraisal"]._fields
        return [
            (_("Engineer"), lambda a: a.employee_id.name, None),
            (_("Department"), lambda a: a.department_id.name or "", None),
            (_("Month"), lambda a: a.month.strftime("%Y-%m"), None),
            (_("Earned Points (P)"), lambda a: a.earned_points, "0.00"),
            (_("Standard Points (S)"), lambda a: a.standard_points, "0.00"),
            (_("Efficiency (E)"), lambda a: a.efficiency, "0.00%"),
            (_("Workload"), lambda a: a.workload_score, "0.00"),
            # Each deduction component under its score's label.
            *(
                (
                    appraisal_fields[component.score_field]._description_string(
                        self.env
                    ),
                    operator.itemgetter(component.score_field),
                    "0.00",
                )
                for component in DEDUCTION_COMPONENTS
            ),
            # Blank for those who lead no area, so the average is the leaders'.
            (
                _("Area Score"),
                lambda a: a.area_score if a.is_area_leader else None,
                "0.00",
            ),
            (_("Total"), lambda a: a.total_score, "0.00"),
        ]

    def generate_xlsx_report(self, workbook, data, appraisals):
        appraisal_fields = appraisals._fields
        grade_labels = dict(appraisal_fields["grade"]._description_selection(self.env))
        header_format = workbook.add_format(
            {"bold": True, "bg_color": "#D9D9D9", "border": 1, "text_wrap": True}
        )
        text_format = workbook.add_format({})
        number_formats = {
            "0.00": workbook.add_format({"num_format": "0.00"}),
            "0.00%": workbook.add_format({"num_format": "0.00%"}),
        }
        average_formats = {
            key: workbook.add_format({"num_format": key, "bold": True, "top": 1})
            for key in number_formats
        }
        average_label_format = workbook.add_format({"bold": True, "top": 1})
        grade_formats = {
            grade: workbook.add_format({"bg_color": colour, "border": 1})
            for grade, colour in GRADE_COLOURS.items()
        }

        sheet = workbook.add_worksheet(self.env._("Team Appraisals")[:31])
        columns = self._columns()
        headers = [header for header, _getter, _format in columns] + [
            self.env._("Grade"),
            self.env._("Rank"),
        ]
        grade_column = len(columns)
        rank_column = grade_column + 1
        for column, header in enumerate(headers):
            sheet.write(0, column, header, header_format)
        sheet.set_row(0, 30)
        sheet.set_column(0, 1, 22)
        sheet.set_column(2, len(headers) - 1, 12)
        sheet.freeze_panes(1, 1)

        # Ranked within each company and month, whatever the selection holds.
        rows = appraisals.sorted(
            lambda a: (a.month, a.company_id.id, -a.total_score, a.employee_id.name)
        )
        ranks = []
        for team_month in rows.grouped(lambda a: (a.month, a.company_id)).values():
            ranks += scoring.competition_ranks(team_month.mapped("total_score"))
        for row, (appraisal, rank) in enumerate(zip(rows, ranks, strict=True), 1):
            for column, (_header, getter, num_format) in enumerate(columns):
                cell_format = number_formats[num_format] if num_format else text_format
                sheet.write(row, column, getter(appraisal), cell_format)
            sheet.write(
                row,
                grade_column,
                grade_labels.get(appraisal.grade, ""),
                grade_formats.get(appraisal.grade, text_format),
            )
            sheet.write_number(row, rank_column, rank)

        if rows:
            # Formulas keep the averages right when people edit the sheet;
            # the value is also stored for readers that do not compute.
            average_row = len(rows) + 1
            sheet.write(average_row, 0, self.env._("Average"), average_label_format)
            for column, (_header, getter, num_format) in enumerate(columns):
                if not num_format:
                    continue
                values = [
                    value
                    for value in (getter(appraisal) for appraisal in rows)
                    if value is not None
                ]
                if not values:
                    continue
                first = xl_rowcol_to_cell(1, column)
                last = xl_rowcol_to_cell(len(rows), column)
                sheet.write_formula(
                    average_row,
                    column,
                    f"=AVERAGE({first}:{last})",
                    average_formats[num_format],
                    sum(values) / len(values),
                )
