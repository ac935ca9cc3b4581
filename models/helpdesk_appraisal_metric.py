# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, models

from .. import scoring
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
# Timeliness and fix quality of the orders (KPI_SPEC G2, G3).
METRIC_SELECTION += [
    ("response_minutes", "Mean Response Time (Working Minutes)"),
    ("response_on_time_rate", "On-time Response Rate (%)"),
    ("arrival_minutes", "Mean Arrival Time (Minutes)"),
    ("arrival_on_time_rate", "On-time Arrival Rate (%)"),
    ("handling_hours", "Mean Handling Time (Working Hours)"),
    ("handled_in_time_rate", "Handled-in-time Rate (%)"),
    ("repair_hours", "Mean Repair Time (Hours on Site per Order)"),
    ("first_time_fix_rate", "First-time Fix Rate (%)"),
    ("rework_rate", "Rework Rate (%)"),
    ("resolution_rate", "Resolution Rate (%)"),
    ("qa_pass_rate", "QA Pass Rate (%)"),
    ("qa_units", "QA-passed Units"),
    ("on_time_delivery_rate", "On-time Delivery Rate (%)"),
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
# What a line of a metric passes to it besides the employees and months:
# ``{metric: (template line field, ...)}``, each field given as the keyword
# argument of the same name (``helpdesk.appraisal.sheet.template.line.
# _metric_params``).
METRIC_PARAMS = {}

# Timeliness and fix quality: the orders' (helpdesk.ticket) and the visits'
# fact sources. A fact list's domain may depend on the period's months.
_ORDERS = ("helpdesk.ticket", "helpdesk_mgmt.helpdesk_ticket_action")
_VISITS = (
    "helpdesk.ticket.visit",
    "helpdesk_engineer_appraisal.helpdesk_ticket_visit_action_my_today",
)


def _responded_in(months):
    return [("first_response_month", "in", months)]


def _closed_in(months):
    return [("first_closed_month", "in", months)]


def _day_in(fname, months):
    return [
        (fname, ">=", min(months)),
        (fname, "<", max(months) + relativedelta(months=1)),
    ]


METRIC_FACTS |= {
    "response_minutes": (*_ORDERS, _responded_in),
    "response_on_time_rate": (*_ORDERS, _responded_in),
    "arrival_minutes": (*_VISITS, []),
    "arrival_on_time_rate": (*_VISITS, []),
    "handling_hours": (*_ORDERS, _closed_in),
    "handled_in_time_rate": (*_ORDERS, _closed_in),
    "repair_hours": (*_VISITS, []),
    "first_time_fix_rate": (*_ORDERS, _closed_in),
    "rework_rate": (*_ORDERS, _closed_in),
    "resolution_rate": (
        *_ORDERS,
        lambda months: _closed_in(months) + [("resolution_result", "!=", False)],
    ),
    "qa_pass_rate": (
        *_ORDERS,
        lambda months: _day_in("qa_date", months) + [("qa_result", "!=", False)],
    ),
    "qa_units": (
        *_ORDERS,
        lambda months: _day_in("qa_date", months)
        + [("qa_result", "=", scoring.QA_PASS)],
    ),
    "on_time_delivery_rate": (
        *_ORDERS,
        lambda months: _day_in("actual_delivery_date", months)
        + [("promised_delivery_date", "!=", False)],
    ),
}
# An on-time rate takes its limit from its line, by default the company's
# target (the setting named here).
ON_TIME_SETTINGS = {
    "response_on_time_rate": "appraisal_response_target_minutes",
    "arrival_on_time_rate": "appraisal_arrival_target_minutes",
    "handled_in_time_rate": "appraisal_handling_target_days",
}
METRIC_PARAMS |= dict.fromkeys(ON_TIME_SETTINGS, ("on_time_limit",))


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
    def _compute_metric(self, code, employees, months, params=()):
        """Metric ``code`` with the line's ``params`` (``(name, value)``
        pairs, ``helpdesk.appraisal.sheet.template.line._metric_params``)."""
        return getattr(self, f"_metric_{code}")(employees, list(months), **dict(params))

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
        if callable(domain):
            domain = domain(list(months))
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
        return self._ratios(
            employees,
            {key: measures.get(numerator, 0.0) for key, measures in totals.items()},
            {key: measures.get(denominator, 0.0) for key, measures in totals.items()},
            scale,
        )

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

    # Timeliness and fix quality (KPI_SPEC G2, G3) ---------------------------
    # Means are sums / counts, so that a quarter adds up its months; orders
    # without the moment measured (no first response, no first closing, no
    # resolution, no QA) are no data, never a zero.

    @api.model
    def _metric_response_minutes(self, employees, months):
        """Mean working minutes from the request to the first response, over
        the orders first responded to in the period."""
        return self._rate(
            "helpdesk.ticket",
            "response_minutes_sum",
            "responses",
            employees,
            months,
            scale=1.0,
        )

    @api.model
    def _metric_response_on_time_rate(self, employees, months, on_time_limit=None):
        """Orders first responded to within ``on_time_limit`` working minutes
        (the company's Response Target without) / orders first responded to
        in the period."""
        if on_time_limit is None:
            return self._rate(
                "helpdesk.ticket", "responses_on_time", "responses", employees, months
            )
        return self._orders_within(
            employees,
            months,
            "responses",
            "response_minutes_sum",
            lambda ticket: on_time_limit,
        )

    @api.model
    def _metric_handling_hours(self, employees, months):
        """Mean working hours from the request to the first closing, over the
        orders first closed in the period."""
        return self._rate(
            "helpdesk.ticket",
            "handling_hours_sum",
            "handled",
            employees,
            months,
            scale=1.0,
        )

    @api.model
    def _metric_handled_in_time_rate(self, employees, months, on_time_limit=None):
        """Orders first closed within ``on_time_limit`` working days of their
        company's calendar (its Handling Target without) / orders first
        closed in the period."""
        if on_time_limit is None:
            return self._rate(
                "helpdesk.ticket", "handled_in_time", "handled", employees, months
            )
        return self._orders_within(
            employees,
            months,
            "handled",
            "handling_hours_sum",
            lambda ticket: scoring.handling_target_hours(
                on_time_limit, ticket.company_id._appraisal_working_day_hours()
            ),
        )

    @api.model
    def _metric_first_time_fix_rate(self, employees, months):
        """Orders first closed in the period and not reworked within the
        company's window / orders first closed in the period."""
        return self._rate(
            "helpdesk.ticket", "first_time_fixes", "fix_candidates", employees, months
        )

    @api.model
    def _metric_rework_rate(self, employees, months):
        """Reworks reported within the window of the orders first closed in
        the period / those orders."""
        return self._rate(
            "helpdesk.ticket", "reworks", "fix_candidates", employees, months
        )

    @api.model
    def _metric_resolution_rate(self, employees, months):
        """Orders first closed in the period and resolved / those of them
        with a resolution (an order closed without one is no data)."""
        return self._rate(
            "helpdesk.ticket", "resolved", "resolutions", employees, months
        )

    @api.model
    def _metric_qa_pass_rate(self, employees, months):
        """Orders passing their quality check / orders checked, by the day of
        the check."""
        return self._rate(
            "helpdesk.ticket", "qa_passed", "qa_inspected", employees, months
        )

    @api.model
    def _metric_qa_units(self, employees, months):
        """Orders (repaired units) passing their quality check in the period."""
        return self._sum("helpdesk.ticket", "qa_passed", employees, months)

    @api.model
    def _metric_on_time_delivery_rate(self, employees, months):
        """Units delivered by their promised day / units delivered (with a
        promised day) in the period: X1 of 004-F."""
        return self._rate(
            "helpdesk.ticket",
            "deliveries_on_time",
            "deliveries",
            employees,
            months,
        )

    @api.model
    def _metric_arrival_minutes(self, employees, months):
        """Mean minutes from the appointment (else the first assignment) to
        the engineer's first check-in on the order, over the orders first
        visited in the period."""
        return self._rate(
            "helpdesk.ticket.visit",
            "arrival_minutes_sum",
            "arrivals",
            employees,
            months,
            scale=1.0,
        )

    @api.model
    def _metric_arrival_on_time_rate(self, employees, months, on_time_limit=None):
        """Orders the engineer reached within ``on_time_limit`` minutes (the
        company's Arrival Target without) / orders with an arrival in the
        period."""
        if on_time_limit is None:
            return self._rate(
                "helpdesk.ticket.visit",
                "arrivals_on_time",
                "arrivals",
                employees,
                months,
            )
        on_time = defaultdict(float)
        arrivals = defaultdict(float)
        for employee_id, _month, minutes in self.env["helpdesk.ticket.visit"]._arrivals(
            employees, months
        ):
            arrivals[employee_id] += 1
            on_time[employee_id] += scoring.within_target(minutes, on_time_limit)
        return self._ratios(employees, on_time, arrivals)

    @api.model
    def _metric_repair_hours(self, employees, months):
        """Hours on site (checked-out visits, on-site work logs) / orders
        visited, first in the period."""
        totals = self._measures("helpdesk.ticket.visit", employees, months)
        hours = {
            employee_id: measures.get("onsite_minutes_sum", 0.0) / 60
            for employee_id, measures in totals.items()
        }
        orders = {
            employee_id: measures.get("orders_visited", 0.0)
            for employee_id, measures in totals.items()
        }
        return self._ratios(employees, hours, orders, scale=1.0)

    def _orders_within(self, employees, months, count, duration, limit_of):
        """``{employee_id: (rate, on time, orders)}`` of the orders counted
        by the ticket source's measure ``count``: on time when their measure
        ``duration`` is at most ``limit_of(ticket)``."""
        on_time = defaultdict(float)
        orders = defaultdict(float)
        for employee_id, _month, ticket, (name, number) in self.env[
            "helpdesk.ticket"
        ]._timeliness_facts(employees, months):
            if name == count:
                orders[employee_id] += number
            elif name == duration:
                on_time[employee_id] += scoring.within_target(number, limit_of(ticket))
        return self._ratios(employees, on_time, orders)

    def _ratios(self, employees, numerators, denominators, scale=100.0):
        """``{employee_id: (numerator / denominator x scale, numerator,
        denominator)}``: no data without denominator."""
        result = {}
        for employee_id in employees.ids:
            top = numerators.get(employee_id, 0.0)
            bottom = denominators.get(employee_id, 0.0)
            result[employee_id] = (
                top * scale / bottom if bottom else None,
                top,
                bottom,
            )
        return result
