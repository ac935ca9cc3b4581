# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import datetime, time

from dateutil.relativedelta import relativedelta

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
    # Targets, time and other sheets (issue 12 items 4 and 7).
    ("standard_points", "Standard Points"),
    ("utilisation", "Utilisation (%)"),
    ("sheet_total", "Total of Another Sheet"),
    ("sheets_below", "Sheets below a Total"),
    ("team_mean", "Team Mean of Sheet Totals"),
    ("team_sum", "Team Sum of a Metric"),
]

# The template-line fields a metric takes as parameters, by metric: a line
# passes them to ``_metric_<code>`` as keyword arguments, and sheets compute
# a metric once per distinct set of parameters (``_metric_params`` of the
# template line). A metric whose parameters hold ``team_metric`` takes that
# metric's parameters too.
METRIC_PARAMS = {
    "sheet_total": ("source_template_id",),
    "sheets_below": ("source_template_id", "sheet_threshold"),
    "team_mean": ("source_template_id",),
    "team_sum": ("team_metric",),
}
# The metrics that read the totals of the sheets of the line's other
# template: those sheets are computed first, and a template never refers to
# itself, directly or through others.
SHEET_METRICS = ("sheet_total", "sheets_below", "team_mean")


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
    def _compute_metric(self, code, employees, months, params=()):
        """``params``: ``(name, value)`` pairs of the metric's parameters
        (``METRIC_PARAMS``), as a template line gives them."""
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

    # Targets, time and other sheets (issue 12 items 4 and 7) --------------

    @api.model
    def _metric_standard_points(self, employees, months):
        """The standard points S of the period: the employee's own standard
        monthly points, else their company's, for each month (the target of
        the monthly appraisal's workload, policy P2.1)."""
        standard = employees._appraisal_standard_points()
        return {
            employee_id: (points * len(months), points * len(months), 1.0)
            for employee_id, points in standard.items()
        }

    @api.model
    def _metric_utilisation(self, employees, months):
        """Hours logged on timesheets / hours available in the employee's
        working calendar less their leaves, in percent (004-A8), the
        period's days taken in the employee's time zone. No data without
        available hours."""
        start = months[0]
        end = months[-1] + relativedelta(months=1)
        # Timesheets and calendars are HR data the sheet's reader may not see.
        su_employees = employees.sudo()
        logged = {
            employee.id: hours
            for employee, hours in self.env["account.analytic.line"]
            .sudo()
            ._read_group(
                [
                    ("employee_id", "in", employees.ids),
                    ("project_id", "!=", False),
                    ("date", ">=", start),
                    ("date", "<", end),
                ],
                ["employee_id"],
                ["unit_amount:sum"],
            )
        }
        # The working time of each local day of the period, from one day
        # before to one day after it in UTC: any time zone's days are in.
        available = defaultdict(float)
        for employee_id, days in su_employees._list_work_time_per_day(
            datetime.combine(start - relativedelta(days=1), time.min),
            datetime.combine(end + relativedelta(days=1), time.min),
        ).items():
            for day, hours in days:
                if start <= day < end:
                    available[employee_id] += hours
        result = {}
        for employee_id in employees.ids:
            hours = logged.get(employee_id, 0.0)
            hours_available = available[employee_id]
            result[employee_id] = (
                hours * 100.0 / hours_available if hours_available else None,
                hours,
                hours_available,
            )
        return result

    def _source_sheets(self, employees, months, source_template_id):
        """The sheets of template ``source_template_id`` about ``employees``
        whose period starts within the period of ``months``, or holds its
        first month (a year sheet for a month): one search."""
        sheets = self.env["helpdesk.appraisal.sheet"].sudo()
        if not source_template_id:
            return sheets
        template = sheets.template_id.browse(source_template_id)
        return sheets.search(
            [
                ("template_id", "=", template.id),
                ("employee_id", "in", employees.ids),
                ("month", ">=", template._period_start(months[0])),
                ("month", "<=", months[-1]),
            ]
        )

    @staticmethod
    def _mean_totals(totals_by_employee, employee_ids):
        """``(mean, sum, count)`` of each employee's totals; no data without
        any."""
        result = {}
        for employee_id in employee_ids:
            totals = totals_by_employee.get(employee_id, [])
            result[employee_id] = (
                sum(totals) / len(totals) if totals else None,
                sum(totals),
                float(len(totals)),
            )
        return result

    @api.model
    def _metric_sheet_total(self, employees, months, source_template_id=None):
        """The total of the employee's sheet of another template for the
        period: the mean of the totals when several of its sheets fall in
        the period (the quarters of a year), their sum as numerator and
        their number as denominator. No data without such a sheet."""
        totals = defaultdict(list)
        for sheet in self._source_sheets(employees, months, source_template_id):
            totals[sheet.employee_id.id].append(sheet.total_score)
        return self._mean_totals(totals, employees.ids)

    @api.model
    def _metric_sheets_below(
        self, employees, months, source_template_id=None, sheet_threshold=0.0
    ):
        """How many of the employee's sheets of another template in the
        period have a total below the line's threshold (004-R11: quarters
        under 59 in the year)."""
        counts = defaultdict(float)
        for sheet in self._source_sheets(employees, months, source_template_id):
            if sheet.total_score < sheet_threshold:
                counts[sheet.employee_id.id] += 1
        return {
            employee_id: (counts[employee_id], counts[employee_id], 1.0)
            for employee_id in employees.ids
        }

    def _team_members(self, employees):
        """The employees whose manager is one of ``employees``, in one
        search (the organisation is HR data)."""
        members = self.env["hr.employee"].sudo()
        return members.search([("parent_id", "in", employees.ids)])

    @api.model
    def _metric_team_mean(self, employees, months, source_template_id=None):
        """The mean total of the sheets of another template of the employees
        the employee manages (004-R8): their sum as numerator, their number
        as denominator. No data without such a sheet."""
        members = self._team_members(employees)
        totals = defaultdict(list)
        for sheet in self._source_sheets(members, months, source_template_id):
            totals[sheet.employee_id.parent_id.id].append(sheet.total_score)
        return self._mean_totals(totals, employees.ids)

    @api.model
    def _metric_team_sum(self, employees, months, team_metric=None, **params):
        """A metric added up over the employees the employee manages
        (004-R9: the team's complaints): the sum of their values, numerators
        and denominators; members without data add nothing."""
        result = {employee_id: (0.0, 0.0, 0.0) for employee_id in employees.ids}
        if not team_metric:
            return result
        members = self._team_members(employees)
        values = self._compute_metric(team_metric, members, months, params.items())
        for member in members:
            value, numerator, denominator = values.get(member.id) or (None, 0.0, 0.0)
            total, top, bottom = result[member.parent_id.id]
            result[member.parent_id.id] = (
                total + (value or 0.0),
                top + numerator,
                bottom + denominator,
            )
        return result
