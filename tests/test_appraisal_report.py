# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import logging
import re
import subprocess
import time
import unicodedata

from PyPDF2 import PdfReader

from odoo.tests import HttpCase, tagged

from ..models.ir_actions_report import appraisal_of_pages
from .appraisal_common import MonthlyAppraisalCommon

_logger = logging.getLogger(__name__)

PDF_REPORT = "helpdesk_engineer_appraisal.helpdesk_engineer_appraisal_report_action"


@tagged("post_install", "-at_install")
class TestAppraisalPdfReport(MonthlyAppraisalCommon, HttpCase):
    """Real PDFs through wkhtmltopdf: an HttpCase, so that wkhtmltopdf can
    fetch the report assets from the test server."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._generate()
        cls.appraisal_a = cls._appraisal_of(cls.engineer_a)
        cls.appraisal_b = cls._appraisal_of(cls.engineer_b)

    def _render_pdf(self, appraisals):
        # Odoo renders HTML instead of PDF in tests unless this key is set.
        report = self.env["ir.actions.report"].with_context(
            force_report_rendering=True, lang=appraisals.env.lang
        )
        content, report_type = report._render_qweb_pdf(PDF_REPORT, appraisals.ids)
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
        # Noto CJK maps some ideographs to their Kangxi radical look-alikes
        # (工 -> U+2F2F); NFKC folds them back.
        return unicodedata.normalize("NFKC", text)

    def test_one_appraisal_one_page(self):
        self.appraisal_b.supervisor_comment = "Shares the hard orders well."
        content = self._render_pdf(self.appraisal_b)
        self.assertEqual(len(PdfReader(io.BytesIO(content)).pages), 1)
        text = self._pdf_text(content)
        self.assertIn("Engineer B", text)
        # B: 6.75 + 20 + 10 + 10 = 46.75, below standard.
        self.assertIn("46.75", text)
        self.assertIn("Below Standard", text)
        self.assertIn("2026-10", text)
        self.assertIn("Shares the hard orders well.", text)
        # The 6 shared hard orders: share 0.5 of 1.5 points -> 0.75 each.
        self.assertEqual(text.count("0.75"), 6)
        self.assertEqual(text.count("50%"), 6)
        # Maxima and scores with two decimals: workload 60 x 0.1125.
        self.assertIn("60.00", text)
        self.assertIn("6.75", text)

    def test_confidential_note_not_printed(self):
        self.appraisal_b.supervisor_note = "Considering a transfer"
        text = self._pdf_text(self._render_pdf(self.appraisal_b))
        self.assertNotIn("Considering a transfer", text)

    def test_policy_example_lists_counted_orders(self):
        text = self._pdf_text(self._render_pdf(self.appraisal_a))
        # 51.75 + 14 + 8 + 10 = 83.75, with the explanation of each component.
        self.assertIn("83.75", text)
        self.assertIn("P 34.5 / S 40 = E 0.8625", text)
        self.assertIn("max(0, 20 - 2 x 3) = 14", text)
        for ticket in self.orders_a | self.orders_ab:
            self.assertIn(ticket.number, text)

    def _section(self, text, title, next_title):
        """The lines of the PDF text from one table's title to the next's."""
        return text.split(title, 1)[1].split(next_title, 1)[0].splitlines()

    def _rows_of(self, lines, tickets):
        """The table lines starting with the number of one of ``tickets``."""
        numbers = set(tickets.mapped("number"))
        rows = [line.split() for line in lines]
        return [row for row in rows if row and row[0] in numbers]

    def test_policy_example_lists_the_deductions(self):
        text = self._pdf_text(self._render_pdf(self.appraisal_a))
        callbacks = self._rows_of(
            self._section(
                text, "Dissatisfied Callbacks That Deducted", "Unqualified Work Logs"
            ),
            self.orders_a,
        )
        # The 3 dissatisfied callbacks on A's first orders, called on 21 October.
        self.assertEqual(
            sorted(row[0] for row in callbacks),
            sorted(self.orders_a[:3].mapped("number")),
        )
        self.assertTrue(all(row[1] == "10/21/2026" for row in callbacks))
        findings = self._section(text, "Unqualified Work Logs", "Engineer's Comment")
        self.assertEqual("\n".join(findings).count("No parts listed"), 2)
        self.assertEqual("\n".join(findings).count("Unqualified Work Log"), 2)
        self.assertNotIn("No deduction this month.", text)

    def test_no_deduction_printed_as_such(self):
        text = self._pdf_text(self._render_pdf(self.appraisal_b))
        # B: no callback, no finding.
        self.assertEqual(text.count("No deduction this month."), 2)

    def test_done_appraisal_prints_the_facts_it_counted(self):
        appraisal = self.appraisal_a
        self._approve(appraisal)
        # Live, P would be 25 + 5 x 2.0 + 6 x 0.75 = 39.5; the done appraisal
        # still says 34.5.
        self._review_five_orders_again()
        text = self._pdf_text(self._render_pdf(appraisal))
        self.assertIn("P 34.5 / S 40 = E 0.8625", text)
        orders = self._rows_of(
            self._section(
                text, "Counted Service Orders", "Dissatisfied Callbacks That Deducted"
            ),
            self.orders_a | self.orders_ab,
        )
        # Once each: no row is cut at the page break and drawn on both pages.
        self.assertEqual(len(orders), 36)
        self.assertEqual(len({row[0] for row in orders}), 36)
        self.assertAlmostEqual(sum(float(row[-1]) for row in orders), 34.5)
        self.assertNotIn("Very Hard", text)
        self.assertEqual(text.count("No parts listed"), 2)

    def test_each_appraisal_starts_a_page(self):
        appraisals = self._create_appraisals(f"Engineer {n:02d}" for n in range(20))
        content = self._render_pdf(appraisals)
        self.assertEqual(len(PdfReader(io.BytesIO(content)).pages), 20)
        # In the order of the selection, one engineer per page.
        for page, appraisal in enumerate(appraisals, start=1):
            text = self._pdf_text(content, page=page)
            self.assertIn(appraisal.employee_id.name, text)
            self.assertIn(f"= {appraisal.total_score:g}", text)

    def test_long_appraisal_does_not_share_its_last_page(self):
        # A's 36 counted orders fill more than a page; B starts a new one.
        content = self._render_pdf(self.appraisal_a | self.appraisal_b)
        page_count = len(PdfReader(io.BytesIO(content)).pages)
        self.assertGreater(page_count, 2)
        self.assertNotIn("Engineer B", self._pdf_text(content, page=page_count - 1))
        self.assertIn("Engineer B", self._pdf_text(content, page=page_count))

    def test_chinese_engineer_in_chinese(self):
        self._load_chinese()
        appraisal = self._create_appraisals(["王工程师"])
        appraisal.employee_comment = "本月完成巡检"
        content = self._render_pdf(appraisal.with_context(lang="zh_CN"))
        text = self._pdf_text(content)
        self.assertIn("王工程师", text)
        self.assertIn("本月完成巡检", text)
        self.assertIn("工程师月度考核", text)
        self.assertIn("待提升", text)
        # No credit: 0 + 20 + 10 + 10 = 40.
        self.assertIn("0 + 20 + 10 + 10 = 40", text)

    def test_render_time_of_fifty(self):
        appraisals = self._create_appraisals(f"Engineer {n:02d}" for n in range(50))
        self.env.invalidate_all()
        start = time.perf_counter()
        content = self._render_pdf(appraisals)
        elapsed = time.perf_counter() - start
        self.assertEqual(len(PdfReader(io.BytesIO(content)).pages), 50)
        self.assertIn("Engineer 49", self._pdf_text(content))
        _logger.info("Appraisal PDF of 50 appraisals rendered in %.2f s", elapsed)


# Kangxi radicals and CJK radicals supplement: look-alikes of ideographs that
# a font without a sound ToUnicode map puts in the PDF's text.
RADICALS = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf]")


@tagged("post_install", "-at_install")
class TestAppraisalPdfSignOff(MonthlyAppraisalCommon, HttpCase):
    """The PDF as a sign-off sheet: the company on every page, the DRAFT
    mark until approved, the signatures with the scores, searchable Chinese."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._generate()
        cls.appraisal_a = cls._appraisal_of(cls.engineer_a)
        cls.appraisal_b = cls._appraisal_of(cls.engineer_b)
        cls.company = cls.appraisal_a.company_id
        cls.company.write({"name": "Eastern Service Co", "street": "88 Harbour Road"})

    def _render_pdf(self, appraisals):
        report = self.env["ir.actions.report"].with_context(
            force_report_rendering=True, lang=appraisals.env.lang
        )
        content, report_type = report._render_qweb_pdf(PDF_REPORT, appraisals.ids)
        self.assertEqual(report_type, "pdf")
        return content

    def _pages(self, content):
        """The text of each page, as pdftotext reads it (no normalisation:
        what a search of the archive finds)."""
        count = len(PdfReader(io.BytesIO(content)).pages)
        return [
            subprocess.run(
                ["pdftotext", "-layout", "-f", str(page), "-l", str(page), "-", "-"],
                input=content,
                capture_output=True,
                check=True,
            ).stdout.decode()
            for page in range(1, count + 1)
        ]

    def test_company_and_draft_on_every_page(self):
        # A's 36 orders spill on a second page; B fits on one.
        pages = self._pages(self._render_pdf(self.appraisal_a | self.appraisal_b))
        self.assertGreaterEqual(len(pages), 3)
        for text in pages:
            self.assertIn("Eastern Service Co", text)
            self.assertIn("DRAFT", text)
        # The address in the body of each first page.
        self.assertIn("88 Harbour Road", pages[0])
        self.assertIn("88 Harbour Road", pages[-1])
        # The spill pages say whose they are.
        self.assertIn("Engineer A", pages[1])

    def test_done_appraisal_has_no_draft_mark(self):
        self._approve(self.appraisal_b)
        pages = self._pages(self._render_pdf(self.appraisal_a | self.appraisal_b))
        self.assertNotIn("DRAFT", pages[-1])
        self.assertIn("Eastern Service Co", pages[-1])
        self.assertTrue(all("DRAFT" in text for text in pages[:-1]))

    def test_signatures_stay_with_the_scores(self):
        pages = self._pages(self._render_pdf(self.appraisal_a))
        self.assertGreater(len(pages), 1)
        # The first page: components, total, comments and signatures.
        first = pages[0]
        for label in ("Workload", "83.75", "Engineer's Comment", "Department Head:"):
            self.assertIn(label, first)
        # The spill pages hold facts only.
        for text in pages[1:]:
            self.assertNotIn("Department Head:", text)
            self.assertNotIn("Engineer's Comment", text)

    def test_chinese_text_is_searchable(self):
        self._load_chinese()
        self.orders_ab.partner_id = self.env["res.partner"].create(
            {"name": "东方精密仪器厂", "is_company": True}
        )
        self.company.name = "东方服务公司"
        appraisal = self.appraisal_b.with_context(lang="zh_CN")
        pages = self._pages(self._render_pdf(appraisal))
        text = "".join(pages)
        self.assertIn("东方精密仪器厂", text)
        self.assertIn("月度考核", text)
        self.assertIn("工程师", text)
        self.assertIn("草稿", text)
        self.assertEqual(RADICALS.findall(text), [])

    def test_done_appraisal_prints_difficulty_in_the_readers_language(self):
        # Approved in English; the kept facts name the level, not its text.
        self._approve(self.appraisal_b)
        self._load_chinese()
        rows = (
            self.env["helpdesk.engineer.appraisal.fact"]
            .with_context(lang="zh_CN")
            ._rows_by_appraisal(self.appraisal_b)[self.appraisal_b.id]
        )
        self.assertEqual([row["detail"] for row in rows["counted_order"]], ["困难"] * 6)
        text = "".join(
            self._pages(self._render_pdf(self.appraisal_b.with_context(lang="zh_CN")))
        )
        self.assertEqual(text.count("困难"), 6)
        self.assertNotIn("Hard", text)
        facts = self.appraisal_b.with_context(lang="zh_CN").fact_ids
        self.assertEqual(
            set(facts.filtered("difficulty_id").mapped("detail_label")), {"困难"}
        )
        facts = self.appraisal_b.with_context(lang="en_US").fact_ids
        self.assertEqual(
            set(facts.filtered("difficulty_id").mapped("detail_label")), {"Hard"}
        )


