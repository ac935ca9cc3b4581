# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import math
from collections import Counter

from openpyxl import load_workbook

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.base.tests.common import new_test_user

from .appraisal_common import OCTOBER
from .pay_common import PayCommon

XLSX = "helpdesk_engineer_appraisal.pay_statement_xlsx"
PDF = "helpdesk_engineer_appraisal.report_pay_statement"


class PayWorkflowCommon(PayCommon):
    """October: A scores 60 (22 days: 2200 + 900 = 3100), B 80 (1200), the
    supervisor leads them (mean 70: 80 % x 2000 = 1600)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sheet_a = cls._sheet(cls.engineer_a, 60)
        cls.sheet_b = cls._sheet(cls.engineer_b, 80)
        cls.statements = cls._statements()
        cls.statement_a = cls.statements.filtered(
            lambda st: st.employee_id == cls.engineer_a
        )
        cls.statement_b = cls.statements.filtered(
            lambda st: st.employee_id == cls.engineer_b
        )
        cls.statement_s = cls.statements.filtered(
            lambda st: st.employee_id == cls.supervisor
        )
        cls.statement_a.with_user(cls.manager_user).days_attended = 22
        cls.statements._refresh()


class TestPayWorkflow(PayWorkflowCommon):
    def test_totals(self):
        self.assertEqual(
            [st.total for st in (self.statement_a, self.statement_b, self.statement_s)],
            [3100.0, 1200.0, 1600.0],
        )

    def test_approved_statement_is_frozen(self):
        self.statements.with_user(self.manager_user).action_approve()
        self.assertEqual(set(self.statements.mapped("state")), {"approved"})
        self.assertEqual(self.statement_a.approved_by_id, self.manager_user)
        # Later facts change nothing: three complaints, a lower score.
        self._complaints(self.engineer_a, ["hotline"] * 3)
        self.sheet_a._computed_write({"total_score": 10})
        self.statements._refresh()
        self.assertEqual(self.statement_a.total, 3100.0)
        with self.assertRaisesText(UserError, "frozen"):
            self.statement_a.with_user(self.manager_user).days_attended = 20
        with self.assertRaisesText(UserError, "cannot be deleted"):
            self.statement_a.with_user(self.manager_user).unlink()
        # Reopened with a logged reason, it follows the facts again.
        with self.assertRaisesText(UserError, "reason"):
            self.statement_a.with_user(self.manager_user).action_reopen()
        self.statement_a.with_user(self.manager_user).reopen_reason = "Complaints"
        self.statement_a.with_user(self.manager_user).action_reopen()
        self.assertEqual(self.statement_a.state, "draft")
        self.assertFalse(self.statement_a.reopen_reason)
        self.assertIn("Reopened: Complaints", self.statement_a.message_ids[0].body)
        self.assertEqual(self.statement_a.total, 2200.0)

    def test_approval_waits_for_the_sheets(self):
        self.sheet_b._computed_write({"state": "review"})
        with self.assertRaisesText(UserError, "is not done yet"):
            self.statement_b.with_user(self.manager_user).action_approve()
        self.assertEqual(self.statement_b.state, "draft")

    def test_export_for_payroll(self):
        with self.assertRaisesText(UserError, "Approved, Exported"):
            self.statements.with_user(self.manager_user).action_export_xlsx()
        self.statements.with_user(self.manager_user).action_approve()
        action = self.statements.with_user(self.manager_user).action_export_xlsx()
        self.assertEqual(action["report_name"], XLSX)
        self.assertEqual(set(self.statements.mapped("state")), {"exported"})
        content, report_type = self.env["ir.actions.report"]._render(
            XLSX, self.statements.ids, {}
        )
        self.assertEqual(report_type, "xlsx")
        sheet = load_workbook(io.BytesIO(content), data_only=True).active
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        self.assertEqual(
            rows[0],
            [
                "Employee",
                "Department",
                "Period",
                "Pay Plan",
                "Standard Wage for the Days Attended",
                "Performance Pay",
                "Manager's Performance Pay",
                "Failing Quarter",
                "Total",
            ],
        )
        by_name = {row[0]: row for row in rows[1:]}
        self.assertEqual(
            by_name["Engineer A"][2:],
            [
                "2026-10",
                "Service Technicians (004-R)",
                2200.0,
                900.0,
                None,
                0.0,
                3100.0,
            ],
        )
        self.assertEqual(
            by_name["Supervisor Sun"][4:], [0.0, None, 1600.0, 0.0, 1600.0]
        )
        self.assertEqual(len(rows), 4)

    def test_pdf(self):
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(PDF, self.statement_a.ids)[0]
            .decode()
        )
        self.assertIn("1,500 x score 60 %", html)
        self.assertIn("DRAFT", html)

    def _team_of(self, size):
        """``size`` more engineers under the supervisor, scoring 70."""
        employees = self.env["hr.employee"].create(
            [
                {"name": f"Engineer {n}", "parent_id": self.supervisor.id}
                for n in range(size)
            ]
        )
        self.plan.employee_ids |= employees
        self.template.employee_ids |= employees
        employees.appraisal_performance_base = 1000
        for employee in employees:
            self._sheet(employee, 70)
        return self._statements()

    def test_refresh_reads_the_facts_in_a_constant_number_of_queries(self):
        # 9 statements, then 21: the facts (sheets, complaints, contracts,
        # bases, team) are read as many times; only the write of each
        # statement's own total rereads its row (one per statement).
        # Team mean (60 + 80 + 70 x n) / (n + 2) = 70 -> 80 % x 2000 = 1600.
        reads = {}
        for size in (6, 18):
            statements = self._team_of(size - len(reads) * 6)
            self.assertEqual(len(statements), 3 + size)
            self.env.invalidate_all()
            with self._capture_reads() as reads[size]:
                statements._refresh()
            self.assertEqual(self._of(statements, self.supervisor).total, 1600.0)
        extra = list((Counter(reads[18]) - Counter(reads[6])).elements())
        self.assertLessEqual(len(extra), 12)
        for query in extra:
            self.assertTrue(
                query.startswith('SELECT "helpdesk_appraisal_pay_statement"."id"'),
                query,
            )


class TestPayAccess(PayWorkflowCommon):
    def test_engineer_reads_own_approved_statement_only(self):
        Statement = self.Statement.with_user(self.engineer_a_user)
        self.assertFalse(Statement.search([("id", "in", self.statements.ids)]))
        self.statements.with_user(self.manager_user).action_approve()
        self.assertEqual(
            Statement.search([("id", "in", self.statements.ids)]), self.statement_a
        )
        self.assertEqual(self.statement_a.with_user(self.engineer_a_user).total, 3100.0)
        with self.assertRaises(AccessError):
            self.statement_b.with_user(self.engineer_a_user).read(["total"])

    def test_supervisor_reads_the_team(self):
        Statement = self.Statement.with_user(self.supervisor_user)
        self.assertEqual(
            Statement.search([("id", "in", self.statements.ids)]), self.statements
        )
        c_statement = self.Statement.create(
            {
                "plan_id": self.plan.id,
                "employee_id": self.engineer_c.id,
                "month": self.statement_a.month,
            }
        )
        self.assertNotIn(c_statement, Statement.search([]))

    def test_engineer_and_supervisor_cannot_change_or_approve(self):
        for user in (self.engineer_a_user, self.supervisor_user):
            statement = self.statement_a.with_user(user)
            with self.assertRaises(AccessError):
                statement.write({"days_attended": 26})
            with self.assertRaises(AccessError):
                statement.action_approve()
            with self.assertRaises(AccessError):
                statement.action_refresh()
            with self.assertRaises(AccessError):
                self.Statement.with_user(user).create(
                    {
                        "plan_id": self.plan.id,
                        "employee_id": self.engineer_a.id,
                        "month": "2026-09-01",
                    }
                )
        self.assertEqual(self.statement_a.state, "draft")
        self.assertEqual(self.statement_a.days_attended, 22)

    def test_amounts_and_stage_are_never_written_by_hand(self):
        # Not by the manager, not with a forged context key over RPC.
        for context in ({}, {"pay_computed_write": True}):
            statement = self.statement_a.with_user(self.manager_user).with_context(
                **context
            )
            with self.assertRaisesText(AccessError, "are computed"):
                statement.write({"total": 99999})
            with self.assertRaisesText(AccessError, "are computed"):
                statement.write({"state": "approved"})
        with self.assertRaises(AccessError):
            self.statement_a.line_ids.with_user(self.manager_user).write(
                {"amount": 99999}
            )
        self.assertEqual(self.statement_a.total, 3100.0)
        self.assertEqual(self.statement_a.state, "draft")

    def test_context_defaults_set_neither_the_amounts_nor_the_stage(self):
        """``default_`` keys sent over RPC are values like any other:
        refused for what the statement computes, and generation takes
        none of them."""
        for key, value in (
            ("default_state", "approved"),
            ("default_total", 99999),
            ("default_approved_by_id", self.manager_user.id),
        ):
            with (
                self.subTest(key=key),
                self.assertRaisesText(AccessError, "are computed"),
            ):
                self.Statement.with_user(self.manager_user).with_context(
                    **{key: value}
                ).create(
                    {
                        "plan_id": self.plan.id,
                        "employee_id": self.engineer_a.id,
                        "month": "2026-11-01",
                    }
                )
        self.statements.unlink()
        statements = (
            self.Statement.with_user(self.manager_user)
            .with_context(default_state="approved", default_total=99999)
            ._generate(self.plan, OCTOBER)
        )
        self.assertEqual(set(statements.mapped("state")), {"draft"})
        # As generated without the keys: B 1200, the supervisor 1600.
        self.assertEqual(self._of(statements, self.engineer_b).total, 1200.0)
        self.assertEqual(self._of(statements, self.supervisor).total, 1600.0)

    def test_own_statement_is_approved_by_another_manager(self):
        self.manager.appraisal_performance_base = 3000
        statement = self.Statement.create(
            {
                "plan_id": self.plan.id,
                "employee_id": self.manager.id,
                "month": self.statement_a.month,
            }
        )
        with self.assertRaisesText(AccessError, "your own"):
            statement.with_user(self.manager_user).action_approve()

    def test_performance_base_is_for_payroll_only(self):
        for user in (self.engineer_a_user, self.supervisor_user, self.manager_user):
            with self.assertRaises(AccessError):
                self.engineer_a.with_user(user).read(["appraisal_performance_base"])
            with self.assertRaises(AccessError):
                self.engineer_a.with_user(user).write(
                    {"appraisal_performance_base": 99999}
                )
        payroll = new_test_user(
            self.env, login="payroll", groups="base.group_user,hr.group_hr_user"
        )
        employee = self.engineer_a.with_user(payroll)
        self.assertEqual(employee.appraisal_performance_base, 1500.0)
        employee.appraisal_performance_base = 1600.0
        with self.assertRaisesText(ValidationError, "between"):
            employee.write({"appraisal_performance_base": -1.0})
        with self.assertRaisesText(ValidationError, "finite number"):
            employee.write({"appraisal_performance_base": math.nan})
        self.assertEqual(self.engineer_a.appraisal_performance_base, 1600.0)

    def test_other_company_statements_are_hidden(self):
        branch = self.env["res.company"].create({"name": "Branch"})
        engineer = self.env["hr.employee"].create(
            {"name": "Engineer Zhao", "company_id": branch.id}
        )
        plan = self.env["helpdesk.appraisal.pay.plan"].create(
            {
                "name": "Branch plan",
                "company_id": branch.id,
                "employee_ids": [Command.set(engineer.ids)],
                "line_ids": [
                    Command.create({"name": "Bonus", "kind": "fixed", "amount": 100})
                ],
            }
        )
        branch_statement = self._statements(plan)
        self.assertEqual(branch_statement.company_id, branch)
        self.assertEqual(branch_statement.total, 100.0)
        self.manager_user.company_ids = [Command.link(branch.id)]
        Statement = self.Statement.with_user(self.manager_user)
        self.assertNotIn(
            branch_statement,
            Statement.with_context(allowed_company_ids=[self.env.company.id]).search(
                []
            ),
        )
        self.assertEqual(
            Statement.with_context(allowed_company_ids=[branch.id]).search([]),
            branch_statement,
        )
        # A plan of the branch cannot pay an employee of the main company.
        with self.assertRaises(UserError):
            self.Statement.create(
                {
                    "plan_id": plan.id,
                    "employee_id": self.engineer_a.id,
                    "company_id": branch.id,
                    "month": "2026-10-01",
                }
            )


class TestPaySettings(PayCommon):
    def test_bad_settings_are_refused(self):
        company = self.env.company
        for field, value, message in (
            ("appraisal_pay_complaint_veto_count", -1, "between"),
            ("appraisal_pay_quarter_threshold", math.nan, "finite number"),
            ("appraisal_pay_manager_low_percent", -5.0, "between"),
            ("appraisal_pay_standard_days", 0.0, "more than 0"),
            ("appraisal_pay_manager_mid_threshold", 95.0, "must be above"),
        ):
            with (
                self.subTest(field=field),
                self.assertRaisesText(ValidationError, message),
            ):
                company.write({field: value})
        self.assertEqual(company.appraisal_pay_manager_mid_threshold, 80.0)

    def test_settings_are_for_managers(self):
        with self.assertRaises(AccessError):
            self.env["res.config.settings"].with_user(self.supervisor_user).create(
                {"appraisal_pay_standard_days": 30}
            )

    def test_bad_terms_are_refused(self):
        Line = self.env["helpdesk.appraisal.pay.plan.line"]
        base = {"plan_id": self.plan.id, "name": "Bad"}
        for values, message in (
            ({"kind": "fixed", "amount": math.nan}, "finite number"),
            ({"kind": "pool_share", "share_percent": 120}, "between"),
            ({"kind": "pool_share", "factor_below_percent": -1}, "between"),
            (
                {"kind": "pool_share", "factor_below_percent": 120},
                "cannot exceed",
            ),
            ({"kind": "threshold"}, "choose its KPI sheet line"),
            (
                {"kind": "fixed", "alternative_of_id": self.plan.line_ids[0].id},
                "needs both",
            ),
        ):
            with (
                self.subTest(values=values),
                self.assertRaisesText(ValidationError, message),
            ):
                Line.create(base | values)

    def test_plan_reading_sheets_needs_a_template(self):
        with self.assertRaisesText(ValidationError, "give it a KPI sheet template"):
            self.plan.template_id = False

    def test_engineer_cannot_change_plans(self):
        with self.assertRaises(AccessError):
            self.plan.line_ids[0].with_user(self.supervisor_user).write({"amount": 5})
        with self.assertRaises(AccessError):
            self.plan.with_user(self.engineer_a_user).write({"name": "Mine"})
