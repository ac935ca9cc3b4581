# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from datetime import date, datetime

from openpyxl import load_workbook

from .test_service_area import ServiceAreaCommon

AREA_XLSX = "helpdesk_engineer_appraisal.area_ranking_xlsx"


class TestAreaRankingXlsx(ServiceAreaCommon):
    def test_areas_by_rank_in_chinese(self):
        self._four_day_example()
        # South, Q = 50 x 0.1 = 5: one order due and confirmed on Oct 2 -> 5.
        self.south.name = "南区"
        self._orders(
            self.south_customer, date(2026, 10, 2), closed_at=datetime(2026, 10, 2, 9)
        )
        self._refresh_october()
        rankings = self._ranking(self.north) | self._ranking(self.south)
        content, report_type = self.env["ir.actions.report"]._render(
            AREA_XLSX, rankings.ids, {}
        )
        self.assertEqual(report_type, "xlsx")
        sheet = load_workbook(io.BytesIO(content)).active
        self.assertEqual(sheet.title, "Area Ranking")
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        self.assertEqual(rows[0][:3], ["Month", "Rank", "Service Area"])
        # North: mean of 0.5, 1.0, 0.0 = 0.5 -> 12 x 0.5 = 6, first; South 5.
        self.assertEqual(
            rows[1], ["2026-10", 1, "North", "Engineer A", 7, 5, 0.5, 12, 6]
        )
        self.assertEqual(rows[2], ["2026-10", 2, "南区", "Engineer C", 1, 1, 1, 5, 5])
        self.assertEqual(sheet["G2"].number_format, "0.00%")
        self.assertEqual(len(rows), 3)
