# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from .common import AppraisalCommon

OCTOBER = date(2026, 10, 1)


class MonthlyAppraisalCommon(AppraisalCommon):
    """The facts of the policy's worked example (P5) for October 2026.

    Engineer A: 30 standard orders alone and 6 hard orders shared with
    engineer B and the intern, 3 dissatisfied callbacks on A's own orders, 2
    unqualified work logs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Appraisal = cls.env["helpdesk.engineer.appraisal"]
        # Whom generating for the whole company appraises in October on a
        # database without the demo: the appraisal engineers A, B and C, the
        # supervisor, the manager and the administrator. October may be one
        # of the demo's months: tests that count or compare whole sets of
        # appraisals generate for these alone; the others generate for the
        # company and look only at their own employees.
        cls.staff = (
            cls.engineer_a
            | cls.engineer_b
            | cls.engineer_c
            | cls.supervisor
            | cls.manager
            | cls.env.ref("base.user_admin").employee_id
        )
        # Supervisors and managers are appraised only when marked so: these
        # tests appraise the whole staff.
        cls.staff.appraisal_appraised = True
        cls.orders_a = cls._create_tickets(
            count=30, engineers=cls.engineer_a, difficulty=cls.level_standard
        )
        cls.orders_ab = cls._create_tickets(
            count=6,
            engineers=cls.engineer_a | cls.engineer_b,
            interns=cls.intern,
            difficulty=cls.level_hard,
        )
        cls._callbacks(cls.orders_a[:3], "dissatisfied")
        cls.findings = cls.env["helpdesk.quality.finding"].create(
            [
                {"timesheet_id": line.id, "reason": "No parts listed", "date": day}
                for line, day in zip(
                    cls.orders_a[:2].timesheet_ids,
                    ("2026-10-05", "2026-10-31"),
                    strict=True,
                )
            ]
        )

    @classmethod
    def _callbacks(cls, tickets, result, call_date="2026-10-21 10:00:00"):
        return cls.env["helpdesk.ticket.callback"].create(
            [
                {"ticket_id": ticket.id, "result": result, "call_date": call_date}
                for ticket in tickets
            ]
        )

    @classmethod
    def _generate(cls, month=OCTOBER, **kwargs):
        return cls.env["helpdesk.engineer.appraisal"]._generate(
            month, cls.env.company, **kwargs
        )

    @classmethod
    def _appraisal_of(cls, employee, month=OCTOBER):
        return cls.env["helpdesk.engineer.appraisal"].search(
            [("employee_id", "=", employee.id), ("month", "=", month)]
        )

    def _approve(self, appraisal):
        """Take the appraisal to done through every step, each by its person:
        the supervisor sends, the engineer acknowledges, the supervisor
        reviews, the manager approves (from the step it has reached)."""
        if appraisal.state == "draft":
            appraisal.with_user(self.supervisor_user).action_send_to_engineer()
        appraisal.with_user(appraisal.employee_id.user_id).action_acknowledge()
        appraisal.with_user(self.supervisor_user).action_review()
        appraisal.with_user(self.manager_user).action_approve()
        self.assertEqual(appraisal.state, "done")

    def _review_five_orders_again(self):
        # After the approval, 5 of A's standard orders become very hard:
        # 5 x (2.0 - 1.0) = 5 more points live, P = 34.5 + 5 = 39.5.
        self.orders_a[:5].sudo().difficulty_id = self.level_very_hard

    def _create_appraisals(self, names, month=OCTOBER):
        """Appraisals of new employees without any fact, computed."""
        employees = self.env["hr.employee"].create([{"name": name} for name in names])
        appraisals = self.Appraisal.create(
            [{"employee_id": employee.id, "month": month} for employee in employees]
        )
        appraisals._refresh_scores()
        return appraisals
