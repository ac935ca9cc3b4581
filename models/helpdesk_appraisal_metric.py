# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from contextlib import contextmanager
from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo import api, models

from .. import scoring
from ..const import KIND_ORDER_FORM, KIND_WORK_LOG
from .helpdesk_appraisal_assessment import KIND_EXAM as ASSESSMENT_EXAM
from .helpdesk_appraisal_assessment import KIND_PLURALS as ASSESSMENT_PLURALS
from .helpdesk_appraisal_assessment import KIND_TRAINING as ASSESSMENT_TRAINING
from .helpdesk_quality_finding import DEDUCTION_SETTINGS as FINDING_KINDS
from .project_task import TASK_KIND_REPORT

METRIC_MANUAL = "manual"
# The cursor's cache key of the fact sources' measures read in one
# computation of sheets (``_sharing_measures``).
_MEASURES_CACHE = "helpdesk_appraisal_metric.measures"

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
    # Complaints, findings by kind, assessments and reports (issue 12 item 5).
    ("complaints", "Attributable Complaints"),
    ("complaint_deduction", "Complaint Deductions"),
    ("complaint_rate", "Complaint Rate (% of Valid Orders)"),
    ("findings", "Findings (Count)"),
    ("finding_deduction", "Finding Deductions"),
    ("exam_score", "Exam Score (Mean)"),
    ("exam_pass_rate", "Exam Pass Rate (%)"),
    ("trainings", "Trainings Attended"),
    ("report_on_time_rate", "Report On-time Rate (%)"),
    ("late_reports", "Late Reports"),
    # Targets, time and other sheets (issue 12 items 4 and 7).
    ("standard_points", "Standard Points"),
    ("utilisation", "Utilisation (%)"),
    ("sheet_total", "Total of Another Sheet"),
    ("sheets_below", "Sheets below a Total"),
    ("team_mean", "Team Mean of Sheet Totals"),
    ("team_sum", "Team Sum of a Metric"),
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

# The metrics taking parameters from their template line: for each, the
# line's fields (the method's keyword arguments), each with the field of the
# facts it selects (for the drill-down) and its value when the line leaves
# it empty (``None``: every fact).
METRIC_PARAMETERS = {
    "complaints": {"complaint_channel": ("channel", None)},
    "complaint_deduction": {"complaint_channel": ("channel", None)},
    "complaint_rate": {"complaint_channel": ("channel", None)},
    "findings": {"finding_kind": ("kind", None)},
    "finding_deduction": {"finding_kind": ("kind", None)},
    "exam_score": {"assessment_kind": ("kind", ASSESSMENT_EXAM)},
    "exam_pass_rate": {"assessment_kind": ("kind", ASSESSMENT_EXAM)},
    "trainings": {"assessment_kind": ("kind", ASSESSMENT_TRAINING)},
}

# Metrics reading other sheets and the team (issue 12 item 7): the template
# whose sheets they read, the total below which a sheet counts. The metrics
# of SHEET_METRICS read the sheets of the line's other template: those sheets
# are computed first, and a template never refers to itself, directly or
# through others.
SHEET_METRICS = ("sheet_total", "sheets_below", "team_mean")
METRIC_PARAMETERS |= {
    "sheet_total": {"source_template_id": (None, None)},
    "sheets_below": {
        "source_template_id": (None, None),
        "sheet_threshold": (None, 0.0),
    },
    "team_mean": {"source_template_id": (None, None)},
}


def parameter_selection(model_name, field_name):
    """The selection of a metric parameter: that of the facts' own field
    (a complaint's channel, a finding's kind), in the reader's language."""
    return (
        lambda self: self.env[model_name]
        ._fields[field_name]
        ._description_selection(self.env)
    )


