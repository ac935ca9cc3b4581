# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, models

from ..const import KIND_ORDER_FORM, KIND_WORK_LOG

METRIC_MANUAL = "manual"

# The catalogue (KPI_SPEC 3.4). Another metric is a selection_add on the
# template line's and sheet line's ``metric`` and a ``_metric_<code>``
# method here. Rates are percentages (95 for 95 %), as the targets people type.
METRIC_SELECTION = [
    ("points", "Workload Points"),
    ("orders", "Valid Orders"),
    ("dissatisfied", "Dissatisfied Callbacks"),
    ("satisfaction_rate", "Satisfaction Rate (%)"),
    ("findings_work_log", "Unqualified Work Logs"),
    ("findings_order_form", "Unqualified Order Forms"),
    ("overdue_tasks", "Overdue Tasks"),
    ("task_on_time_rate", "Task On-time Rate (%)"),
    ("task_completion_rate", "Task Completion Rate (%)"),
    ("area_rate", "Area Completion Rate (%)"),
    ("area_score", "Area Score"),
    (METRIC_MANUAL, "Manual Value"),
]


_CREDITS = (
    "helpdesk.ticket.credit",
    "helpdesk_engineer_appraisal.helpdesk_ticket_credit_action",
)
_CALLBACKS = (
    "helpdesk.ticket.callback",
    "helpdesk_engineer_appraisal.helpdesk_ticket_callback_action",
)
_FINDINGS = (
    "helpdesk.quality.finding",
    "helpdesk_engineer_appraisal.helpdesk_quality_finding_action",
)
_TASKS = ("project.task", "helpdesk_engineer_appraisal.project_task_action_appraisal")
_AREAS = (
    "helpdesk.service.area",
    "helpdesk_engineer_appraisal.helpdesk_service_area_month_action",
)
# The facts behind each metric, for the sheet line's drill-down: the source
# whose ``_facts_by_employee_month`` lists them and the list showing them,
# and which of the source's facts make the metric.
METRIC_FACTS = {
    "points": (*_CREDITS, [("is_valid", "=", True)]),
    "orders": (*_CREDITS, [("is_valid", "=", True)]),
    "dissatisfied": (*_CALLBACKS, [("result", "=", "dissatisfied")]),
    "satisfaction_rate": (*_CALLBACKS, []),
    "findings_work_log": (*_FINDINGS, [("kind", "=", KIND_WORK_LOG)]),
    "findings_order_form": (*_FINDINGS, [("kind", "=", KIND_ORDER_FORM)]),
    "overdue_tasks": (
        *_TASKS,
        [("execution_status", "in", ("overdue", "open_past_deadline"))],
    ),
    "task_on_time_rate": (*_TASKS, []),
    "task_completion_rate": (*_TASKS, []),
    "area_rate": (*_AREAS, []),
    "area_score": (*_AREAS, []),
}


class HelpdeskAppraisalMetric(models.AbstractModel):
    """The metric catalogue of the KPI sheets: Python methods of the addon,
    never user-written code.

    ``_metric_<code>(employees, months)`` computes the metric for many
    employees over one period (the first days of its months) and returns
    ``{employee_id: (value, numerator, denominator)}`` for every employee:
    counts and sums add up the months' measures of the fact sources
    (``_counts_by_employee_month``, a constant number of queries whatever the
    number of employees), rates divide the period's numerator by its
    denominator, and a rate without denominator has no data (value
    ``None``). The sources read as superuser: a sheet counts facts the person
    who refreshes it may not read.
    """

    _name = "helpdesk.appraisal.metric"
    _description = "KPI Metric Catalogue"

    @api.model
    def _compute_metric(self, code, employees, months):
        return getattr(self, f"_metric_{code}")(employees, list(months))

    @api.model
    def _facts_action(self, code, employee, months, name):
        """The window action listing the facts behind metric ``code`` for
        ``employee`` over ``months``, titled ``name``; the reader sees those
        of them their access rules allow."""
        source, xmlid, domain = METRIC_FACTS[code]
        facts = self.env[source].browse()
        for records in (
            self.env[source]._facts_by_employee_month(employee, months).values()
        ):
            facts |= records
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("id", "in", facts.ids)] + domain
        action["context"] = {"create": False}
        action["display_name"] = name
        return action

    def _measures(self, source, employees, months):
        """``{employee_id: {measure: total}}``: the measures of the fact
        source ``source`` (a model name) added up over ``months``."""
        totals = defaultdict(lambda: defaultdict(float))
        for (employee_id, _month), measures in (
            self.env[source]._counts_by_employee_month(employees, months).items()
        ):
            for measure, number in measures.items():
                totals[employee_id][measure] += number
        return totals

    def _sum(self, source, measure, employees, months):
        """A count or sum: 0 without facts."""
        totals = self._measures(source, employees, months)
        result = {}
        for employee_id in employees.ids:
            number = totals[employee_id][measure] if employee_id in totals else 0.0
            result[employee_id] = (number, number, 1.0)
        return result

    def _rate(self, source, numerator, denominator, employees, months, scale=100.0):
        """``numerator / denominator`` x ``scale``: no data without
        denominator."""
        totals = self._measures(source, employees, months)
        result = {}
        for employee_id in employees.ids:
            measures = totals.get(employee_id, {})
            top = measures.get(numerator, 0.0)
            bottom = measures.get(denominator, 0.0)
            result[employee_id] = (
                top * scale / bottom if bottom else None,
                top,
                bottom,
            )
        return result

    @api.model
    def _metric_points(self, employees, months):
        return self._sum("helpdesk.ticket.credit", "points", employees, months)

    @api.model
    def _metric_orders(self, employees, months):
        return self._sum("helpdesk.ticket.credit", "valid_count", employees, months)

    @api.model
    def _metric_dissatisfied(self, employees, months):
        return self._sum("helpdesk.ticket.callback", "dissatisfied", employees, months)

    @api.model
    def _metric_satisfaction_rate(self, employees, months):
        """Satisfied / answered callbacks (unreachable customers left out)."""
        return self._rate(
            "helpdesk.ticket.callback", "satisfied", "answered", employees, months
        )

    @api.model
    def _metric_findings_work_log(self, employees, months):
        return self._sum("helpdesk.quality.finding", KIND_WORK_LOG, employees, months)

    @api.model
    def _metric_findings_order_form(self, employees, months):
        return self._sum("helpdesk.quality.finding", KIND_ORDER_FORM, employees, months)

    @api.model
    def _metric_overdue_tasks(self, employees, months):
        return self._sum("project.task", "overdue", employees, months)

    @api.model
    def _metric_task_on_time_rate(self, employees, months):
        """Appraised tasks done by their deadline day / tasks due in the period."""
        return self._rate("project.task", "on_time", "due", employees, months)

    @api.model
    def _metric_task_completion_rate(self, employees, months):
        """Appraised tasks done / tasks due in the period."""
        return self._rate("project.task", "done", "due", employees, months)

    @api.model
    def _metric_area_rate(self, employees, months):
        """Mean completion rate of the areas led, each area-month in its
        company's rate mode (the monthly appraisal's R for one area and
        month)."""
        return self._rate(
            "helpdesk.service.area", "rate_sum", "area_count", employees, months
        )

    @api.model
    def _metric_area_score(self, employees, months):
        """Q x R of the areas led, added up over the period."""
        return self._sum("helpdesk.service.area", "score", employees, months)

    @api.model
    def _metric_manual(self, employees, months):
        """Typed on the sheet line by the supervisor (or the employee first)."""
        return {}
