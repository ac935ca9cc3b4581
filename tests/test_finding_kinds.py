# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form

from .appraisal_common import OCTOBER, MonthlyAppraisalCommon
from .test_project_task import DEADLINE, TaskCommon
from .test_quality_finding import FindingCommon

OCTOBER_END = date(2026, 10, 31)
# Kind: default deduction (KPI_SPEC G6; report errors and rule violations
# have no number in the seeds: 1 point until the company sets its own).
NEW_KINDS = {
    "false_record": 5.0,
    "unrecorded_outing": 5.0,
    "work_error": 3.0,
    "report_error": 1.0,
    "rule_violation": 1.0,
}


class TestFindingKinds(FindingCommon):
    def _report_lapse(self, kind, employee=None, user=None, **values):
        return self._report(
            {
                "kind": kind,
                "employee_id": (employee or self.engineer_a).id,
                "date": "2026-10-20",
                **values,
            },
            user,
        )

    def test_each_kind_takes_its_default_deduction(self):
        findings = {kind: self._report_lapse(kind) for kind in NEW_KINDS}
        for kind, deduction in NEW_KINDS.items():
            self.assertRecordValues(
                findings[kind],
                [
                    {
                        "deduction": deduction,
                        "ticket_id": False,
                        "employee_id": self.engineer_a.id,
                        "month": OCTOBER,
                        "state": "active",
                    }
                ],
            )
        # The kinds about an order keep their 1 point.
        work_log = self._report_work_log(self.ticket_ab, self.engineer_a)
        order_form = self._report_order_form(self.ticket_ab, self.engineer_b)
        self.assertEqual((work_log | order_form).mapped("deduction"), [1.0, 1.0])
        self.assertEqual(
            findings["false_record"].display_name, "False Record - Engineer A"
        )
        self.assertEqual(work_log.display_name, self.ticket_ab.display_name)
        # A new setting applies to the findings recorded from then on.
        self.env.company.appraisal_work_error_deduction = 4.0
        later = self._report_lapse("work_error", self.engineer_b)
        self.assertEqual(later.deduction, 4.0)
        self.assertEqual(findings["work_error"].deduction, 3.0)

    def test_supervisor_sets_the_deduction_of_a_finding(self):
        with Form(self.Finding.with_user(self.supervisor_user)) as form:
            form.kind = "false_record"
            form.employee_id = self.engineer_b
            self.assertEqual(form.deduction, 5.0)
            form.kind = "work_error"
            self.assertEqual(form.deduction, 3.0)
            form.deduction = 2.5
            form.reason = "Wrong part ordered"
        finding = form.record
        self.assertRecordValues(
            finding,
            [
                {
                    "kind": "work_error",
                    "deduction": 2.5,
                    "employee_id": self.engineer_b.id,
                }
            ],
        )
        finding.with_user(self.supervisor_user).deduction = 6.0
        self.assertEqual(finding.deduction, 6.0)

    def test_a_lapse_may_name_an_order_and_any_employee(self):
        # Engineer C is no engineer of the order: a false record about it is
        # still C's.
        finding = self._report_lapse(
            "false_record",
            self.engineer_c,
            user=self.manager_user,
            ticket_id=self.ticket_ab.id,
        )
        self.assertRecordValues(
            finding,
            [{"ticket_id": self.ticket_ab.id, "employee_id": self.engineer_c.id}],
        )

    def test_kinds_about_an_order_need_one(self):
        for values in (
            {"kind": "order_form", "employee_id": self.engineer_a.id},
            {"kind": "work_log", "employee_id": self.engineer_a.id},
        ):
            with self.assertRaisesText(ValidationError, "is about a service order"):
                self._report(values)
        finding = self._report_order_form(self.ticket_ab, self.engineer_a)
        with self.assertRaisesText(ValidationError, "is about a service order"):
            finding.with_user(self.supervisor_user).ticket_id = False
        lapse = self._report_lapse("work_error")
        with self.assertRaisesText(ValidationError, "is about a service order"):
            lapse.with_user(self.supervisor_user).kind = "order_form"
        self.assertEqual(self._test_findings(), finding | lapse)
        self.assertEqual(finding.ticket_id, self.ticket_ab)
        self.assertEqual(lapse.kind, "work_error")

    def test_bad_deductions_are_refused(self):
        finding = self._report_lapse("work_error")
        for value, message in (
            (120.0, "Deduction must lie between 0 and 100"),
            (-1.0, "Deduction must lie between 0 and 100"),
            (math.nan, "Deduction must be a finite number"),
        ):
            with self.assertRaisesText(ValidationError, message):
                self._report_lapse("false_record", deduction=value)
            with self.assertRaisesText(ValidationError, message):
                finding.with_user(self.supervisor_user).deduction = value
        self.assertEqual(self._test_findings(), finding)
        self.assertEqual(finding.deduction, 3.0)
        # The settings: the administrator saves them.
        Settings = self.env["res.config.settings"]
        for value, message in (
            (-5.0, "must lie between 0 and 100"),
            (101.0, "must lie between 0 and 100"),
            (math.nan, "must be a finite number"),
        ):
            with self.assertRaisesText(ValidationError, message):
                Settings.create({"appraisal_false_record_deduction": value})
        self.assertEqual(self.env.company.appraisal_false_record_deduction, 5.0)

    def test_engineer_cannot_record_or_change_a_deduction(self):
        finding = self._report_lapse("unrecorded_outing")
        own = finding.with_user(self.engineer_a_user)
        self.assertEqual(own.deduction, 5.0)
        with self.assertRaises(AccessError):
            own.deduction = 0.0
        with self.assertRaises(AccessError):
            self._report_lapse("work_error", user=self.engineer_a_user)
        with self.assertRaises(AccessError):
            self._report_lapse("work_error", self.engineer_b, user=self.engineer_a_user)
        self.assertEqual(self._test_findings(), finding)
        self.assertEqual(finding.deduction, 5.0)
        # Nor does a supervisor record one about themselves or outside the
        # team.
        with self.assertRaisesText(UserError, "about your own work"):
            self._report_lapse("work_error", self.supervisor)
        with self.assertRaises(AccessError):
            self._report_lapse("work_error", self.engineer_c)
        self.assertEqual(self._test_findings(), finding)

    def test_companies_are_kept_apart(self):
        branch = self.env["res.company"].create({"name": "Branch"})
        branch.appraisal_work_error_deduction = 2.0
        self.manager_user.company_ids = [Command.link(branch.id)]
        branch_employee = self.env["hr.employee"].create(
            {"name": "Branch Engineer", "company_id": branch.id}
        )
        Finding = self.Finding.with_user(self.manager_user).with_context(
            allowed_company_ids=[branch.id]
        )
        finding = Finding.create(
            {
                "kind": "work_error",
                "employee_id": branch_employee.id,
                "reason": "Wrong part ordered",
                "date": "2026-10-20",
            }
        )
        # The branch's own default deduction.
        self.assertRecordValues(finding, [{"company_id": branch.id, "deduction": 2.0}])
        self.assertEqual(Finding.search([]), finding)
        self.assertNotIn(
            finding, self.Finding.with_user(self.supervisor_user).search([])
        )
        with self.assertRaisesText(UserError, "Incompatible companies"):
            self._report_lapse("work_error", branch_employee, user=self.manager_user)

    def test_a_locked_month_keeps_its_findings(self):
        finding = self._report_lapse("false_record")
        self.env.company.with_user(self.manager_user)._set_appraisal_lock_date(
            OCTOBER_END, "October is closed"
        )
        with self.assertRaisesText(UserError, "locked up to"):
            finding.with_user(self.supervisor_user).deduction = 1.0
        with self.assertRaisesText(UserError, "locked up to"):
            self._report_lapse("work_error", date="2026-10-30")
        self.assertEqual(finding.deduction, 5.0)
        self.assertEqual(self._test_findings(), finding)
        self.assertTrue(self._report_lapse("work_error", date="2026-11-02"))

    def test_kinds_in_chinese(self):
        self._load_chinese()
        labels = dict(
            self.Finding.with_context(lang="zh_CN")
            ._fields["kind"]
            ._description_selection(self.env(context={"lang": "zh_CN"}))
        )
        self.assertEqual(labels["false_record"], "虚假记录")
        self.assertEqual(labels["unrecorded_outing"], "外出未登记")
        self.assertEqual(labels["work_error"], "工作失误")


