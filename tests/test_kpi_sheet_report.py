# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import subprocess
import unicodedata

from openpyxl import load_workbook
from PyPDF2 import PdfReader

from odoo import Command
from odoo.tests import HttpCase, tagged

from .kpi_common import KpiSheetCommon

SHEET_PDF = "helpdesk_engineer_appraisal.helpdesk_appraisal_sheet_report_action"
SHEET_XLSX = "helpdesk_engineer_appraisal.appraisal_sheet_xlsx"


class KpiSheetReportCommon(KpiSheetCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sheets = cls._generate_sheets()
        cls.sheet_a, cls.sheet_b = (
            cls.sheets.filtered(lambda s, e=employee: s.employee_id == e)
            for employee in (cls.engineer_a, cls.engineer_b)
        )

    def _approve_sheet_a(self):
        attitude = self.sheet_a.line_ids[4]
        self.sheet_a.with_user(self.supervisor_user).action_send()
        attitude.with_user(self.engineer_a_user).self_value = 4
        self.sheet_a.with_user(self.engineer_a_user).action_submit()
        attitude.with_user(self.supervisor_user).supervisor_value = 4
        attitude.with_user(self.supervisor_user).supervisor_note = "Late twice"
        self.sheet_a.with_user(self.supervisor_user).action_review()
        self.sheet_a.with_user(self.manager_user).action_approve()


@tagged("post_install", "-at_install")
class TestKpiSheetPdf(KpiSheetReportCommon, HttpCase):
    """Real PDFs through wkhtmltopdf, read back with pdftotext."""

    def _render_pdf(self, sheets):
        report = self.env["ir.actions.report"].with_context(
            force_report_rendering=True, lang=sheets.env.lang
        )
        content, report_type = report._render_qweb_pdf(SHEET_PDF, sheets.ids)
        self.assertEqual(report_type, "pdf")
        self.assertTrue(content.startswith(b"%PDF"))
        return content

    def _pdf_text(self, content, page=None):
        pages = ["-f", str(page), "-l", str(page)] if page else []
        text = subprocess.run(
            ["pdftotext", "-layout", *pages, "-", "-"],
            input=content,
            capture_output=True,
            check=True,
        ).stdout.decode()
        return unicodedata.normalize("NFKC", text)

    def test_sheet_lines_total_and_grade(self):
        self.sheet_a.sudo().supervisor_comment = "Good month overall."
        content = self._render_pdf(self.sheet_a)
        self.assertEqual(len(PdfReader(io.BytesIO(content)).pages), 1)
        text = self._pdf_text(content)
        for expected in (
            "KPI Sheet",
            "Engineer A",
            "Field engineers",
            "2026-10",
            "DRAFT",
            # Each line's points and formula (wrapped in its cell), with two
            # decimals.
            "51.75",
            "r = 0.8625",
            "20 - 2 x 3 = 14",
            "36 in [30, +∞) -> 5",
            "34.50",
            "40.00",
            # 51.75 + 14 + 4 + 5 + 0.
            "74.75",
            "Pass",
            "Good month overall.",
            "Department Head:",
        ):
            self.assertIn(expected, text)

    def test_done_sheet_has_no_draft_mark(self):
        self._approve_sheet_a()
        text = self._pdf_text(self._render_pdf(self.sheet_a))
        self.assertNotIn("DRAFT", text)
        # 74.75 + 4 for the attitude.
        self.assertIn("78.75", text)

    def test_each_sheet_starts_a_page(self):
        content = self._render_pdf(self.sheet_a | self.sheet_b)
        self.assertEqual(len(PdfReader(io.BytesIO(content)).pages), 2)
        self.assertIn("Engineer A", self._pdf_text(content, page=1))
        second = self._pdf_text(content, page=2)
        self.assertIn("Engineer B", second)
        # 6.75 + 20 + 10 + 0 + 0, fail.
        self.assertIn("36.75", second)
        self.assertIn("Fail", second)

    def test_chinese(self):
        self._load_chinese()
        self.engineer_a.sudo().name = "王工程师"
        self.sheet_a.sudo().supervisor_comment = "本月完成巡检"
        text = self._pdf_text(self._render_pdf(self.sheet_a.with_context(lang="zh_CN")))
        self.assertIn("王工程师", text)
        self.assertIn("本月完成巡检", text)
        self.assertIn("KPI 考核表", text)
        self.assertIn("草稿", text)
        self.assertIn("74.75", text)


class TestKpiSheetXlsx(KpiSheetReportCommon):
    def _export(self, sheets):
        report = self.env[f"report.{SHEET_XLSX}"].with_context(
            active_model="helpdesk.appraisal.sheet", lang=sheets.env.lang
        )
        content, report_type = report.create_xlsx_report(sheets.ids, {})
        self.assertEqual(report_type, "xlsx")
        return load_workbook(io.BytesIO(content)).active

    @staticmethod
    def _rows(worksheet):
        return [list(row) for row in worksheet.iter_rows(values_only=True)]

    def test_one_row_per_sheet_one_column_per_line(self):
        worksheet = self._export(self.sheets)
        self.assertEqual(worksheet.title, "KPI Sheets")
        self.assertEqual(worksheet.freeze_panes, "B2")
        rows = self._rows(worksheet)
        self.assertEqual(
            rows[0],
            [
                "Employee",
                "Department",
                "Template",
                "Period",
                "Workload",
                "Customer evaluation",
                "Work logs",
                "Orders handled",
                "Attitude",
                "Total",
                "Grade",
            ],
        )
        # openpyxl reads an empty cell as None.
        department = self.engineer_a.department_id.name or None
        # Ranked by total: A (74.75, pass) before B (36.75, fail).
        self.assertEqual(
            rows[1],
            [
                "Engineer A",
                department,
                "Field engineers",
                "2026-10",
                51.75,
                14,
                4,
                5,
                0,
                74.75,
                "Pass",
            ],
        )
        self.assertEqual(rows[2][4:], [6.75, 20, 10, 0, 0, 36.75, "Fail"])
        self.assertEqual(len(rows), 3)

    def test_templates_share_the_columns_of_the_same_label(self):
        other = self.env["helpdesk.appraisal.sheet.template"].create(
            {
                "name": "Order takers",
                "employee_ids": [Command.set(self.engineer_b.ids)],
                "line_ids": [
                    Command.create(self._line_values()[0]),
                    Command.create(
                        {
                            "name": "Satisfaction",
                            "metric": "dissatisfied",
                            "rule_kind": "per_unit",
                            "weight": 40,
                            "start": 40,
                            "per_unit": -10,
                        }
                    ),
                ],
            }
        )
        other_b = self._generate_sheets(other)
        rows = self._rows(self._export(self.sheets | other_b))
        self.assertEqual(
            rows[0][4:],
            [
                "Workload",
                "Customer evaluation",
                "Work logs",
                "Orders handled",
                "Attitude",
                "Satisfaction",
                "Total",
                "Grade",
            ],
        )
        # Field engineers first (A, B), then B's other sheet: 6.75 + 40.
        self.assertEqual(rows[3][2], "Order takers")
        self.assertEqual(
            rows[3][4:], [6.75, None, None, None, None, 40, 46.75, "Below Standard"]
        )
        self.assertEqual(rows[1][9], None)

    def test_export_in_chinese(self):
        self._load_chinese()
        rows = self._rows(self._export(self.sheets.with_context(lang="zh_CN")))
        self.assertEqual(rows[0][0], "员工")
        self.assertEqual(rows[0][-2:], ["合计", "等级"])
