# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command

from .common import AppraisalCommon
from .pay_common import OCTOBER, PayCommon


class TestPay004R(PayCommon):
    """004-R as shipped: wage for the days attended, performance pay by the
    month's score, the complaint veto, the manager's factor and the failing
    quarter, each term with its numbers."""

    def test_worked_example_of_the_seed(self):
        # One hotline complaint (-10), one to the general manager (-20), one
        # dissatisfied field visit (-10): score 60. Two count towards the
        # veto (hotline and general manager, Q11): 2 < 3, paid.
        # Wage 2600 / 26 x 22 days = 2200; performance 1500 x 60 % = 900.
        self._complaints(self.engineer_a, ["hotline", "general_manager", "field_visit"])
        sheet = self._sheet(self.engineer_a, 60)
        statements = self._statements()
        statement = self._of(statements, self.engineer_a)
        statement.with_user(self.manager_user).days_attended = 22
        statement._refresh()
        self.assertEqual(
            self._terms(statement),
            [
                ("Standard Wage for the Days Attended", 2200.0),
                ("Performance Pay", 900.0),
                ("Failing Quarter", 0.0),
            ],
        )
        self.assertEqual(statement.total, 3100.0)
        self.assertEqual(statement.days_source, "entered")
        self.assertEqual(statement.sheet_ids, sheet)
        wage, performance, quarter = statement.line_ids
        self.assertEqual(wage.formula, "2,600 / 26 x 22 days")
        self.assertEqual(performance.formula, "1,500 x score 60 %")
        self.assertEqual(quarter.formula, "applies in the quarter's last month")

    def test_three_complaints_cancel_the_performance_pay(self):
        # 3 attributable complaints (2 hotline, 1 general manager): no
        # performance pay, whatever the score (70).
        self._complaints(self.engineer_b, ["hotline", "hotline", "general_manager"])
        self._sheet(self.engineer_b, 70)
        statement = self._of(self._statements(), self.engineer_b)
        performance = statement.line_ids.filtered(lambda line: line.kind == "score_pay")
        self.assertEqual(performance.amount, 0.0)
        self.assertEqual(
            performance.formula, "3 attributable complaints: no performance pay"
        )
        # "三次以上" read as more than three: 1500 x 70 % = 1050.
        self.env.company.appraisal_pay_complaint_veto_inclusive = False
        statement._refresh()
        self.assertEqual(
            statement.line_ids.filtered(lambda line: line.kind == "score_pay").amount,
            1050.0,
        )

    def test_field_visits_do_not_count_towards_the_veto(self):
        self._complaints(self.engineer_b, ["field_visit"] * 3)
        self._sheet(self.engineer_b, 70)
        statement = self._of(self._statements(), self.engineer_b)
        self.assertIn(("Performance Pay", 1050.0), self._terms(statement))

    def test_no_sheet_pays_no_performance(self):
        statement = self._of(self._statements(), self.engineer_b)
        performance = statement.line_ids.filtered(lambda line: line.kind == "score_pay")
        self.assertEqual(
            (performance.amount, performance.formula), (0.0, "no KPI sheet")
        )
        # No contract: the wage term is 0 for B.
        self.assertEqual(statement.line_ids[0].amount, 0.0)

    def test_manager_factor_from_the_team_mean(self):
        # A 80 and B 90: mean 85 -> 90 %: 2000 x 90 % = 1800, instead of the
        # supervisor's own performance pay.
        self._sheet(self.engineer_a, 80)
        self._sheet(self.engineer_b, 90)
        statement = self._of(self._statements(), self.supervisor)
        self.assertEqual(
            self._terms(statement),
            [
                ("Standard Wage for the Days Attended", 0.0),
                ("Manager's Performance Pay", 1800.0),
                ("Failing Quarter", 0.0),
            ],
        )
        self.assertEqual(
            statement.line_ids[1].formula, "2,000 x 90 % (team mean 85 of 2)"
        )

    def test_manager_factor_at_the_tier_boundaries(self):
        # Means 89.99, 90, 80 and 79.99 -> 90 %, 100 %, 90 %, 80 % of 2000.
        sheet_a = self._sheet(self.engineer_a, 90)
        sheet_b = self._sheet(self.engineer_b, 90)
        statement = self._of(self._statements(), self.supervisor)
        for total_a, total_b, mean, amount in (
            (89.98, 90, 89.99, 1800.0),
            (90, 90, 90, 2000.0),
            (80, 80, 80, 1800.0),
            (79.98, 80, 79.99, 1600.0),
        ):
            with self.subTest(mean=mean):
                sheet_a._computed_write({"total_score": total_a})
                sheet_b._computed_write({"total_score": total_b})
                statement._refresh()
                self.assertEqual(statement.line_ids[1].amount, amount)

    def test_five_team_complaints_cancel_the_manager_pay(self):
        # Team mean 95, but 3 complaints against A and 2 against B: 5 -> 0.
        self._sheet(self.engineer_a, 95)
        self._sheet(self.engineer_b, 95)
        self._complaints(self.engineer_a, ["hotline"] * 3)
        self._complaints(self.engineer_b, ["general_manager"] * 2)
        statement = self._of(self._statements(), self.supervisor)
        self.assertEqual(
            (statement.line_ids[1].amount, statement.line_ids[1].formula),
            (0.0, "5 team complaints: no performance pay"),
        )

    def test_failing_quarter_pays_half(self):
        # Q3: A scores 60, 55, 50: mean 55 < 59. Performance pay 900 + 825 +
        # 750 = 2475; September pays -50 % x 2475 = -1237.50.
        months = [date(2026, 7, 1), date(2026, 8, 1), date(2026, 9, 1)]
        for month, total in zip(months, (60, 55, 50), strict=True):
            self._sheet(self.engineer_a, total, month)
        for month in months:
            statements = self._statements(month=month)
        statement = self._of(statements, self.engineer_a)
        self.assertEqual(statement.line_ids[1].amount, 750.0)
        quarter = statement.line_ids[2]
        self.assertEqual(quarter.amount, -1237.5)
        self.assertEqual(
            quarter.formula,
            "quarter score 55: 50 % of 2,475 performance pay",
        )
        self.assertFalse(statement.year_end_cancelled)
        # A failing first quarter too: two failing quarters, no year-end
        # appraisal.
        self._sheet(self.engineer_a, 40, date(2026, 2, 1))
        statement._refresh()
        self.assertTrue(statement.year_end_cancelled)

    def test_quarter_of_59_pays_in_full(self):
        for month in (date(2026, 7, 1), date(2026, 8, 1), date(2026, 9, 1)):
            self._sheet(self.engineer_a, 59, month)
        statement = self._of(self._statements(month=date(2026, 9, 1)), self.engineer_a)
        self.assertEqual(statement.line_ids[2].amount, 0.0)


