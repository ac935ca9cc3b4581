# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form

from ..const import SERVICE_CENTRE_GROUP
from .common import AppraisalCommon, new_test_user

OCTOBER = (date(2026, 10, 1), date(2026, 10, 31))
NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))


class FindingCommon(AppraisalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The demo's work logs and findings, when the database has the demo.
        cls.existing_work_logs = cls.env["account.analytic.line"].search([])
        cls.Finding = cls.env["helpdesk.quality.finding"]
        cls.existing_findings = cls.Finding.search([])
        cls.ticket_ab = cls._create_tickets(
            engineers=cls.engineer_a | cls.engineer_b, interns=cls.intern
        )
        cls.ticket_c = cls._create_tickets(engineers=cls.engineer_c)

    def _test_findings(self, model=None):
        """The findings this test wrote, leaving out the demo's; ``model`` is
        the model as some user reads it."""
        return (self.Finding if model is None else model).search(
            [("id", "not in", self.existing_findings.ids)]
        )

    def _counts_by_employee(self, date_from, date_to, employees=None):
        """``{employee id: {kind: findings}}`` of the months from
        ``date_from`` to ``date_to``, by the findings' fact source (its
        counts of the two kinds about an order, not its deductions)."""
        return {
            employee_id: {
                kind: measures.get(kind, 0) for kind in ("work_log", "order_form")
            }
            for employee_id, measures in self._source_totals(
                "helpdesk.quality.finding", date_from, date_to, employees
            ).items()
        }

    @staticmethod
    def _work_log(ticket, employee):
        return ticket.timesheet_ids.filtered(lambda line: line.employee_id == employee)

    @classmethod
    def _report(cls, values, user=None):
        return cls.Finding.with_user(user or cls.supervisor_user).create(
            {"reason": "Unreadable", **values}
        )

    @classmethod
    def _report_work_log(cls, ticket, employee, day="2026-10-20", user=None):
        return cls._report(
            {"timesheet_id": cls._work_log(ticket, employee).id, "date": day}, user
        )

    @classmethod
    def _report_order_form(cls, ticket, employee, day="2026-10-20", user=None):
        return cls._report(
            {
                "kind": "order_form",
                "ticket_id": ticket.id,
                "employee_id": employee.id,
                "date": day,
            },
            user,
        )


class TestQualityFinding(FindingCommon):
    def test_counts_of_active_findings_by_employee_and_month(self):
        tickets = self._create_tickets(count=2, engineers=self.engineer_a)
        self._report_work_log(tickets[0], self.engineer_a, "2026-10-03")
        self._report_work_log(tickets[1], self.engineer_a, "2026-10-31")
        self._report_order_form(self.ticket_ab, self.engineer_a, "2026-10-15")
        self._report_order_form(self.ticket_ab, self.engineer_b, "2026-10-15")
        withdrawn = self._report_work_log(self.ticket_ab, self.engineer_a, "2026-10-09")
        withdrawn.withdrawal_reason = "Wrong engineer"
        withdrawn.action_withdraw()
        self._report_work_log(self.ticket_ab, self.engineer_b, "2026-11-02")
        # October: A 2 work logs + 1 order form (the withdrawn one no longer
        # counts), B 1 order form; B's work log counts in November.
        self.assertEqual(
            self._counts_by_employee(*OCTOBER),
            {
                self.engineer_a.id: {"work_log": 2, "order_form": 1},
                self.engineer_b.id: {"work_log": 0, "order_form": 1},
            },
        )
        self.assertEqual(
            self._counts_by_employee(*NOVEMBER),
            {self.engineer_b.id: {"work_log": 1, "order_form": 0}},
        )
        self.assertEqual(
            self._counts_by_employee(OCTOBER[0], NOVEMBER[1])[self.engineer_b.id],
            {"work_log": 1, "order_form": 1},
        )

    def test_work_log_finding_counts_against_its_author(self):
        line = self._work_log(self.ticket_ab, self.engineer_b)
        with Form(self.Finding.with_user(self.supervisor_user)) as form:
            form.timesheet_id = line
            self.assertEqual(form.ticket_id, self.ticket_ab)
            self.assertEqual(form.employee_id, self.engineer_b)
            form.reason = "No description of the repair"
            form.date = date(2026, 10, 21)
        finding = form.record
        self.assertEqual(finding.month, date(2026, 10, 1))
        self.assertEqual(finding.state, "active")
        self.assertEqual(finding.user_id, self.supervisor_user)

    def test_order_form_finding_defaults_to_the_assigned_engineer(self):
        self.ticket_ab.user_id = self.engineer_b_user
        action = self.ticket_ab.with_user(
            self.supervisor_user
        ).action_report_unqualified()
        Finding = self.Finding.with_user(self.supervisor_user).with_context(
            **action["context"]
        )
        with Form(Finding) as form:
            self.assertEqual(form.ticket_id, self.ticket_ab)
            form.kind = "order_form"
            self.assertEqual(form.employee_id, self.engineer_b)
            form.employee_id = self.engineer_a
            form.reason = "Customer signature missing"
        self.assertEqual(form.record.employee_id, self.engineer_a)

    def test_order_form_finding_only_against_an_engineer_of_the_order(self):
        for employee in (self.intern, self.engineer_c):
            with self.assertRaisesText(ValidationError, "is not an engineer of order"):
                self._report_order_form(self.ticket_ab, employee)
        self.assertFalse(self._test_findings())

    def test_work_log_finding_must_match_its_line(self):
        line = self._work_log(self.ticket_ab, self.engineer_a)
        with self.assertRaisesText(ValidationError, "counts against the author"):
            self._report({"timesheet_id": line.id, "employee_id": self.engineer_b.id})
        with self.assertRaisesText(ValidationError, "Choose the unqualified work log"):
            self._report(
                {"ticket_id": self.ticket_ab.id, "employee_id": self.engineer_a.id}
            )
        self.assertFalse(self._test_findings())

    def test_time_line_without_order_is_refused(self):
        self.env.invalidate_all()
        line = self.env["account.analytic.line"].create(
            {
                "name": "Training",
                "project_id": self.project.id,
                "employee_id": self.engineer_a.id,
                "unit_amount": 2.0,
            }
        )
        with self.assertRaisesText(ValidationError, "is not on a service order"):
            self._report({"timesheet_id": line.id})
        finding = self._report_work_log(self.ticket_ab, self.engineer_a)
        with self.assertRaisesText(ValidationError, "is not on a service order"):
            finding.write({"timesheet_id": line.id})
        self.assertEqual(self._test_findings(), finding)
        self.assertEqual(finding.ticket_id, self.ticket_ab)

    def test_finding_about_oneself_is_refused(self):
        ticket = self._create_tickets(engineers=self.supervisor | self.engineer_a)
        with self.assertRaisesText(UserError, "about your own work"):
            self._report_work_log(ticket, self.supervisor)
        with self.assertRaisesText(UserError, "about your own work"):
            self._report_order_form(ticket, self.supervisor)
        finding = self._report_order_form(ticket, self.engineer_a)
        with self.assertRaisesText(UserError, "about your own work"):
            finding.employee_id = self.supervisor
        self.assertEqual(self._test_findings(), finding)
        self.assertEqual(finding.employee_id, self.engineer_a)

    def test_withdraw_with_a_reason(self):
        finding = self._report_work_log(self.ticket_ab, self.engineer_a).with_context(
            tracking_disable=False, mail_notrack=False
        )
        with self.assertRaisesText(UserError, "Give the reason"):
            finding.action_withdraw()
        finding.withdrawal_reason = "   "
        with self.assertRaisesText(UserError, "Give the reason"):
            finding.action_withdraw()
        self.assertEqual(finding.state, "active")
        finding.withdrawal_reason = "Logged by the customer's request"
        finding.action_withdraw()
        self.assertEqual(finding.state, "withdrawn")
        # Tracking values are written when the transaction is about to commit.
        self.env.flush_all()
        self.env.cr.precommit.run()
        messages = finding.message_ids
        self.assertIn(
            "Finding withdrawn: Logged by the customer's request",
            " ".join(messages.mapped("body")),
        )
        tracked = messages.sudo().tracking_value_ids.field_id.mapped("name")
        self.assertIn("state", tracked)
        self.assertIn("withdrawal_reason", tracked)
        with self.assertRaisesText(UserError, "Only active findings"):
            finding.action_withdraw()
        self.assertEqual(self._counts_by_employee(*OCTOBER), {})

    def test_status_changes_only_through_withdrawal(self):
        finding = self._report_work_log(self.ticket_ab, self.engineer_a)
        as_supervisor = finding.with_user(self.supervisor_user)
        with self.assertRaisesText(UserError, "cannot be changed directly"):
            as_supervisor.state = "withdrawn"
        self.assertEqual(finding.state, "active")
        finding.withdrawal_reason = "Duplicate report"
        as_supervisor.action_withdraw()
        with self.assertRaisesText(UserError, "cannot be changed directly"):
            as_supervisor.state = "active"
        self.assertEqual(finding.state, "withdrawn")

    def test_findings_are_never_deleted(self):
        finding = self._report_work_log(self.ticket_ab, self.engineer_a)
        for user in (self.supervisor_user, self.manager_user):
            with self.assertRaisesText(UserError, "withdraw finding"):
                finding.with_user(user).unlink()
        self.assertTrue(finding.exists())

    def test_ticket_button_is_for_supervisors(self):
        action = self.ticket_ab.action_report_unqualified()
        self.assertEqual(action["res_model"], "helpdesk.quality.finding")
        self.assertEqual(action["context"], {"default_ticket_id": self.ticket_ab.id})


class TestQualityFindingAccess(FindingCommon):
    """Supervisors record findings about their team; engineers read their own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.finding_a = cls._report_work_log(cls.ticket_ab, cls.engineer_a)
        cls.finding_b = cls._report_order_form(cls.ticket_ab, cls.engineer_b)
        cls.finding_c = cls._report_work_log(
            cls.ticket_c, cls.engineer_c, user=cls.manager_user
        )

    def _visible(self, user):
        return self._test_findings(self.Finding.with_user(user))

    def test_engineer_reads_only_own_findings(self):
        self.assertEqual(self._visible(self.engineer_a_user), self.finding_a)
        with self.assertRaises(AccessError):
            self.finding_b.with_user(self.engineer_a_user).read(["reason"])

    def test_engineer_cannot_record_or_change_findings(self):
        with self.assertRaises(AccessError):
            self._report_work_log(
                self.ticket_ab, self.engineer_b, user=self.engineer_a_user
            )
        with self.assertRaises(AccessError):
            self.finding_a.with_user(self.engineer_a_user).withdrawal_reason = "No"
        self.assertEqual(len(self._test_findings()), 3)

    def test_supervisor_sees_and_reports_on_the_team_only(self):
        self.assertEqual(
            self._visible(self.supervisor_user), self.finding_a | self.finding_b
        )
        with self.assertRaises(AccessError):
            self._report_work_log(self.ticket_c, self.engineer_c)
        self.assertEqual(len(self._test_findings()), 3)

    def test_supervisor_reads_the_work_logs_of_the_team(self):
        self.env.invalidate_all()
        Line = self.env["account.analytic.line"].with_user(self.supervisor_user)
        lines = Line.search([])
        self.assertEqual(lines, self.ticket_ab.timesheet_ids)
        self.assertEqual(lines.employee_id, self.engineer_a | self.engineer_b)
        with self.assertRaises(AccessError):
            lines[0].write({"unit_amount": 9.0})

    def test_manager_reads_all_work_logs_of_orders(self):
        self.env.invalidate_all()
        lines = self.env["account.analytic.line"].with_user(self.manager_user)
        self.assertEqual(
            lines.search([("id", "not in", self.existing_work_logs.ids)]),
            self.ticket_ab.timesheet_ids | self.ticket_c.timesheet_ids,
        )

    def test_manager_sees_all_findings(self):
        self.assertEqual(
            self._visible(self.manager_user),
            self.finding_a | self.finding_b | self.finding_c,
        )

    def test_users_without_appraisal_role_read_no_finding(self):
        agent = new_test_user(
            self.env,
            login="agent",
            groups=f"base.group_user,{SERVICE_CENTRE_GROUP}",
        )
        helpdesk_user = new_test_user(
            self.env, login="desk", groups="helpdesk_mgmt.group_helpdesk_user"
        )
        for user in (agent, helpdesk_user):
            with self.assertRaises(AccessError):
                self._visible(user)

    def test_findings_of_another_company_are_hidden(self):
        branch = self.env["res.company"].create({"name": "Branch"})
        self.manager_user.company_ids = [Command.link(branch.id)]
        Finding = self.Finding.with_user(self.manager_user)
        self.assertFalse(
            Finding.with_context(allowed_company_ids=[branch.id]).search([])
        )
        self.assertEqual(
            len(
                self._test_findings(
                    Finding.with_context(allowed_company_ids=[self.env.company.id])
                )
            ),
            3,
        )


class TestQualityFindingPerformance(FindingCommon):
    def _findings(self, count):
        tickets = self._create_tickets(
            count=count, engineers=self.engineer_a | self.engineer_b
        )
        self.Finding.create(
            [
                {
                    "timesheet_id": line.id,
                    "reason": "Unreadable",
                    "date": "2026-10-20",
                }
                for line in tickets.timesheet_ids
            ]
        )
        self.env.flush_all()
        self.env.invalidate_all()

    def test_counts_take_one_query_whatever_the_number_of_findings(self):
        self._findings(5)
        employees = self._test_employees()
        with self.assertQueryCount(1):
            counts = self._counts_by_employee(*OCTOBER, employees)
        self.assertEqual(counts[self.engineer_a.id]["work_log"], 5)
        self._findings(50)
        with self.assertQueryCount(1):
            counts = self._counts_by_employee(*OCTOBER, employees)
        self.assertEqual(counts[self.engineer_b.id], {"work_log": 55, "order_form": 0})