def metric_parameters(line, metric=None):
    """The ``(field, value)`` pairs of the parameters the metric of ``line``
    (a template or sheet line; or ``metric``, the metric its target comes
    from) takes, hashable: the sheets compute a metric once per period and
    parameters."""
    return tuple(
        (name, line[name] or None)
        for name in sorted(METRIC_PARAMETERS.get(metric or line.metric, {}))
    )


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
_COMPLAINTS = (
    "helpdesk.complaint",
    "helpdesk_engineer_appraisal.helpdesk_complaint_action",
)
_ASSESSMENTS = (
    "helpdesk.appraisal.assessment",
    "helpdesk_engineer_appraisal.helpdesk_appraisal_assessment_action",
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
    "complaints": (*_COMPLAINTS, [("is_attributable", "=", True)]),
    "complaint_deduction": (*_COMPLAINTS, [("is_attributable", "=", True)]),
    "complaint_rate": (*_COMPLAINTS, [("is_attributable", "=", True)]),
    "findings": (*_FINDINGS, []),
    "finding_deduction": (*_FINDINGS, []),
    "exam_score": (*_ASSESSMENTS, []),
    "exam_pass_rate": (*_ASSESSMENTS, []),
    "trainings": (*_ASSESSMENTS, [("attended", "=", True)]),
    "report_on_time_rate": (
        *_TASKS,
        [("appraisal_task_kind", "=", TASK_KIND_REPORT)],
    ),
    "late_reports": (
        *_TASKS,
        [
            ("appraisal_task_kind", "=", TASK_KIND_REPORT),
            ("execution_status", "in", scoring.TASK_OVERDUE_STATUSES),
        ],
    ),
}
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
# Their parameter selects no fact: the drill-down lists every order (or
# visit) of the rate; 0 takes the company's target.
METRIC_PARAMETERS |= {
    code: {"on_time_limit": (None, None)} for code in ON_TIME_SETTINGS
}
# A team sum takes the metric it adds up and every parameter a metric may
# take: it hands them to that metric, whose own defaults apply.
METRIC_PARAMETERS["team_sum"] = {"team_metric": (None, None)} | {
    name: (None, None)
    for parameters in METRIC_PARAMETERS.values()
    for name in parameters
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
    def _compute_metric(self, code, employees, months, parameters=()):
        """Metric ``code`` for ``employees`` over ``months``; ``parameters``
        are the template line's ``(field, value)`` pairs the metric takes
        (``METRIC_PARAMETERS``, see ``metric_parameters``)."""
        return getattr(self, f"_metric_{code}")(
            employees, list(months), **self._parameter_values(code, parameters)
        )

    @api.model
    def _parameter_values(self, code, parameters):
        """The keyword arguments of metric ``code`` for the line's
        ``parameters``: an empty value takes the metric's default."""
        given = dict(parameters)
        return {
            name: given.get(name) or default
            for name, (_field, default) in METRIC_PARAMETERS.get(code, {}).items()
        }

    @api.model
    def _facts_domain(self, code, months, parameters=()):
        """Which of its source's facts make metric ``code`` over ``months``
        with the line's ``parameters``."""
        domain = METRIC_FACTS[code][2]
        if callable(domain):
            domain = domain(list(months))
        return domain + [
            (METRIC_PARAMETERS[code][parameter][0], "=", value)
            for parameter, value in self._parameter_values(code, parameters).items()
            if value and METRIC_PARAMETERS[code][parameter][0]
        ]

    @api.model
    def _facts_action(self, code, employee, months, name, parameters=()):
        """The window action listing the facts behind metric ``code`` (with
        the line's ``parameters``) for ``employee`` over ``months``, titled
        ``name``; the reader sees those of them their access rules allow."""
        source, xmlid, _domain = METRIC_FACTS[code]
        domain = self._facts_domain(code, months, parameters)
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

    @contextmanager
    def _sharing_measures(self):
        """Within it, the metrics reading the same fact source for the same
        employees and months read it once (the orders and points of a
        template both read the credits); the facts do not change meanwhile."""
        cache = self.env.cr.cache
        if _MEASURES_CACHE in cache:
            yield
            return
        cache[_MEASURES_CACHE] = {}
        try:
            yield
        finally:
            del cache[_MEASURES_CACHE]

    def _measures(self, source, employees, months):
        """``{employee_id: {measure: total}}``: the measures of the fact
        source ``source`` (a model name) added up over ``months``."""
        shared = self.env.cr.cache.get(_MEASURES_CACHE)
        key = (source, tuple(employees.ids), tuple(months))
        if shared is not None and key in shared:
            return shared[key]
        totals = defaultdict(lambda: defaultdict(float))
        for (employee_id, _month), measures in (
            self.env[source]._counts_by_employee_month(employees, months).items()
        ):
            for measure, number in measures.items():
                totals[employee_id][measure] += number
        if shared is not None:
            shared[key] = totals
        return totals

    def _sum(self, source, measure, employees, months):
        """A count or sum: 0 without facts."""
        totals = self._measures(source, employees, months)
        result = {}
        for employee_id in employees.ids:
            number = totals[employee_id][measure] if employee_id in totals else 0.0
            result[employee_id] = (number, number, 1.0)
        return result

    def _sum_of(self, source, measures, employees, months):
        """The sum of several measures: 0 without facts."""
        totals = self._measures(source, employees, months)
        result = {}
        for employee_id in employees.ids:
            found = totals.get(employee_id, {})
            number = float(sum(found.get(measure, 0.0) for measure in measures))
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

    # Complaints, findings by kind, assessments and reports ----------------

    @api.model
    def _metric_complaints(self, employees, months, complaint_channel=None):
        """Active complaints verified as attributable, of one channel or of
        all."""
        measure = (
            f"attributable_{complaint_channel}" if complaint_channel else "attributable"
        )
        return self._sum("helpdesk.complaint", measure, employees, months)

    @api.model
    def _metric_complaint_deduction(self, employees, months, complaint_channel=None):
        """The deductions of the complaints of ``_metric_complaints`` added
        up: each its own (by default the company's for its channel)."""
        measure = f"deduction_{complaint_channel}" if complaint_channel else "deduction"
        return self._sum("helpdesk.complaint", measure, employees, months)

    @api.model
    def _metric_complaint_rate(self, employees, months, complaint_channel=None):
        """Attributable complaints (of one channel or of all) per 100 valid
        orders of the period: no data without a valid order."""
        complaints = self._metric_complaints(employees, months, complaint_channel)
        orders = self._metric_orders(employees, months)
        result = {}
        for employee_id in employees.ids:
            count = complaints[employee_id][0]
            valid = orders[employee_id][0]
            result[employee_id] = (
                count * 100.0 / valid if valid else None,
                count,
                valid,
            )
        return result

    @api.model
    def _metric_findings(self, employees, months, finding_kind=None):
        """Active findings of one kind, or of every kind."""
        return self._sum_of(
            "helpdesk.quality.finding",
            [finding_kind] if finding_kind else list(FINDING_KINDS),
            employees,
            months,
        )

    @api.model
    def _metric_finding_deduction(self, employees, months, finding_kind=None):
        """The deductions of the findings of ``_metric_findings`` added up:
        each its own (by default the company's for its kind)."""
        return self._sum_of(
            "helpdesk.quality.finding",
            [
                f"deduction_{kind}"
                for kind in ([finding_kind] if finding_kind else FINDING_KINDS)
            ],
            employees,
            months,
        )

    @api.model
    def _metric_exam_score(self, employees, months, assessment_kind=ASSESSMENT_EXAM):
        """Mean score of the period's assessments of a kind (exams by
        default), an absence counting 0: no data without any. The mean, not
        the latest score: it adds up over the months of a quarter or a year
        as every metric does, and a month has usually one exam, whose score
        it is."""
        plural = ASSESSMENT_PLURALS[assessment_kind]
        return self._rate(
            "helpdesk.appraisal.assessment",
            f"{assessment_kind}_score_sum",
            plural,
            employees,
            months,
            scale=1.0,
        )

    @api.model
    def _metric_exam_pass_rate(
        self, employees, months, assessment_kind=ASSESSMENT_EXAM
    ):
        """Assessments passed / assessments taken, of a kind (exams by
        default): an absence counts as taken and not passed."""
        plural = ASSESSMENT_PLURALS[assessment_kind]
        return self._rate(
            "helpdesk.appraisal.assessment",
            f"{plural}_passed",
            plural,
            employees,
            months,
        )

    @api.model
    def _metric_trainings(self, employees, months, assessment_kind=ASSESSMENT_TRAINING):
        """Assessments of a kind (trainings by default) attended."""
        return self._sum(
            "helpdesk.appraisal.assessment",
            f"{ASSESSMENT_PLURALS[assessment_kind]}_attended",
            employees,
            months,
        )

    @api.model
    def _metric_report_on_time_rate(self, employees, months):
        """Appraised tasks of kind *report* done by their deadline day /
        reports due in the period (002-C3)."""
        return self._rate(
            "project.task", "report_on_time", "report_due", employees, months
        )

    @api.model
    def _metric_late_reports(self, employees, months):
        """Reports due in the period done late or still open past their
        deadline day."""
        return self._sum("project.task", "report_overdue", employees, months)

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
        # The template line's record, or its id.
        template = sheets.template_id.browse(
            getattr(source_template_id, "id", source_template_id)
        )
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