class TestPay004RShipped(AppraisalCommon):
    """The shipped plan on the shipped 004-R KPI sheet template: the seed's
    worked example from the complaints to the money."""

    def test_complaints_to_pay(self):
        # A: hotline (-10), general manager (-20), dissatisfied field visit
        # (-10), all attributable: the sheet scores 60; 1500 x 60 % = 900.
        template = self.env.ref("helpdesk_engineer_appraisal.sheet_template_004r")
        plan = self.env.ref("helpdesk_engineer_appraisal.pay_plan_004r")
        self.assertEqual(plan.template_id, template)
        for record in (template, plan):
            record.write(
                {"active": True, "employee_ids": [Command.set(self.engineer_a.ids)]}
            )
        self.engineer_a.appraisal_performance_base = 1500.0
        complaints = self.env["helpdesk.complaint"].create(
            [
                {
                    "description": "Came late",
                    "date": "2026-10-12",
                    "channel": channel,
                    "employee_ids": [Command.set(self.engineer_a.ids)],
                }
                for channel in ("hotline", "general_manager", "field_visit")
            ]
        )
        complaints.with_user(self.supervisor_user).action_verify_attributable()
        sheet = self.env["helpdesk.appraisal.sheet"]._generate(template, OCTOBER)
        self.assertEqual(sheet.total_score, 60)
        statement = self.env["helpdesk.appraisal.pay.statement"]._generate(
            plan, OCTOBER
        )
        self.assertEqual(statement.sheet_ids, sheet)
        self.assertEqual(
            [(line.name, line.amount) for line in statement.line_ids],
            [
                ("Standard Wage for the Days Attended", 0.0),
                ("Performance Pay", 900.0),
                ("Failing Quarter", 0.0),
            ],
        )


