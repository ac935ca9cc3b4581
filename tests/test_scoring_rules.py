# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util
import io
from datetime import date
from decimal import Decimal

from openpyxl import load_workbook

from odoo.modules.module import get_module_path
from odoo.tools import SQL

from .. import scoring
from ..reports import scoring_sql
from .appraisal_common import MonthlyAppraisalCommon
from .common import AppraisalCommon

NOVEMBER = date(2026, 11, 1)
TEAM_XLSX = "helpdesk_engineer_appraisal.appraisal_team_xlsx"


class TestScoringRulesInSql(AppraisalCommon):
    """The SQL of a rule is built from scoring's table and gives the same
    answer as scoring's Python on the same numbers."""

    def _select(self, expression):
        self.env.cr.execute(SQL("SELECT %s", expression))
        return self.env.cr.fetchone()[0]

    def test_grade_case_grades_as_scoring(self):
        totals = (100, 95, 90, 89.999, 89.99, 85, 80, 79.99, 70, 60, 59.99, 50)
        totals += (40, 39.99, 0)
        for thresholds in ((90, 80, 60, 40), (95, 85, 70, 50)):
            lowest = dict(
                zip(
                    (setting for _grade, setting in scoring.GRADE_BANDS),
                    thresholds,
                    strict=True,
                )
            )
            for total in totals:
                with self.subTest(thresholds=thresholds, total=total):
                    grade = self._select(
                        scoring_sql.grade_case(
                            SQL("%s::float", total),
                            lambda setting, lowest=lowest: SQL(
                                "%s::float", lowest[setting]
                            ),
                        )
                    )
                    self.assertEqual(grade, scoring.grade(total, thresholds))
        # By hand: 89.999 is good, 60 pass, 39.99 fails.
        lowest = {"grade_excellent": 90, "grade_good": 80}
        lowest |= {"grade_pass": 60, "grade_below_standard": 40}
        for total, grade in ((89.999, "good"), (60, "pass"), (39.99, "fail")):
            self.assertEqual(
                self._select(
                    scoring_sql.grade_case(
                        SQL("%s::float", total),
                        lambda setting: SQL("%s::float", lowest[setting]),
                    )
                ),
                grade,
            )

    def test_rank_key_rounds_as_scoring(self):
        # 2.675 and 89.995 are halves that Python's round() takes down (the
        # floats lie just below them); PostgreSQL and scoring.rank_key read
        # them to 15 digits and take them up: 2.68, 90.00.
        by_hand = {
            2.675: "2.68",
            89.995: "90.00",
            90.004: "90.00",
            90.005: "90.01",
            0.1 + 0.2: "0.30",
            456 / 11: "41.45",
            60 / 7: "8.57",
            83.75: "83.75",
            100 / 3: "33.33",
            0.0: "0.00",
        }
        for score, key in by_hand.items():
            with self.subTest(score=score):
                # As text: Odoo's cursor reads numerics as floats.
                sql_key = self._select(
                    SQL(
                        "(%s)::text",
                        scoring_sql.rank_key(SQL("%s::double precision", score)),
                    )
                )
                self.assertEqual(sql_key, key)
                self.assertEqual(Decimal(sql_key), scoring.rank_key(score))


class TestRanksAsPeopleSeeThem(MonthlyAppraisalCommon):
    """The team export, the period summaries and the area ranking rank
    scores at the 2 decimals people see (scoring.RANK_DIGITS)."""

    def test_summary_and_export_rank_alike(self):
        field_team = self.env["hr.department"].create({"name": "Field Team"})
        # 90.004 and 89.995 both show as 90.00: a tie; 89.99 comes third.
        totals = {
            self.engineer_a: 90.004,
            self.engineer_b: 89.995,
            self.engineer_c: 89.99,
        }
        appraisals = self.Appraisal.create(
            [
                {
                    "employee_id": employee.id,
                    "month": NOVEMBER,
                    "department_id": field_team.id,
                    "total_score": total,
                }
                for employee, total in totals.items()
            ]
        )
        self.env.flush_all()
        summaries = self.env["helpdesk.engineer.appraisal.summary"].search(
            [
                ("department_id", "=", field_team.id),
                ("period_type", "=", scoring.PERIOD_QUARTER),
            ]
        )
        self.assertEqual(
            {row.employee_id: row.department_rank for row in summaries},
            {self.engineer_a: 1, self.engineer_b: 1, self.engineer_c: 3},
        )
        content, _report_type = (
            self.env[f"report.{TEAM_XLSX}"]
            .with_context(active_model="helpdesk.engineer.appraisal")
            .create_xlsx_report(appraisals.ids, {})
        )
        rows = list(
            load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)
        )
        self.assertEqual(
            {row[0]: row[13] for row in rows[1:-1]},
            {"Engineer A": 1, "Engineer B": 1, "Engineer C": 3},
        )


