# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, models

from .helpdesk_quality_finding import KIND_ORDER_FORM, KIND_WORK_LOG

METRIC_POINTS = "points"
METRIC_ORDERS = "orders"
METRIC_DISSATISFIED = "dissatisfied"
METRIC_FINDINGS_WORK_LOG = "findings_work_log"
METRIC_FINDINGS_ORDER_FORM = "findings_order_form"
METRIC_OVERDUE_TASKS = "overdue_tasks"
METRIC_MANUAL = "manual"

# The catalogue (KPI_SPEC 3.4). Another metric is a selection_add on the
# template line's ``metric`` and a ``_metric_<code>`` method here.
METRIC_SELECTION = [
    (METRIC_POINTS, "Workload Points"),
    (METRIC_ORDERS, "Valid Orders"),
    (METRIC_DISSATISFIED, "Dissatisfied Callbacks"),
    (METRIC_FINDINGS_WORK_LOG, "Unqualified Work Logs"),
    (METRIC_FINDINGS_ORDER_FORM, "Unqualified Order Forms"),
    (METRIC_OVERDUE_TASKS, "Overdue Tasks"),
    (METRIC_MANUAL, "Manual Value"),
]


class HelpdeskAppraisalMetric(models.AbstractModel):
    """The metric catalogue of the KPI sheets: Python methods of the addon,
    never user-written code.

    ``_metric_<code>(employees, months)`` computes the metric for many
    employees over one period (the first days of its months) in a constant
    number of queries and returns ``{employee_id: (value, numerator,
    denominator)}``: counts and sums add the period's months up, rates divide
    the period's numerator by its denominator (a value of ``None`` is no
    data). Employees without facts are left out: they have 0 for counts and
    no data for rates. The facts are read as superuser: a sheet counts facts
    the person who refreshes it may not read.
    """

    _name = "helpdesk.appraisal.metric"
    _description = "KPI Metric Catalogue"

    @api.model
    def _compute_metric(self, code, employees, months):
        return getattr(self.sudo(), f"_metric_{code}")(employees, list(months))

    @staticmethod
    def _counts(counts, employees):
        """``counts`` (a number by employee id) as ``(value, numerator,
        denominator)`` for each of the ``employees``: 0 without facts."""
        return {
            employee_id: (float(counts.get(employee_id, 0.0)),) * 2 + (1.0,)
            for employee_id in employees.ids
        }

    @staticmethod
    def _last_day(months):
        return max(months) + relativedelta(months=1, days=-1)

    def _credit_sums(self, employees, months):
        sums = defaultdict(lambda: [0.0, 0])
        for employee, points, count in self.env["helpdesk.ticket.credit"]._read_group(
            [
                ("employee_id", "in", employees.ids),
                ("period", "in", months),
                ("is_valid", "=", True),
            ],
            ["employee_id"],
            ["points:sum", "__count"],
        ):
            sums[employee.id] = [points, count]
        return sums

    @api.model
    def _metric_points(self, employees, months):
        return self._counts(
            {
                employee_id: points
                for employee_id, (points, _count) in self._credit_sums(
                    employees, months
                ).items()
            },
            employees,
        )

    @api.model
    def _metric_orders(self, employees, months):
        return self._counts(
            {
                employee_id: count
                for employee_id, (_points, count) in self._credit_sums(
                    employees, months
                ).items()
            },
            employees,
        )

    @api.model
    def _metric_dissatisfied(self, employees, months):
        counts = self.env["helpdesk.ticket.callback"]._dissatisfied_counts(
            min(months), max(months)
        )
        return self._counts(counts, employees)

    def _finding_counts(self, employees, months, kind):
        counts = self.env["helpdesk.quality.finding"]._counts_by_employee(
            min(months), max(months)
        )
        return self._counts(
            {employee_id: kinds[kind] for employee_id, kinds in counts.items()},
            employees,
        )

    @api.model
    def _metric_findings_work_log(self, employees, months):
        return self._finding_counts(employees, months, KIND_WORK_LOG)

    @api.model
    def _metric_findings_order_form(self, employees, months):
        return self._finding_counts(employees, months, KIND_ORDER_FORM)

    @api.model
    def _metric_overdue_tasks(self, employees, months):
        counts = self.env["project.task"]._overdue_counts(
            min(months), self._last_day(months)
        )
        return self._counts(counts, employees)

    @api.model
    def _metric_manual(self, employees, months):
        """Typed on the sheet line by the supervisor (or the employee first)."""
        return {}