class TestPayPatterns(PayCommon):
    """004-H threshold and pool, 002-E1, fixed terms and the alternative on
    the monthly flag, on plans of their own."""

    def _plan(self, lines, **values):
        return self.env["helpdesk.appraisal.pay.plan"].create(
            {
                "name": "Test plan",
                "template_id": self.template.id,
                "employee_ids": [
                    Command.set(
                        (self.engineer_a | self.engineer_b | self.engineer_c).ids
                    )
                ],
                "line_ids": [Command.create(line) for line in lines],
                **values,
            }
        )

    def test_threshold_bonus_or_penalty(self):
        # 004-H2: first-time fix 90 -> +100; 89.99 -> -100.
        plan = self._plan(
            [
                {
                    "name": "First-time fix",
                    "kind": "threshold",
                    "amount": 100,
                    "template_line_id": self.template_line.id,
                }
            ]
        )
        self._sheet(self.engineer_a, 90, actual=90)
        self._sheet(self.engineer_b, 90, actual=89.99)
        statements = self._statements(plan)
        self.assertEqual(
            self._terms(self._of(statements, self.engineer_a)),
            [("First-time fix", 100.0)],
        )
        b_term = self._of(statements, self.engineer_b).line_ids
        self.assertEqual((b_term.amount, b_term.formula), (-100.0, "89.99 < 90: -100"))

    def test_pool_share_with_accuracy_factor(self):
        # 004-H3: pool 10000; A 36 % x score 90 % x accuracy 95 -> 100 % =
        # 3240; B (other job) 27 % x 80 % x accuracy 85 -> 80 % = 1728.
        manager_job, planner_job = self.env["hr.job"].create(
            [{"name": "Parts Manager"}, {"name": "Parts Planner"}]
        )
        self.engineer_a.job_id = manager_job
        self.engineer_b.job_id = planner_job
        pool = {
            "kind": "pool_share",
            "amount": 10000,
            "template_line_id": self.template_line.id,
        }
        plan = self._plan(
            [
                pool
                | {
                    "name": "Parts pool",
                    "share_percent": 36,
                    "job_ids": [Command.set(manager_job.ids)],
                },
                pool
                | {
                    "name": "Parts pool",
                    "share_percent": 27,
                    "job_ids": [Command.set(planner_job.ids)],
                },
            ]
        )
        self._sheet(self.engineer_a, 90, actual=95)
        self._sheet(self.engineer_b, 80, actual=85)
        statements = self._statements(plan)
        self.assertEqual(self._of(statements, self.engineer_a).total, 3240.0)
        b_term = self._of(statements, self.engineer_b).line_ids
        self.assertEqual(b_term.amount, 1728.0)
        self.assertEqual(b_term.formula, "10,000 x 27 % x score 80 % x 80 %")
        # C has no job of the pool: no term.
        self.assertFalse(self._of(statements, self.engineer_c).line_ids)

    def test_grade_pool_002_e1(self):
        # A graded A (95: 950), B graded C (70: 700, loses 20 % = 140), C
        # graded D (50: 500, loses 50 % = 250): A receives 140 + 250 = 390.
        scale = self.env.ref("helpdesk_engineer_appraisal.grade_scale_a_d")
        grades = {line.code: line for line in scale.line_ids}
        grades["A"].pay_receives_pool = True
        grades["C"].pay_deduction_percent = 20
        grades["D"].pay_deduction_percent = 50
        (
            self.engineer_a | self.engineer_b | self.engineer_c
        ).appraisal_performance_base = 1000
        self.template.employee_ids |= self.engineer_c
        plan = self._plan(
            [
                {"name": "Performance", "kind": "score_pay", "sequence": 1},
                {"name": "Grade pool", "kind": "grade_pool", "sequence": 2},
            ]
        )
        self._sheet(self.engineer_a, 95, grade=grades["A"])
        self._sheet(self.engineer_b, 70, grade=grades["C"])
        self._sheet(self.engineer_c, 50, grade=grades["D"])
        statements = self._statements(plan)
        self.assertEqual(
            [
                self._terms(self._of(statements, employee))
                for employee in (self.engineer_a, self.engineer_b, self.engineer_c)
            ],
            [
                [("Performance", 950.0), ("Grade pool", 390.0)],
                [("Performance", 700.0), ("Grade pool", -140.0)],
                [("Performance", 500.0), ("Grade pool", -250.0)],
            ],
        )
        self.assertEqual(
            self._of(statements, self.engineer_a).line_ids[1].formula,
            "390 deducted from lower grades / 1",
        )
        self.assertEqual(
            self._of(statements, self.engineer_b).line_ids[1].formula,
            "20 % of the bonus 700",
        )

    def test_alternative_on_the_monthly_flag(self):
        plan = self._plan(
            [{"name": "Bonus", "kind": "fixed", "amount": 100}],
            flag_label="Too few returns",
        )
        plan.line_ids = [
            Command.create(
                {
                    "name": "Reduced bonus",
                    "kind": "fixed",
                    "amount": 50,
                    "alternative_of_id": plan.line_ids.id,
                    "condition": "flag",
                }
            )
        ]
        statement = self._of(self._statements(plan), self.engineer_a)
        self.assertEqual(self._terms(statement), [("Bonus", 100.0)])
        statement.with_user(self.manager_user).monthly_flag = True
        statement._refresh()
        self.assertEqual(self._terms(statement), [("Reduced bonus", 50.0)])

    def test_piece_rate_without_crews(self):
        plan = self._plan([{"name": "Piece rate", "kind": "piece_rate"}])
        statement = self._of(self._statements(plan), self.engineer_a)
        self.assertEqual(statement.line_ids.amount, 0.0)
        self.assertEqual(statement.line_ids.formula, "no approved crew month")

    def test_amounts_round_to_the_currency(self):
        # 2600 / 26 x 20.5 = 2050; 1500 x 33.333 % = 499.995 -> 500.00.
        self._sheet(self.engineer_a, 33.333)
        statement = self._of(self._statements(), self.engineer_a)
        statement.with_user(self.manager_user).days_attended = 20.5
        statement._refresh()
        self.assertEqual(
            [line.amount for line in statement.line_ids], [2050.0, 500.0, 0.0]
        )