class TestScoringResults(MonthlyAppraisalCommon):
    """The appraisal stores each component's score with the numbers of its
    explanation as the scoring returned them; the explanations print those."""

    def test_worked_example_stores_its_explanation_numbers(self):
        self._generate()
        appraisal = self._appraisal_of(self.engineer_a)
        # P 34.5 / S 40 = 0.8625, below the cap 1; 83.75 within 0 to 100.
        self.assertAlmostEqual(appraisal.efficiency_ratio, 0.8625)
        self.assertFalse(appraisal.efficiency_capped)
        self.assertAlmostEqual(appraisal.component_sum, 83.75)
        self.assertFalse(appraisal.total_bounded)

    def test_cap_and_bounds_are_stored(self):
        # 45 more standard orders: P 79.5 / S 40 = 1.9875 over the cap 1.
        self._create_tickets(
            count=45, engineers=self.engineer_a, difficulty=self.level_standard
        )
        # C has no order: 0 + 90 + 10 + 10 = 110 -> 100.
        self.env.company.appraisal_customer_max = 90
        self._generate()
        appraisal_a = self._appraisal_of(self.engineer_a)
        self.assertAlmostEqual(appraisal_a.efficiency_ratio, 1.9875)
        self.assertTrue(appraisal_a.efficiency_capped)
        self.assertEqual(appraisal_a.efficiency, 1)
        # 60 + max(0, 90 - 2 x 3) + 8 + 10 = 162 -> 100.
        self.assertAlmostEqual(appraisal_a.component_sum, 162)
        self.assertTrue(appraisal_a.total_bounded)
        self.assertEqual(appraisal_a.total_score, 100)
        appraisal_c = self._appraisal_of(self.engineer_c)
        self.assertFalse(appraisal_c.efficiency_capped)
        self.assertAlmostEqual(appraisal_c.component_sum, 110)
        self.assertTrue(appraisal_c.total_bounded)
        self.assertEqual(appraisal_c.total_explanation, "0 + 90 + 10 + 10 = 110 -> 100")

    def test_explanations_print_the_stored_numbers(self):
        # Numbers stored as a refresh would (here by the superuser): the
        # explanation prints them and works nothing out again.
        appraisal = self.Appraisal.create(
            {
                "employee_id": self.engineer_c.id,
                "month": NOVEMBER,
                "earned_points": 52,
                "standard_points": 40,
                "efficiency_ratio": 1.3,
                "efficiency_capped": True,
                "efficiency": 1.2,
                "efficiency_cap": 1.2,
                "workload_max": 60,
                "workload_score": 72,
                "customer_max": 20,
                "dissatisfied_deduction": 2,
                "customer_score": 20,
                "work_log_max": 10,
                "work_log_deduction": 1,
                "work_log_score": 10,
                "order_form_max": 10,
                "order_form_deduction": 1,
                "order_form_score": 10,
                "component_sum": 112,
                "total_bounded": True,
                "total_score": 100,
            }
        )
        self.assertEqual(
            appraisal.workload_explanation,
            "P 52 / S 40 = 1.3, capped at E 1.2 -> 60 x 1.2 = 72",
        )
        self.assertEqual(appraisal.total_explanation, "72 + 20 + 10 + 10 = 112 -> 100")
        # Not capped, not bounded: the plain formulas.
        appraisal.write(
            {
                "efficiency_ratio": 1.2,
                "efficiency_capped": False,
                "component_sum": 100,
                "total_bounded": False,
            }
        )
        self.assertEqual(
            appraisal.workload_explanation,
            "P 52 / S 40 = E 1.2 -> 60 x 1.2 = 72",
        )
        self.assertEqual(appraisal.total_explanation, "72 + 20 + 10 + 10 = 100")

    def test_migration_gives_older_appraisals_their_numbers(self):
        # Appraisals computed before the numbers were stored: A capped
        # (P 79.5 / S 40) and done, C bounded (0 + 90 + 10 + 10 = 110 -> 100).
        self._create_tickets(
            count=45, engineers=self.engineer_a, difficulty=self.level_standard
        )
        self.env.company.appraisal_customer_max = 90
        self._generate()
        appraisal_a = self._appraisal_of(self.engineer_a)
        appraisal_c = self._appraisal_of(self.engineer_c)
        self._approve(appraisal_a)
        explanations = [
            (appraisal.workload_explanation, appraisal.total_explanation)
            for appraisal in (appraisal_a, appraisal_c)
        ]
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE helpdesk_engineer_appraisal SET efficiency_ratio = NULL, "
                "efficiency_capped = NULL, component_sum = NULL, "
                "total_bounded = NULL WHERE id IN %s",
                (appraisal_a | appraisal_c)._ids,
            )
        )
        self.env.invalidate_all()
        self.assertFalse(appraisal_c.total_bounded)
        path = f"{get_module_path('helpdesk_engineer_appraisal')}/migrations/"
        spec = importlib.util.spec_from_file_location(
            "post_migrate", f"{path}18.0.1.1.0/post-migrate.py"
        )
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "18.0.1.0.0")
        self.env.invalidate_all()
        self.assertTrue(appraisal_a.efficiency_capped)
        self.assertAlmostEqual(appraisal_a.efficiency_ratio, 1.9875)
        self.assertAlmostEqual(appraisal_c.component_sum, 110)
        self.assertTrue(appraisal_c.total_bounded)
        self.assertEqual(appraisal_a.state, "done")
        self.assertEqual(
            [
                (appraisal.workload_explanation, appraisal.total_explanation)
                for appraisal in (appraisal_a, appraisal_c)
            ],
            explanations,
        )
        self.assertEqual(
            explanations[0][0], "P 79.5 / S 40 = 1.9875, capped at E 1 -> 60 x 1 = 60"
        )
        self.assertEqual(explanations[1][1], "0 + 90 + 10 + 10 = 110 -> 100")