class TestFindingKindsInTheAppraisal(MonthlyAppraisalCommon):
    def test_monthly_appraisal_counts_only_work_logs_and_order_forms(self):
        """Policy P5 worked example: A's total stays 83.75 whatever findings of
        the other kinds A has in October."""
        self._generate()
        appraisal = self._appraisal_of(self.engineer_a)
        self.assertAlmostEqual(appraisal.total_score, 83.75)
        self.env["helpdesk.quality.finding"].with_user(self.supervisor_user).create(
            [
                {
                    "kind": kind,
                    "employee_id": self.engineer_a.id,
                    "reason": "Seen by the supervisor",
                    "date": "2026-10-15",
                    **(
                        {"ticket_id": self.orders_a[4].id}
                        if kind == "work_error"
                        else {}
                    ),
                }
                for kind in NEW_KINDS
            ]
        )
        self._generate()
        self.assertEqual(self._appraisal_of(self.engineer_a), appraisal)
        self.assertRecordValues(
            appraisal,
            [
                {
                    "work_log_finding_count": 2,
                    "order_form_finding_count": 0,
                    "finding_count": 2,
                    "work_log_score": 8.0,
                    "order_form_score": 10.0,
                    "total_score": 83.75,
                    "grade": "good",
                }
            ],
        )
        findings = self.env["helpdesk.quality.finding"].search(
            appraisal.action_view_findings()["domain"]
        )
        self.assertEqual(findings, self.findings)
        # The approved appraisal keeps the two work logs among its facts.
        self._approve(appraisal)
        kept = appraisal.fact_ids.filtered(
            lambda fact: fact.kind in ("work_log", "order_form")
        )
        self.assertEqual(len(kept), 2)
        # The fact source counts each kind; a kind without finding is absent.
        counts = self.env["helpdesk.quality.finding"]._counts_by_employee_month(
            self.engineer_a, [OCTOBER]
        )[self.engineer_a.id, OCTOBER]
        self.assertEqual(
            {kind: counts.get(kind, 0) for kind in ("work_log", "order_form")},
            {"work_log": 2, "order_form": 0},
        )


