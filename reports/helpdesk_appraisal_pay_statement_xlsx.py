# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class HelpdeskAppraisalPayStatementXlsx(models.AbstractModel):
    """The statements for payroll: one row per employee and period, one
    column per term (in the order of the plans' terms), then the total."""

    _name = "report.helpdesk_engineer_appraisal.pay_statement_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Pay Statement XLSX Export"

    def generate_xlsx_report(self, workbook, data, statements):
        _ = self.env._
        header_format = workbook.add_format(
            {"bold": True, "bg_color": "#D9D9D9", "border": 1, "text_wrap": True}
        )
        money_format = workbook.add_format({"num_format": "#,##0.00"})
        terms = []
        for line in statements.line_ids.sorted(
            lambda line: (line.plan_line_id.sequence, line.plan_line_id.id, line.id)
        ):
            if line.name not in terms:
                terms.append(line.name)
        headers = [_("Employee"), _("Department"), _("Period"), _("Pay Plan")]
        sheet = workbook.add_worksheet(_("Pay Statements")[:31])
        for column, header in enumerate([*headers, *terms, _("Total")]):
            sheet.write(0, column, header, header_format)
        sheet.freeze_panes(1, 1)
        ordered = statements.sorted(
            lambda st: (st.month, st.plan_id.name, st.employee_id.name)
        )
        for row, statement in enumerate(ordered, start=1):
            values = [
                statement.employee_id.name,
                statement.department_id.name or "",
                statement.period_label,
                statement.plan_id.name,
            ]
            for column, value in enumerate(values):
                sheet.write(row, column, value)
            amounts = {}
            for line in statement.line_ids:
                amounts[line.name] = amounts.get(line.name, 0.0) + line.amount
            for index, term in enumerate(terms):
                if term in amounts:
                    sheet.write_number(
                        row, len(headers) + index, amounts[term], money_format
                    )
            sheet.write_number(
                row, len(headers) + len(terms), statement.total, money_format
            )
        sheet.set_column(0, 3, 18)
        sheet.set_column(len(headers), len(headers) + len(terms), 14)
