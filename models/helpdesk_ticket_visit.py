# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
from collections import defaultdict

from dateutil.relativedelta import relativedelta
from markupsafe import escape
from psycopg2.errors import UniqueViolation

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, mute_logger

from .. import scoring
from .helpdesk_appraisal_input_mixin import Bounds

# The partial unique index keeping one open visit per engineer and order.
ONE_OPEN_VISIT_INDEX = "helpdesk_ticket_visit_one_open_per_engineer"
# The additive measures of the visit fact source, zero for a pair with facts.
VISIT_MEASURES = (
    "visits",
    "arrivals",
    "arrivals_on_time",
    "arrival_minutes_sum",
    "onsite_minutes_sum",
    "orders_visited",
    "orders_with_one_visit",
)


class HelpdeskTicketVisit(models.Model):
    """An engineer on the customer's site for a service order (上门).

    The check-in and check-out times are the server's, recorded by the
    actions of the order form (``helpdesk.ticket.action_check_in`` /
    ``action_check_out``): an engineer checks in and out only for
    themselves, on the orders they take part in. Nobody corrects a visit:
    a supervisor may only delete a mistaken check-in while it is still open
    (logged in the order's chatter); a checked-out visit is a fact of the
    appraisal and stays.

    Arrival (G2): the first check-in of an engineer on an order, minus the
    order's appointment or, without one, its first assignment. Without a
    visit the start of the engineer's first work log flagged on site counts
    as the check-in.
    """

    _name = "helpdesk.ticket.visit"
    _description = "Service Order Visit"
    _inherit = ["helpdesk.appraisal.input.mixin"]
    _order = "check_in desc, id desc"
    _rec_name = "ticket_id"
    _check_company_auto = True
    _appraisal_bounds = {
        "latitude": Bounds(-90.0, 90.0),
        "longitude": Bounds(-180.0, 180.0),
    }
    # Recorded by the module, never written by a client (an import included).
    _AUDIT_FIELDS = ("check_in", "check_out", "month")

    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Service Order",
        required=True,
        index=True,
        check_company=True,
        # A visit counts in an appraisal: never lost silently with its order.
        ondelete="restrict",
    )
    employee_id = fields.Many2one(
        comodel_name="hr.employee",
        string="Engineer",
        required=True,
        index=True,
        check_company=True,
        ondelete="restrict",
        default=lambda self: self.env.user.employee_id,
    )
    company_id = fields.Many2one(
        related="ticket_id.company_id",
        store=True,
        index=True,
    )
    check_in = fields.Datetime(
        string="Checked in",
        readonly=True,
        index=True,
        help="Recorded by the server when the engineer checked in on site.",
    )
    check_out = fields.Datetime(
        string="Checked out",
        readonly=True,
        help="Recorded by the server when the engineer checked out.",
    )
    latitude = fields.Float(
        digits=(10, 7),
        readonly=True,
        help="Where the engineer's browser located them at check-in, if they "
        "allowed it.",
    )
    longitude = fields.Float(
        digits=(10, 7),
        readonly=True,
        help="Where the engineer's browser located them at check-in, if they "
        "allowed it.",
    )
    month = fields.Date(
        compute="_compute_month",
        store=True,
        index=True,
        help="First day of the month of the check-in, in the company's "
        "appraisal time zone. The visit counts in this month's appraisal.",
    )
    partner_id = fields.Many2one(
        related="ticket_id.partner_id",
        string="Customer",
    )

    # Fixed when recorded, like the day of every fact.
    @api.depends("check_in")
    def _compute_month(self):
        for visit in self:
            company = visit.company_id or self.env.company
            visit.month = (
                scoring.month_start(company._appraisal_local_day(visit.check_in))
                if visit.check_in
                else False
            )

    @api.constrains("check_in", "check_out")
    def _check_check_out_after_check_in(self):
        for visit in self:
            if not visit.check_in:
                raise ValidationError(
                    self.env._(
                        "A visit on order %(order)s needs its check-in time.",
                        order=visit.ticket_id.display_name,
                    )
                )
            if visit.check_out and visit.check_out < visit.check_in:
                raise ValidationError(
                    self.env._(
                        "The check-out of %(employee)s on order %(order)s "
                        "(%(check_out)s) cannot come before the check-in "
                        "(%(check_in)s).",
                        employee=visit.employee_id.name,
                        order=visit.ticket_id.display_name,
                        check_out=visit.check_out,
                        check_in=visit.check_in,
                    )
                )

    @api.constrains("employee_id", "ticket_id")
    def _check_participant(self):
        # The participants are read whoever checks in.
        for visit in self.sudo():
            if visit.employee_id not in visit.ticket_id.participant_ids.employee_id:
                raise ValidationError(
                    self.env._(
                        "%(employee)s does not take part in order %(order)s: "
                        "only its engineers visit it.",
                        employee=visit.employee_id.name,
                        order=visit.ticket_id.display_name,
                    )
                )

    def init(self):
        # One open visit per engineer and order, in the database: two
        # check-ins sent at once both pass any check made before writing.
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS %s ON %s (ticket_id, employee_id) "
                "WHERE check_out IS NULL",
                SQL.identifier(ONE_OPEN_VISIT_INDEX),
                SQL.identifier(self._table),
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            now = fields.Datetime.now()
            own = self.env.user.employee_ids
            for vals in vals_list:
                self._check_audit_values(vals, creating=True)
            # Whom the visit is for, a default of the context included.
            for vals in self._with_context_defaults(vals_list):
                if vals.get("employee_id") and vals["employee_id"] not in own.ids:
                    raise AccessError(
                        self.env._(
                            "You check in only for yourself: each engineer "
                            "checks in on site with their own account."
                        )
                    )
            for vals in vals_list:
                # The server's time, whatever defaults the client's context
                # carries.
                vals.update(check_in=now, check_out=False)
        try:
            # A second check-in is the user's mistake, not the server's.
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                visits = super().create(vals_list)
        except UniqueViolation as error:
            if error.diag.constraint_name != ONE_OPEN_VISIT_INDEX:
                raise
            raise ValidationError(self._open_visit_message(vals_list)) from None
        visits._check_appraisal_lock()
        return visits

    def write(self, vals):
        self._check_audit_values(vals)
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "A visit is recorded by the check-in and check-out of its "
                    "engineer and cannot be changed."
                )
            )
        self._check_appraisal_lock()
        res = super().write(vals)
        self._check_appraisal_lock()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        self._check_appraisal_lock()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_checked_out(self):
        if self.env.su:
            return
        done = self.filtered("check_out")
        if done:
            raise UserError(
                self.env._(
                    "The visit of %(employee)s on order %(order)s is checked "
                    "out: it counts in the appraisal and cannot be deleted.",
                    employee=done[0].employee_id.name,
                    order=done[0].ticket_id.display_name,
                )
            )
        self.ticket_id._check_supervised()
        for visit in self:
            visit.ticket_id._message_log(
                body=escape(
                    self.env._(
                        "The open visit of %(employee)s (checked in %(check_in)s) "
                        "was deleted by %(user)s.",
                        employee=visit.employee_id.name,
                        check_in=visit.check_in,
                        user=self.env.user.name,
                    )
                ),
                author_id=self.env.user.partner_id.id,
            )

    def _open_visit_message(self, vals_list):
        """Why a check-in was refused by the one-open-visit index: the open
        visit it met, or, when another request's is not visible yet, the
        check-in itself."""
        tickets = self.env["helpdesk.ticket"].browse(
            {vals["ticket_id"] for vals in vals_list if vals.get("ticket_id")}
        )
        employees = (
            self.env["hr.employee"].browse(
                {vals["employee_id"] for vals in vals_list if vals.get("employee_id")}
            )
            | self.env.user.employee_ids
        )
        # sudo: the open visit is named whoever checks in.
        open_visit = self.sudo().search(
            [
                ("ticket_id", "in", tickets.ids),
                ("employee_id", "in", employees.ids),
                ("check_out", "=", False),
            ],
            limit=1,
        )
        employee = open_visit.employee_id or employees[:1]
        ticket = open_visit.ticket_id or tickets[:1]
        return self.env._(
            "%(employee)s is already checked in on order %(order)s: check out first.",
            employee=employee.sudo().name,
            order=ticket.sudo().display_name,
        )

    def _audit_message(self, field_labels):
        return self.env._(
            "%(fields)s of a visit are recorded by the module when the engineer "
            "checks in and out. They cannot be written.",
            fields=field_labels,
        )

    def _check_appraisal_lock(self):
        self.env["res.company"]._check_appraisal_lock(
            ((visit, visit.company_id, visit.month) for visit in self),
            self.env._("Visit on order"),
        )

    def action_check_out(self):
        """Check out of these open visits, now: only their engineer does."""
        own = self.env.user.employee_ids
        for visit in self:
            if visit.employee_id not in own:
                raise AccessError(
                    self.env._(
                        "Only %(employee)s checks out of their visit on order "
                        "%(order)s.",
                        employee=visit.employee_id.name,
                        order=visit.ticket_id.display_name,
                    )
                )
            if visit.check_out:
                raise UserError(
                    self.env._(
                        "You already checked out of order %(order)s.",
                        order=visit.ticket_id.display_name,
                    )
                )
        # A visit of a locked month stays as it is, even open.
        self._check_appraisal_lock()
        # The module records the time: no client writes it.
        self.sudo().write({"check_out": fields.Datetime.now()})
        return True

    # Fact source ----------------------------------------------------------

    @api.model
    def _counts_by_employee_month(self, employees, months):
        """{(employee_id, month): {measure: number}}; pairs without facts absent.

        Per engineer and month: ``visits`` (check-ins of the month, or on-site
        work logs of orders the engineer has no visit on) and their
        ``onsite_minutes_sum`` (checked-out visits, on-site logs by their
        hours); per order, in the month of the engineer's first check-in on
        it: ``orders_visited``, ``orders_with_one_visit`` (the engineer came
        once, counting every month) and the arrival: ``arrivals`` (orders
        with an appointment or an assignment to measure from),
        ``arrival_minutes_sum`` (wall-clock minutes, not working time; an
        early arrival counts 0) and ``arrivals_on_time`` (at most the
        company's arrival target).
        """
        months = set(months)
        counts = defaultdict(lambda: dict.fromkeys(VISIT_MEASURES, 0))
        for (employee, ticket), events in self._onsite_events(
            employees, months
        ).items():
            company = ticket.company_id
            for _start, _end, minutes, month in events:
                if month in months:
                    key = (employee.id, month)
                    counts[key]["visits"] += 1
                    counts[key]["onsite_minutes_sum"] += minutes
            first_start, _end, _minutes, first_month = events[0]
            if first_month not in months:
                continue
            key = (employee.id, first_month)
            counts[key]["orders_visited"] += 1
            counts[key]["orders_with_one_visit"] += len(events) == 1
            reference = ticket._arrival_reference_date()
            if not reference:
                continue
            late = scoring.arrival_minutes(first_start, reference)
            counts[key]["arrivals"] += 1
            counts[key]["arrival_minutes_sum"] += late
            counts[key]["arrivals_on_time"] += (
                late <= company.appraisal_arrival_target_minutes
            )
        return dict(counts)

    @api.model
    def _arrivals(self, employees, months):
        """``[(employee_id, month, minutes)]``: each arrival the counts
        above add up, one per engineer and order, so that a KPI line can
        count them against its own on-time limit."""
        months = set(months)
        arrivals = []
        for (employee, ticket), events in self._onsite_events(
            employees, months
        ).items():
            first_start, _end, _minutes, first_month = events[0]
            reference = ticket._arrival_reference_date()
            if first_month in months and reference:
                arrivals.append(
                    (
                        employee.id,
                        first_month,
                        scoring.arrival_minutes(first_start, reference),
                    )
                )
        return arrivals

    @api.model
    def _facts_by_employee_month(self, employees, months):
        """{(employee_id, month): visits of the month}; the on-site work logs
        that stand for visits are work logs, listed by their own model. One
        query, read as superuser."""
        domain = [("employee_id", "in", employees.ids), ("month", "in", list(months))]
        visits = self.sudo().search(domain, order="check_in, id")
        return dict(visits.grouped(lambda v: (v.employee_id.id, v.month)))

    @api.model
    def _onsite_events(self, employees, months):
        """{(employee, ticket): [(start, end, minutes, month)] by start} of
        the orders on which the employees have an on-site event in
        ``months``, with all of their events on those orders: visits, or,
        for an engineer without a visit on the order, on-site work logs.
        A fixed number of queries, whatever the number of employees and
        months."""
        months = sorted(months)
        if not months or not employees:
            return {}
        # sudo: an appraisal counts the visits and work logs the caller may
        # not read.
        Visit = self.sudo()
        Line = self.env["account.analytic.line"].sudo()
        log_domain = [
            ("appraisal_onsite", "=", True),
            ("ticket_id", "!=", False),
            ("date_time", "!=", False),
            ("employee_id", "in", employees.ids),
        ]
        # Work logs by their UTC start, with a day of margin for any time zone.
        margin = datetime.timedelta(days=1)
        window_start = fields.Datetime.to_datetime(months[0]) - margin
        window_end = (
            fields.Datetime.to_datetime(months[-1] + relativedelta(months=1)) + margin
        )
        tickets = (
            Visit.search(
                [("employee_id", "in", employees.ids), ("month", "in", months)]
            ).ticket_id
            | Line.search(
                log_domain
                + [("date_time", ">=", window_start), ("date_time", "<", window_end)]
            ).ticket_id
        )
        if not tickets:
            return {}
        visits = Visit.search(
            [("employee_id", "in", employees.ids), ("ticket_id", "in", tickets.ids)]
        )
        events = defaultdict(list)
        for visit in visits:
            minutes = (
                (visit.check_out - visit.check_in).total_seconds() / 60
                if visit.check_out
                else 0.0
            )
            events[visit.employee_id, visit.ticket_id].append(
                (visit.check_in, visit.check_out, minutes, visit.month)
            )
        visited = set(events)
        lines = Line.search(log_domain + [("ticket_id", "in", tickets.ids)])
        for line in lines:
            key = (line.employee_id, line.ticket_id)
            if key in visited:
                continue
            day = line.ticket_id.company_id._appraisal_local_day(line.date_time)
            events[key].append(
                (
                    line.date_time,
                    line.date_time_end,
                    line.unit_amount * 60,
                    scoring.month_start(day),
                )
            )
        return {
            key: sorted(value, key=lambda event: event[0])
            for key, value in events.items()
        }
