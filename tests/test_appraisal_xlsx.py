# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import logging
import time

from openpyxl import load_workbook

from odoo.exceptions import AccessError

from .appraisal_common import MonthlyAppraisalCommon

_logger = logging.getLogger(__name__)

TEAM_XLSX = "helpdesk_engineer_appraisal.appraisal_team_xlsx"
CREDITS_XLSX = "helpdesk_engineer_appraisal.appraisal_credits_xlsx"
YEAR_XLSX = "helpdesk_engineer_appraisal.appraisal_year_xlsx"


class AppraisalXlsxCommon(MonthlyAppraisalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._generate()
        cls.appraisal_a = cls._appraisal_of(cls.engineer_a)
        cls.appraisal_b = cls._appraisal_of(cls.engineer_b)
        cls.appraisal_c = cls._appraisal_of(cls.engineer_c)
        cls.appraisals = cls.appraisal_a | cls.appraisal_b | cls.appraisal_c

    def _export(self, report_name, appraisals):
        # The report speaks the language of the records' environment.
        report = self.env[f"report.{report_name}"].with_context(
            active_model="helpdesk.engineer.appraisal", lang=appraisals.env.lang
        )
        content, report_type = report.create_xlsx_report(appraisals.ids, {})
        self.assertEqual(report_type, "xlsx")
        # data_only: the cached values of the formulas, as Excel shows them.
        return load_workbook(io.BytesIO(content), data_only=True).active

    @staticmethod
    def _rows(sheet):
        return [list(row) for row in sheet.iter_rows(values_only=True)]


class TestTeamXlsx(AppraisalXlsxCommon):
    def test_one_row_per_appraisal_ranked_with_averages(self):
        sheet = self._export(TEAM_XLSX, self.appraisals)
        self.assertEqual(sheet.title, "Team Appraisals")
        self.assertEqual(sheet.freeze_panes, "B2")
        rows = self._rows(sheet)
        self.assertEqual(
            rows[0],
            [
                "Engineer",
                "Department",
                "Month",
                "Earned Points (P)",
                "Standard Points (S)",
                "Efficiency (E)",
                "Workload",
                "Customer Evaluation",
                "Work Log",
                "Service Order",
                "Area Score",
                "Total",
                "Grade",
                "Rank",
            ],
        )
        # Policy example (P5): 51.75 + 14 + 8 + 10 = 83.75, good, first.
        self.assertEqual(
            rows[1],
            ["Engineer A", None, "2026-10", 34.5, 40, 0.8625, 51.75]
            + [14, 8, 10, None, 83.75, "Good", 1],
        )
        # B: 6.75 + 20 + 10 + 10 = 46.75; C has no order: 0 + 20 + 10 + 10 = 40.
        self.assertEqual(rows[2][0], "Engineer B")
        self.assertEqual(rows[2][-3:], [46.75, "Below Standard", 2])
        self.assertEqual(rows[3][0], "Engineer C")
        self.assertEqual(rows[3][-3:], [40, "Below Standard", 3])
        # Averages: P (34.5 + 4.5 + 0) / 3 = 13; total (83.75 + 46.75 + 40) / 3.
        average = rows[4]
        self.assertEqual(average[0], "Average")
        self.assertAlmostEqual(average[3], 13)
        self.assertAlmostEqual(average[11], (83.75 + 46.75 + 40) / 3)
        self.assertEqual(average[12:], [None, None])
        # Nobody leads an area: no area score, and no average of it.
        self.assertIsNone(average[10])
        self.assertEqual(len(rows), 5)

    def test_area_score_average_is_the_leaders(self):
        # C leads an area scoring 6.0; A and B lead none.
        self.appraisal_c._computed_write({"is_area_leader": True, "area_score": 6.0})
        rows = self._rows(self._export(TEAM_XLSX, self.appraisals))
        self.assertEqual([row[10] for row in rows[1:]], [None, None, 6.0, 6.0])

    def test_number_formats_and_grade_colours(self):
        sheet = load_workbook(
            io.BytesIO(
                self.env[f"report.{TEAM_XLSX}"]
                .with_context(active_model="helpdesk.engineer.appraisal")
                .create_xlsx_report(self.appraisals.ids, {})[0]
            )
        ).active
        self.assertEqual(sheet["F2"].number_format, "0.00%")
        self.assertEqual(sheet["L2"].number_format, "0.00")
        self.assertEqual(sheet["L5"].value, "=AVERAGE(L2:L4)")
        # Good is blue, below standard yellow.
        self.assertEqual(sheet["M2"].fill.fgColor.rgb, "FFDDEBF7")
        self.assertEqual(sheet["M3"].fill.fgColor.rgb, "FFFFEB9C")

    def test_equal_totals_share_a_rank(self):
        # Two engineers without orders: 40 each, after A (83.75) and B (46.75).
        twin = self._create_appraisals(["Engineer D"])
        rows = self._rows(self._export(TEAM_XLSX, self.appraisals | twin))
        ranks = {row[0]: row[13] for row in rows[1:-1]}
        self.assertEqual(
            ranks,
            {"Engineer A": 1, "Engineer B": 2, "Engineer C": 3, "Engineer D": 3},
        )

    def test_chinese_engineer_and_headers(self):
        self._load_chinese()
        appraisal = self._create_appraisals(["王工程师"])
        sheet = self._export(TEAM_XLSX, appraisal.with_context(lang="zh_CN"))
        self.assertEqual(sheet.title, "团队考核")
        rows = self._rows(sheet)
        self.assertEqual(rows[0][:3], ["工程师", "部门", "月份"])
        # No credit: 0 + 20 + 10 + 10 = 40, below standard.
        self.assertEqual(rows[1][0], "王工程师")
        self.assertEqual(rows[1][11], 40)
        self.assertEqual(rows[1][12], "待提升")

    def test_each_month_ranked_on_its_own(self):
        november = self._create_appraisals(["Engineer D"], month="2026-11-01")
        rows = self._rows(self._export(TEAM_XLSX, self.appraisals | november))
        self.assertEqual(
            [(row[0], row[2], row[13]) for row in rows[1:-1]],
            [
                ("Engineer A", "2026-10", 1),
                ("Engineer B", "2026-10", 2),
                ("Engineer C", "2026-10", 3),
                ("Engineer D", "2026-11", 1),
            ],
        )

    def test_empty_selection_gives_headers_only(self):
        rows = self._rows(self._export(TEAM_XLSX, self.Appraisal))
        self.assertEqual(len(rows), 1)

    def test_printed_through_the_report_action(self):
        content, report_type = self.env["ir.actions.report"]._render(
            TEAM_XLSX, self.appraisal_a.ids, {}
        )
        self.assertEqual(report_type, "xlsx")
        sheet = load_workbook(io.BytesIO(content), data_only=True).active
        self.assertEqual(sheet["A2"].value, "Engineer A")

    def test_time_of_a_thousand(self):
        appraisals = self._create_appraisals(f"Engineer {n:04d}" for n in range(1000))
        self.env.invalidate_all()
        start = time.perf_counter()
        sheet = self._export(TEAM_XLSX, appraisals)
        elapsed = time.perf_counter() - start
        # Header, 1000 appraisals, averages.
        self.assertEqual(sheet.max_row, 1002)
        _logger.info("Team XLSX of 1000 appraisals exported in %.2f s", elapsed)


class TestCreditsXlsx(AppraisalXlsxCommon):
    def test_orders_of_the_month_with_reasons(self):
        customer = self.env["res.partner"].create({"name": "上海客户"})
        unlogged = self._create_tickets(
            engineers=self.engineer_b, difficulty=self.level_standard, work_logs=()
        )
        unlogged.partner_id = customer
        rows = self._rows(self._export(CREDITS_XLSX, self.appraisal_b))
        self.assertEqual(
            rows[0],
            [
                "Engineer",
                "Month",
                "Order",
                "Customer",
                "Final Difficulty",
                "Share",
                "Points",
                "Valid",
                "Reason",
            ],
        )
        # The 6 shared hard orders: 0.5 of 1.5 -> 0.75 each, plus the order
        # without work log that earns nothing.
        self.assertEqual(len(rows), 8)
        by_order = {row[2]: row for row in rows[1:]}
        for ticket in self.orders_ab:
            self.assertEqual(
                by_order[ticket.number],
                ["Engineer B", "2026-10", ticket.number, None, "Hard", 0.5]
                + [0.75, True, None],
            )
        self.assertEqual(
            by_order[unlogged.number],
            ["Engineer B", "2026-10", unlogged.number, "上海客户", "Standard", 1]
            + [0, False, "No work log on the order"],
        )

    def test_only_the_selected_months_and_engineers(self):
        rows = self._rows(
            self._export(CREDITS_XLSX, self.appraisal_a | self.appraisal_c)
        )
        # A's 30 + 6 orders; C has none; B's credits are not selected.
        self.assertEqual(len(rows), 37)
        self.assertEqual({row[0] for row in rows[1:]}, {"Engineer A"})

    def test_one_search_whatever_the_number_of_appraisals(self):
        report = self.env[f"report.{CREDITS_XLSX}"].with_context(
            active_model="helpdesk.engineer.appraisal"
        )
        # The appraisals, the credits, then their tickets, customers and
        # difficulties, each read once for all.
        self.env.invalidate_all()
        with self.assertQueryCount(6):
            report.create_xlsx_report(self.appraisal_a.ids, {})
        self.env.invalidate_all()
        with self.assertQueryCount(6):
            report.create_xlsx_report(self.appraisals.ids, {})


class TestYearXlsx(AppraisalXlsxCommon):
    def test_engineer_by_month_with_average(self):
        november = self.Appraisal.create(
            {"employee_id": self.engineer_a.id, "month": "2026-11-01"}
        )
        november._refresh_scores()
        rows = self._rows(self._export(YEAR_XLSX, self.appraisal_a | november))
        self.assertEqual(
            rows[0],
            ["Engineer", "Year"]
            + [f"{month:02d}" for month in range(1, 13)]
            + ["Average"],
        )
        # October 83.75; November without orders: 0 + 20 + 10 + 10 = 40;
        # average (83.75 + 40) / 2 = 61.875.
        self.assertEqual(
            rows[1], ["Engineer A", 2026] + [None] * 9 + [83.75, 40, None, 61.875]
        )
        self.assertEqual(len(rows), 2)

    def test_one_row_per_engineer_and_year_in_chinese(self):
        self._load_chinese()
        chinese = self._create_appraisals(["王工程师"])
        sheet = self._export(
            YEAR_XLSX, (self.appraisals | chinese).with_context(lang="zh_CN")
        )
        self.assertEqual(sheet.title, "年度汇总")
        rows = self._rows(sheet)
        self.assertEqual(rows[0][0], "工程师")
        self.assertEqual(
            [row[0] for row in rows[1:]],
            ["Engineer A", "Engineer B", "Engineer C", "王工程师"],
        )
        self.assertEqual([row[11] for row in rows[1:]], [83.75, 46.75, 40, 40])


class TestExportAccess(AppraisalXlsxCommon):
    def test_engineer_prints_and_exports_own_appraisal_only(self):
        # Engineers see their appraisal once it is sent, never a draft.
        self.appraisal_a.with_user(self.supervisor_user).action_send_to_engineer()
        reports = self.env["ir.actions.report"].with_user(self.engineer_a_user)
        html = reports._render_qweb_html(
            "helpdesk_engineer_appraisal.helpdesk_engineer_appraisal_report_action",
            self.appraisal_a.ids,
        )[0].decode()
        self.assertIn("83.75", html)
        self.assertIn(self.orders_a[0].number, html)
        content = reports._render(CREDITS_XLSX, self.appraisal_a.ids, {})[0]
        sheet = load_workbook(io.BytesIO(content)).active
        self.assertEqual(sheet.max_row, 37)
        with self.assertRaises(AccessError):
            reports._render(TEAM_XLSX, self.appraisal_b.ids, {})
