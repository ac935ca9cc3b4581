# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .appraisal_common import OCTOBER, MonthlyAppraisalCommon

MODULE = "helpdesk_engineer_appraisal"
# The default template's lines and the appraisal's component each reproduces.
COMPONENTS = (
    ("workload", "workload_score"),
    ("customer", "customer_score"),
    ("work_log", "work_log_score"),
    ("order_form", "order_form_score"),
    ("area", "area_score"),
)


class DefaultTemplateComparison:
    """Sheets of the shipped Monthly Appraisal template beside appraisals."""

    def _monthly_template(self):
        return self.env.ref(f"{MODULE}.sheet_template_monthly")

    def _sheets_beside(self, appraisals):
        """A sheet of the default template for the employee and month of
        each appraisal, computed in one batch: ``{appraisal: sheet}``."""
        template = self._monthly_template()
        sheets = self.env["helpdesk.appraisal.sheet"].create(
            [
                {
                    "template_id": template.id,
                    "employee_id": appraisal.employee_id.id,
                    "company_id": appraisal.company_id.id,
                    "month": appraisal.month,
                }
                for appraisal in appraisals
            ]
        )
        sheets._refresh()
        return dict(zip(appraisals, sheets, strict=True))

    def _line(self, sheet, key):
        return sheet.line_ids.filtered(
            lambda line: line.template_line_id
            == self.env.ref(f"{MODULE}.sheet_template_monthly_{key}")
        )

    def _compare(self, appraisal, sheet):
        """Every component, the total and the grade of ``appraisal`` equal
        those of ``sheet``: the totals exactly (both kept to 6 decimals),
        the components to the 6 decimals a sheet line keeps (the appraisal
        stores 50 x 1.15 as 57.49999999999999, the line 57.5)."""
        label = appraisal.display_name
        for key, field in COMPONENTS:
            self.assertAlmostEqual(
                self._line(sheet, key).points, appraisal[field], 6, label
            )
        self.assertEqual(sheet.total_score, appraisal.total_score, label)
        self.assertEqual(sheet.grade_id.code, appraisal.grade, label)


