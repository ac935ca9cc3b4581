# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from contextlib import contextmanager
from unittest.mock import patch

from openpyxl import load_workbook

from odoo.tests import HttpCase, tagged

from .appraisal_common import OCTOBER, MonthlyAppraisalCommon

PDF_REPORT = "helpdesk_engineer_appraisal.report_engineer_appraisal"
TEAM_XLSX_REPORT = "report.helpdesk_engineer_appraisal.appraisal_team_xlsx"


@tagged("post_install", "-at_install")
class TestManagerTours(MonthlyAppraisalCommon, HttpCase):
    """A manager's month in the browser: generate, take an appraisal through
    its workflow with the people of each step, print it; export the team.

    The downloads are checked on the server: the report methods the web
    client's requests reach are wrapped to record what they rendered."""

    @classmethod
    def setup_independent_company(cls, **kwargs):
        # The manager generates and analyses the whole company's month: a
        # company of its own keeps the demo's appraisals of September and
        # October (its two months) out of the lists and pivots.
        return cls._create_company(name="Tours Test", **kwargs)

    @contextmanager
    def _recording(self, model, method):
        """Record the arguments and result of each call of ``method`` of
        ``model``, in any thread, while the context is open."""
        calls = []
        model_class = type(self.env[model])
        original = getattr(model_class, method)

        def record(records, *args, **kwargs):
            result = original(records, *args, **kwargs)
            calls.append((args, result))
            return result

        with patch.object(model_class, method, record):
            yield calls

    def test_manager_generates_approves_and_prints(self):
        Appraisal = self.env["helpdesk.engineer.appraisal"]
        self.assertFalse(
            Appraisal.search(
                [("month", "=", OCTOBER), ("company_id", "=", self.env.company.id)]
            )
        )
        self.start_tour(
            "/odoo",
            "helpdesk_engineer_appraisal_generate_tour",
            login="appraisal_manager",
        )
        appraisal = self._appraisal_of(self.engineer_a)
        # The tour checked A's total on the form: 83.75 (policy P5).
        self.assertEqual(appraisal.total_score, 83.75)
        self.assertEqual(appraisal.state, "self_assessment")
        self.assertEqual(
            self._appraisal_of(self.engineer_b).state,
            "draft",
            "Only the opened appraisal was sent.",
        )
        url = f"/odoo/helpdesk.engineer.appraisal/{appraisal.id}"
        self.start_tour(
            url, "helpdesk_engineer_appraisal_acknowledge_tour", login="engineer_a"
        )
        self.assertEqual(appraisal.state, "review")
        self.start_tour(
            url,
            "helpdesk_engineer_appraisal_supervisor_review_tour",
            login="appraisal_supervisor",
        )
        self.assertEqual(appraisal.state, "approval")
        self.assertEqual(appraisal.reviewer_user_id, self.supervisor_user)
        with self._recording("ir.actions.report", "_render_qweb_pdf") as rendered:
            self.start_tour(
                url,
                "helpdesk_engineer_appraisal_approve_print_tour",
                login="appraisal_manager",
            )
        self.assertEqual(appraisal.state, "done")
        self.assertEqual(
            [args[:2] for args, _result in rendered], [(PDF_REPORT, [appraisal.id])]
        )
        # In tests Odoo renders the PDF report as HTML: its text is readable.
        content, _report_type = rendered[0][1]
        self.assertIn(b"Engineer A", content)
        self.assertIn(b"83.75", content)

    def test_team_xlsx_downloads_from_the_list(self):
        self._generate()
        selected = self._appraisal_of(self.engineer_a) | self._appraisal_of(
            self.engineer_b
        )
        with self._recording(TEAM_XLSX_REPORT, "create_xlsx_report") as rendered:
            self.start_tour(
                "/odoo/action-helpdesk_engineer_appraisal."
                "helpdesk_engineer_appraisal_action",
                "helpdesk_engineer_appraisal_team_xlsx_tour",
                login="appraisal_manager",
            )
        self.assertEqual(len(rendered), 1)
        (docids, _data), (content, report_type) = rendered[0]
        self.assertEqual(sorted(docids), sorted(selected.ids))
        self.assertEqual(report_type, "xlsx")
        sheet = load_workbook(io.BytesIO(content)).active
        rows = [row[:3] for row in sheet.iter_rows(min_row=2, values_only=True)]
        # The selected appraisals only, ranked by total (A 83.75, B 46.75),
        # then the averages row.
        self.assertEqual(
            rows,
            [
                ("Engineer A", None, "2026-10"),
                ("Engineer B", None, "2026-10"),
                ("Average", None, None),
            ],
        )

    def test_manager_opens_the_analyses(self):
        repairs = self.env["hr.department"].create({"name": "Repairs"})
        (self.engineer_a | self.engineer_b).department_id = repairs
        self._generate()
        # The tour reads the pivots the Reporting menu opens on: the average
        # total of Repairs in October, (83.75 + 46.75) / 2 = 65.25, and A's
        # points, 30 + 6 x 0.75 = 34.5.
        self.start_tour(
            "/odoo",
            "helpdesk_engineer_appraisal_analysis_tour",
            login="appraisal_manager",
        )
