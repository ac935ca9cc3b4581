# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command

from .common import AppraisalCommon

OCTOBER = date(2026, 10, 1)


class PayCommon(AppraisalCommon):
    """The 004-R plan over a 100-point monthly KPI sheet template: the
    supervisor leads engineers A and B (performance base 1500 each, the
    supervisor 2000); A has a running contract of 2600 a month.

    The sheets' totals are set by hand (``_sheet``): how a sheet adds up its
    complaints is the KPI sheets' business; the plan reads their totals."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Statement = cls.env["helpdesk.appraisal.pay.statement"]
        cls.Sheet = cls.env["helpdesk.appraisal.sheet"]
        cls.template = cls.env["helpdesk.appraisal.sheet.template"].create(
            {
                "name": "Complaints 100",
                "employee_ids": [
                    Command.set((cls.engineer_a | cls.engineer_b | cls.supervisor).ids)
                ],
                "line_ids": [
                    Command.create(
                        {
                            "name": "First-time fix rate (%)",
                            "metric": "manual",
                            "rule_kind": "manual",
                            "scorer": "supervisor",
                            "weight": 100,
                        }
                    )
                ],
            }
        )
        cls.template_line = cls.template.line_ids
        (cls.engineer_a | cls.engineer_b).appraisal_performance_base = 1500.0
        cls.supervisor.appraisal_performance_base = 2000.0
        cls.env["hr.contract"].create(
            {
                "name": "Engineer A 2026",
                "employee_id": cls.engineer_a.id,
                "wage": 2600.0,
                "date_start": "2026-01-01",
                "state": "open",
            }
        )
        cls.plan = cls.env.ref("helpdesk_engineer_appraisal.pay_plan_004r")
        cls.plan.write(
            {
                "active": True,
                "template_id": cls.template.id,
                "employee_ids": [
                    Command.set((cls.engineer_a | cls.engineer_b | cls.supervisor).ids)
                ],
            }
        )

    @classmethod
    def _sheet(cls, employee, total, month=OCTOBER, state="done", grade=None, **line):
        """A KPI sheet of ``employee`` with ``total`` points of 100 (and the
        value ``line['actual']`` on its line when given)."""
        sheet = cls.Sheet.search(
            [
                ("template_id", "=", cls.template.id),
                ("employee_id", "=", employee.id),
                ("month", "=", month),
            ]
        ) or cls.Sheet.create(
            {"template_id": cls.template.id, "employee_id": employee.id, "month": month}
        )
        cls.env["helpdesk.appraisal.sheet.line"].create(
            [
                {"sheet_id": sheet.id, "template_line_id": template_line.id}
                for template_line in sheet.template_id.line_ids
                - sheet.line_ids.template_line_id
            ]
        )
        sheet._computed_write(
            {
                "total_score": total,
                "maximum": 100.0,
                "state": state,
                "grade_id": grade.id if grade else False,
            }
        )
        if line:
            sheet.line_ids._computed_write({"actual": line["actual"], "has_data": True})
        return sheet

    @classmethod
    def _complaints(cls, employees, channels, day="2026-10-12"):
        """Attributable complaints against each of ``employees``, one per
        channel of ``channels``."""
        complaints = cls.env["helpdesk.complaint"].create(
            [
                {
                    "description": "The engineer came late",
                    "date": day,
                    "channel": channel,
                    "employee_ids": [Command.set(employee.ids)],
                }
                for employee in employees
                for channel in channels
            ]
        )
        complaints.with_user(cls.manager_user).action_verify_attributable()
        return complaints

    @classmethod
    def _statements(cls, plan=None, month=OCTOBER):
        return cls.Statement._generate(plan or cls.plan, month)

    @staticmethod
    def _terms(statement):
        return [(line.name, line.amount) for line in statement.line_ids]

    def _of(self, statements, employee):
        statement = statements.filtered(lambda st: st.employee_id == employee)
        self.assertEqual(len(statement), 1)
        return statement