class TestKpiDefaultTemplate(DefaultTemplateComparison, MonthlyAppraisalCommon):
    """The policy P5 worked example's October (engineer A: P 34.5, 3
    dissatisfied callbacks, 2 unqualified work logs; engineer B: P 4.5),
    appraised and scored on the default template."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.engineers = cls.engineer_a | cls.engineer_b

    def _appraisals(self):
        return self._generate(employees=self.engineers).sorted(
            lambda appraisal: appraisal.employee_id != self.engineer_a
        )

    def test_shipped_active_with_the_appraisal_components(self):
        template = self._monthly_template()
        self.assertTrue(template.active)
        self.assertEqual(template.period_type, "month")
        self.assertEqual(
            template.line_ids.mapped("name"),
            [
                "Workload",
                "Customer Evaluation",
                "Work Log",
                "Service Order",
                "Area Score",
            ],
        )
        # 60 + 20 + 10 + 10: the area score is shown, not added.
        self.assertEqual(template.weight_total, 100)
        self.assertFalse(template.warning)
        self.assertEqual(
            template.line_ids.mapped("in_total"), [True, True, True, True, False]
        )

    def test_worked_example(self):
        appraisal_a, appraisal_b = self._appraisals()
        sheets = self._sheets_beside(appraisal_a | appraisal_b)
        sheet_a, sheet_b = sheets[appraisal_a], sheets[appraisal_b]
        # A: 60 x 34.5 / 40 = 51.75; 20 - 2 x 3 = 14; 10 - 1 x 2 = 8; 10;
        # 83.75 -> good.
        self.assertEqual(
            [line.points for line in sheet_a.line_ids], [51.75, 14, 8, 10, 0]
        )
        self.assertEqual((sheet_a.total_score, sheet_a.grade_id.code), (83.75, "good"))
        workload = self._line(sheet_a, "workload")
        self.assertEqual((workload.weight, workload.target), (60, 40))
        self.assertEqual(
            workload.formula,
            "actual 34.5, target 40: r = 0.8625, used 0.8625 (cap 1) -> "
            "60 x 0.8625 = 51.75",
        )
        self.assertEqual(self._line(sheet_a, "customer").formula, "20 - 2 x 3 = 14")
        # B: 60 x 4.5 / 40 = 6.75; 20; 10; 10: 46.75 -> below standard.
        self.assertEqual(
            (sheet_b.total_score, sheet_b.grade_id.code), (46.75, "below_standard")
        )
        for appraisal, sheet in sheets.items():
            self._compare(appraisal, sheet)

    def test_preview_reads_the_company_settings_as_the_sheet(self):
        """The template's preview of A for October gives the sheet's
        numbers: its lines read the company's maxima and deductions, the
        area score is shown but not added, the grade is the company's."""
        self.env.company.appraisal_workload_max = 50
        preview = (
            self.env["helpdesk.appraisal.sheet.preview"]
            .with_user(self.manager_user)
            .new(
                {
                    "template_id": self._monthly_template().id,
                    "employee_id": self.engineer_a.id,
                    "day": OCTOBER,
                }
            )
        )
        # 50 x 34.5 / 40 = 43.125; 14; 8; 10: 75.125 -> pass.
        self.assertEqual(
            [line["points"] for line in preview._preview_values()["lines"]],
            [43.125, 14, 8, 10, 0],
        )
        self.assertEqual((preview.total_score, preview.grade_id.code), (75.125, "pass"))

    def test_follows_the_company_settings_as_the_appraisal(self):
        """Other maxima, deductions, cap and grade bands; A's own standard
        points; an area led by A added to the total."""
        self.env.company.write(
            {
                "appraisal_workload_max": 50,
                "appraisal_customer_max": 30,
                "appraisal_dissatisfied_deduction": 3,
                "appraisal_work_log_deduction": 4,
                "appraisal_efficiency_cap": 1.2,
                "appraisal_grade_excellent": 95,
                "appraisal_grade_good": 85,
                "appraisal_add_area_score": True,
            }
        )
        self.engineer_a.appraisal_standard_points = 30
        area = self.env["helpdesk.service.area"].create(
            {
                "name": "North",
                "leader_id": self.engineer_a.id,
                "member_ids": [Command.set(self.engineers.ids)],
                "device_count": 50,
            }
        )
        self.env["helpdesk.service.area.daily"].sudo().create(
            [
                {
                    "area_id": area.id,
                    "date": "2026-10-05",
                    "due_count": 4,
                    "confirmed_count": 3,
                }
            ]
        )
        appraisal_a, appraisal_b = self._appraisals()
        sheets = self._sheets_beside(appraisal_a | appraisal_b)
        sheet_a, sheet_b = sheets[appraisal_a], sheets[appraisal_b]
        # A: 50 x min(34.5 / 30, 1.2) = 57.5; 30 - 3 x 3 = 21; 10 - 4 x 2 =
        # 2; 10; area Q = 50 x 0.1 = 5, R = 3 / 4: 3.75, added:
        # 94.25 -> good (excellent from 95).
        self.assertEqual(
            [line.points for line in sheet_a.line_ids], [57.5, 21, 2, 10, 3.75]
        )
        self.assertEqual(self._line(sheet_a, "workload").weight, 50)
        self.assertEqual(self._line(sheet_a, "workload").target, 30)
        self.assertEqual(self._line(sheet_a, "customer").formula, "30 - 3 x 3 = 21")
        self.assertEqual((sheet_a.total_score, sheet_a.grade_id.code), (94.25, "good"))
        # B: 50 x 4.5 / 40 = 5.625; 30; 10; 10: 55.625 -> below standard.
        self.assertEqual(sheet_b.total_score, 55.625)
        for appraisal, sheet in sheets.items():
            self._compare(appraisal, sheet)

    def test_added_to_the_total_is_computed(self):
        """Nobody adds the area score of their own sheet to its total."""
        appraisal = self._generate(employees=self.engineer_a)
        sheet = self._sheets_beside(appraisal)[appraisal]
        area = self._line(sheet, "area")
        for user in (self.engineer_a_user, self.supervisor_user, self.manager_user):
            with self.assertRaisesText(AccessError, "computed"):
                area.with_user(user).write({"in_total": True})
        self.assertFalse(area.in_total)

    def test_area_score_kept_within_the_maximum(self):
        """An area score added on top of a full month: both totals stay 100."""
        self.env.company.appraisal_add_area_score = True
        self._create_tickets(
            count=20, engineers=self.engineer_a, difficulty=self.level_standard
        )
        area = self.env["helpdesk.service.area"].create(
            {
                "name": "North",
                "leader_id": self.engineer_a.id,
                "member_ids": [Command.set(self.engineer_a.ids)],
                "device_count": 120,
            }
        )
        self.env["helpdesk.service.area.daily"].sudo().create(
            [
                {
                    "area_id": area.id,
                    "date": "2026-10-05",
                    "due_count": 1,
                    "confirmed_count": 1,
                }
            ]
        )
        appraisal = self._generate(employees=self.engineer_a)
        sheet = self._sheets_beside(appraisal)[appraisal]
        # 60 + 14 + 8 + 10 + 12 = 104 -> 100.
        self.assertEqual(self._line(sheet, "area").points, 12)
        self.assertEqual(sheet.total_score, 100)
        self._compare(appraisal, sheet)

    def test_refresh_in_constant_queries(self):
        """The settings, the standard points and the drafts of the lines
        read with settings cost the same for 2 sheets as for 10."""
        others = self.env["hr.employee"].create(
            [{"name": f"Engineer {index}"} for index in range(8)]
        )
        others[:3].appraisal_standard_points = 20
        self._create_tickets(
            count=2, engineers=others[:4], difficulty=self.level_standard
        )
        template = self._monthly_template()
        sheets = self.env["helpdesk.appraisal.sheet"].create(
            [
                {
                    "template_id": template.id,
                    "employee_id": employee.id,
                    "month": OCTOBER,
                }
                for employee in self.engineers | others
            ]
        )
        few, many = sheets[:2], sheets
        # The first refresh creates the lines.
        sheets._refresh()
        reads = []
        for batch in (few, many):
            self.env.invalidate_all()
            with self._capture_reads() as batch_reads:
                batch._refresh()
            reads.append(batch_reads)
        self.assertEqual(len(reads[1]), len(reads[0]), "\n".join(reads[1]))
        # 2 orders shared by 4 engineers: P = 0.5; 60 x 0.5 / 20 = 1.5 with
        # their own S of 20, 60 x 0.5 / 40 = 0.75 with the company's.
        self.assertEqual(
            [sheet.line_ids[0].points for sheet in sheets[2:7]],
            [1.5, 1.5, 1.5, 0.75, 0],
        )


@tagged("post_install", "-at_install", "appraisal_demo")
class TestKpiDefaultTemplateDemo(DefaultTemplateComparison, TransactionCase):
    """Every appraisal of the demo computed again, beside a sheet of the
    default template for the same engineer and month."""

    def test_every_demo_appraisal_equals_its_sheet(self):
        if not self.env.ref(
            f"{MODULE}.hr_employee_supervisor_demo", raise_if_not_found=False
        ):
            self.skipTest("the demo data is not loaded")
        appraisals = self.env["helpdesk.engineer.appraisal"].search([])
        # The six engineers in two months (TestDemoData).
        self.assertEqual(len(appraisals), 12)
        frozen = {
            appraisal: appraisal.total_score
            for appraisal in appraisals
            if appraisal.state == "done"
        }
        appraisals._refresh_scores()
        self.assertEqual(
            {appraisal: appraisal.total_score for appraisal in frozen}, frozen
        )
        for appraisal, sheet in self._sheets_beside(appraisals).items():
            self._compare(appraisal, sheet)