class TestReportTaskKind(TaskCommon):
    def test_a_report_done_after_its_deadline_is_overdue(self):
        """A weekly report (KPI_SPEC 002-C3) is on time on its deadline day and
        overdue from the next day, like every appraised task."""
        on_time = self._done_at(
            self._create_task(appraisal_task_kind="report", quality_score=4.0),
            "2026-10-20 23:30",
        )
        late = self._done_at(
            self._create_task(appraisal_task_kind="report", quality_score=4.0),
            "2026-10-21 00:30",
        )
        inspection = self._done_at(
            self._create_task(quality_score=4.0), "2026-10-21 00:30"
        )
        self.assertRecordValues(
            on_time | late | inspection,
            [
                {"execution_status": "on_time", "appraisal_points": 4.0},
                {"execution_status": "overdue", "appraisal_points": 0.0},
                {"execution_status": "overdue", "appraisal_points": 0.0},
            ],
        )
        self.assertEqual(late.appraisal_deadline_day, DEADLINE.date())
        # Both late tasks count in the half-year penalty of engineer A.
        self.env.flush_all()
        counts = self.env["project.task"]._counts_by_employee_month(
            self.engineer_a, [date(2026, month, 1) for month in range(7, 13)]
        )
        self.assertEqual(
            sum(measures.get("overdue", 0) for measures in counts.values()), 2
        )
        self._load_chinese()
        labels = dict(
            self.env["project.task"]
            ._fields["appraisal_task_kind"]
            ._description_selection(self.env(context={"lang": "zh_CN"}))
        )
        self.assertEqual(labels["report"], "报告")
