# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command

from .appraisal_common import OCTOBER, MonthlyAppraisalCommon


class KpiSheetCommon(MonthlyAppraisalCommon):
    """A 100-point template with one line of each rule kind over the policy P5
    worked example's October (engineer A: P 34.5 on 36 valid orders, 3
    dissatisfied callbacks, 2 unqualified work logs; engineer B: P 4.5 on 6
    orders, nothing else):

    - K1 workload: 60 x min(P / 40, 1);
    - K2 customer: 20 - 2 per dissatisfied callback, floor 0;
    - K3 work logs: 10 - 3 per unqualified work log above 0;
    - K4 orders: 30 or more -> 5, 20 to 30 -> 3, below 20 -> 0;
    - K5 attitude: 0 to 5, the employee first, then the supervisor.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Sheet = cls.env["helpdesk.appraisal.sheet"]
        cls.template = cls.env["helpdesk.appraisal.sheet.template"].create(
            {
                "name": "Field engineers",
                "employee_ids": [Command.set((cls.engineer_a | cls.engineer_b).ids)],
                "line_ids": [Command.create(values) for values in cls._line_values()],
            }
        )
        cls.line_workload, cls.line_customer, cls.line_logs = cls.template.line_ids[:3]
        cls.line_orders, cls.line_attitude = cls.template.line_ids[3:]

    @classmethod
    def _line_values(cls):
        return [
            {
                "sequence": 1,
                "name": "Workload",
                "metric": "points",
                "rule_kind": "proportional",
                "weight": 60,
                "target": 40,
            },
            {
                "sequence": 2,
                "name": "Customer evaluation",
                "metric": "dissatisfied",
                "rule_kind": "per_unit",
                "weight": 20,
                "start": 20,
                "per_unit": -2,
            },
            {
                "sequence": 3,
                "name": "Work logs",
                "metric": "findings_work_log",
                "rule_kind": "gap_per_step",
                "weight": 10,
                "target": 0,
                "direction": "lower",
                "step_points": 3,
            },
            {
                "sequence": 4,
                "name": "Orders handled",
                "section": "qualitative",
                "metric": "orders",
                "rule_kind": "tiers",
                "weight": 5,
                "tier_ids": [
                    Command.create({"low": 30, "high_unbounded": True, "output": 5}),
                    Command.create({"low": 20, "high": 30, "output": 3}),
                    Command.create({"low_unbounded": True, "high": 20, "output": 0}),
                ],
            },
            {
                "sequence": 5,
                "name": "Attitude",
                "section": "non_kpi",
                "metric": "manual",
                "rule_kind": "manual",
                "scorer": "self_supervisor",
                "weight": 5,
            },
        ]

    @classmethod
    def _generate_sheets(cls, template=None, day=OCTOBER):
        return cls.env["helpdesk.appraisal.sheet"]._generate(
            template or cls.template, day
        )

    @staticmethod
    def _points(sheet):
        return [(line.name, line.points) for line in sheet.line_ids]