@tagged("post_install", "-at_install", "appraisal_demo")
class TestDemoAppraisalPdf(HttpCase):
    """The demo's appraisals printed in one batch, as a manager would."""

    def setUp(self):
        super().setUp()
        if not self.env.ref(
            "helpdesk_engineer_appraisal.hr_employee_supervisor_demo",
            raise_if_not_found=False,
        ):
            self.skipTest("the demo data is not loaded")

    def test_demo_batch(self):
        appraisals = self.env["helpdesk.engineer.appraisal"].search(
            [], order="month, employee_id"
        )
        appraisals = appraisals.filtered(
            lambda appraisal: appraisal.get_external_id()[appraisal.id]
        )
        self.assertGreaterEqual(len(appraisals), 12)
        report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        content, _report_type = report._render_qweb_pdf(PDF_REPORT, appraisals.ids)
        reader = PdfReader(io.BytesIO(content))
        owners = appraisal_of_pages(reader)
        self.assertEqual(len(owners), len(reader.pages))
        # In the order of the selection, each starting its own page.
        self.assertEqual(list(dict.fromkeys(owners)), appraisals.ids)
        rows = self.env["helpdesk.engineer.appraisal.fact"]._rows_by_appraisal(
            appraisals
        )
        for number, owner in enumerate(owners, start=1):
            appraisal = appraisals.browse(owner)
            text = subprocess.run(
                ["pdftotext", "-layout", "-f", str(number), "-l", str(number)]
                + ["-", "-"],
                input=content,
                capture_output=True,
                check=True,
            ).stdout.decode()
            first_page = owners.index(owner) + 1 == number
            self.assertIn(appraisal.company_id.name, text)
            self.assertEqual("DRAFT" in text, appraisal.state != "done", number)
            # The signatures only with the scores, on the first page.
            self.assertEqual("Department Head:" in text, first_page, number)
            if "Department Head:" in text:
                self.assertIn("Workload", text)
        for appraisal in appraisals:
            page_count = owners.count(appraisal.id)
            fact_count = sum(len(facts) for facts in rows[appraisal.id].values())
            # One page, unless its facts spill (a page holds about 30 rows).
            if fact_count <= 12:
                self.assertEqual(page_count, 1, appraisal.display_name)
