# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .. import scoring
from ..const import SUPERVISOR_GROUP
from .helpdesk_ticket import HelpdeskTicket as AppraisalTicket
from .helpdesk_ticket_timeliness import TIMELINESS_FIELDS

# The quality check and delivery dates of an order: set by supervisors only,
# an engineer never passes their own repair.
QA_FIELDS = ("qa_result", "qa_date", "promised_delivery_date", "actual_delivery_date")
# What the month of an order's fix quality counts: dated by its first
# closing, so a locked month's rework, fix and resolution do not change.
FIX_FIELDS = ("rework_of_id", "resolution_result")


class HelpdeskTicket(models.Model):
    """Fix quality of an order (KPI_SPEC G3): the rework link, the first-time
    fix, the resolution at closing, the QA result and the delivery dates of
    depot repairs; and the batched fact source of every timeliness and
    quality measure of the orders (``_counts_by_employee_month``)."""

    _inherit = "helpdesk.ticket"
    _AUDIT_FIELDS = TIMELINESS_FIELDS + ("qa_inspector_id",)
    _appraisal_date_years_ahead = {
        **AppraisalTicket._appraisal_date_years_ahead,
        "promised_delivery_date": scoring.YEARS_AHEAD_MAX,
    }

    rework_of_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Rework of",
        tracking=True,
        copy=False,
        index="btree_not_null",
        check_company=True,
        domain="[('company_id', '=', company_id), ('id', '!=', id)]",
        help="The order this one repeats because its fix did not hold. Within "
        "the company's rework window after the original's first closing, it "
        "counts against the original's engineers.",
    )
    rework_ids = fields.One2many(
        comodel_name="helpdesk.ticket",
        inverse_name="rework_of_id",
        string="Reworks",
    )
    is_first_time_fix = fields.Boolean(
        string="First-time Fix",
        compute="_compute_is_first_time_fix",
        help="Closed, no rework reported within the company's rework "
        "window after its first closing, and no engineer went on site twice.",
    )
    rework_count = fields.Integer(
        string="Reworks in the Window",
        compute="_compute_is_first_time_fix",
    )
    resolution_result = fields.Selection(
        selection=[
            (scoring.RESOLUTION_RESOLVED, "Resolved"),
            (scoring.RESOLUTION_NOT_RESOLVED, "Not Resolved"),
            (scoring.RESOLUTION_ESCALATED, "Escalated"),
            (scoring.RESOLUTION_NO_FAULT, "No Fault Found"),
        ],
        string="Resolution",
        compute="_compute_resolution_result",
        store=True,
        readonly=False,
        tracking=True,
        copy=False,
        help="The result of the order at closing. The latest callback that "
        "reached the customer sets it (resolved when the customer confirmed "
        "the work); it can be corrected by hand.",
    )
    qa_result = fields.Selection(
        selection=[(scoring.QA_PASS, "Pass"), (scoring.QA_FAIL, "Fail")],
        string="QA Result",
        tracking=True,
        copy=False,
        help="Quality inspection of the repair. Set by a supervisor.",
    )
    qa_inspector_id = fields.Many2one(
        comodel_name="res.users",
        string="QA Inspector",
        readonly=True,
        copy=False,
    )
    qa_date = fields.Date(string="QA Date", tracking=True, copy=False)
    promised_delivery_date = fields.Date(
        tracking=True,
        copy=False,
        help="Day the repaired unit was promised back to the customer (depot repairs).",
    )
    actual_delivery_date = fields.Date(
        string="Delivered on",
        tracking=True,
        copy=False,
        help="Day the repaired unit was delivered back to the customer.",
    )

    # Not stored: the window is the company's current setting, and a
    # rework may come later. One visit (issue 13 item 4) is one trip per
    # engineer: two engineers on site together is still a first-time fix.
    # A locked month keeps what it was appraised with (frozen_working_times).
    @api.depends(
        "first_closed_date",
        "rework_ids.create_date",
        "visit_ids.employee_id",
        "frozen_working_times",
    )
    def _compute_is_first_time_fix(self):
        for ticket in self:
            reworks = len(ticket._reworks_in_window())
            visits = ticket.sudo().visit_ids
            ticket.rework_count = reworks
            ticket.is_first_time_fix = (
                bool(ticket.first_closed_date)
                and not reworks
                and len(visits) <= len(visits.employee_id)
            )
            frozen = ticket.frozen_working_times or {}
            ticket.update(
                {
                    fname: frozen[fname]
                    for fname in ("rework_count", "is_first_time_fix")
                    if fname in frozen
                }
            )

    @api.depends("callback_ids.work_confirmed", "callback_ids.result")
    def _compute_resolution_result(self):
        # sudo: the callbacks are read for their result only, whoever closes.
        callbacks = (
            self.env["helpdesk.ticket.callback"]
            .sudo()
            .search(
                [("ticket_id", "in", self.ids), ("result", "!=", "unreachable")],
                order="call_date desc, id desc",
            )
        )
        latest = {}
        for callback in callbacks:
            latest.setdefault(callback.ticket_id.id, callback)
        for ticket in self:
            callback = latest.get(ticket.id)
            # Without a callback that reached the customer, the result set
            # by hand stays; so does the result of an order first closed in
            # a locked month, whoever logs a later callback on it.
            ticket.resolution_result = (
                scoring.resolution_from_callback(
                    callback.work_confirmed, callback.result
                )
                if callback
                and not ticket.company_id._appraisal_locked(ticket.first_closed_date)
                else ticket.resolution_result
            )

    @api.constrains("rework_of_id")
    def _check_rework_of(self):
        for ticket in self.filtered("rework_of_id"):
            if ticket.rework_of_id == ticket or ticket._has_cycle("rework_of_id"):
                raise ValidationError(
                    self.env._(
                        "Order %(order)s cannot be a rework of itself, nor of an "
                        "order that is a rework of it.",
                        order=ticket.display_name,
                    )
                )
            if ticket.rework_of_id.company_id != ticket.company_id:
                raise ValidationError(
                    self.env._(
                        "Order %(order)s and the order it reworks must belong to "
                        "the same company.",
                        order=ticket.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        # The defaults a client sends in the context are values too.
        for vals in self._with_context_defaults(vals_list):
            self._check_can_set_qa(vals, creating=True)
        for vals in vals_list:
            if vals.get("qa_result"):
                vals.setdefault("qa_date", fields.Date.context_today(self))
        tickets = super().create(vals_list)
        tickets.filtered("qa_result")._stamp_qa_inspector()
        tickets._check_fix_lock()
        return tickets

    def write(self, vals):
        self._check_can_set_qa(vals)
        if vals.get("qa_result") and "qa_date" not in vals:
            vals = {**vals, "qa_date": fields.Date.context_today(self)}
        guarded = bool({*FIX_FIELDS, *QA_FIELDS} & vals.keys())
        if guarded:
            # The month the facts leave and the month they move to.
            self._check_fix_lock()
        res = super().write(vals)
        if "qa_result" in vals:
            self._stamp_qa_inspector()
        if guarded:
            self._check_fix_lock()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_fix_locked(self):
        # A rework of an order of a locked month counts against it there.
        self._check_fix_lock()

    def _reworks_in_window(self):
        """The reworks of this order reported within its company's window."""
        self.ensure_one()
        window = self.company_id.appraisal_rework_window_days
        return self.rework_ids.filtered(
            lambda rework: scoring.is_rework_in_window(
                self.first_closed_date, rework.create_date, window
            )
        )

    def _check_can_set_qa(self, vals, creating=False):
        """Only supervisors set the quality check, the delivery dates, the
        rework link and the resolution: an engineer would otherwise clear the
        rework that costs their first-time fix, or pin one on a colleague."""
        if self.env.su or self.env.user.has_group(SUPERVISOR_GROUP):
            return
        # A new order's form sends its empty fields: only values count.
        fix_fields = {
            name for name in FIX_FIELDS if name in vals and (vals[name] or not creating)
        }
        if fix_fields:
            raise AccessError(
                self.env._(
                    "Only an appraisal supervisor can set the rework link and the "
                    "resolution of a service order."
                )
            )
        if set(QA_FIELDS) & vals.keys():
            raise AccessError(
                self.env._(
                    "Only an appraisal supervisor can set the QA result and the "
                    "delivery dates of a service order."
                )
            )

    def _stamp_qa_inspector(self):
        """The inspector is who sets the result (its day defaults to today)."""
        # sudo: the inspector is recorded by the module, never by a client.
        self.sudo().write(
            {"qa_inspector_id": self.env.user.id if self[:1].qa_result else False}
        )

    def _check_fix_lock(self):
        """A locked month's fix quality, QA and deliveries do not change: the
        order's first closing, its original's, its QA and delivery days."""
        if self.env.su or not self:
            return
        # sudo: only the dates of the order and its original are compared.
        tickets = self.sudo()
        if not tickets.company_id._appraisal_lock_active():
            return
        days = []
        for ticket in tickets:
            for day in (
                ticket.first_closed_date,
                ticket.rework_of_id.first_closed_date,
                ticket.qa_date,
                ticket.actual_delivery_date,
            ):
                days.append((ticket, ticket.company_id, day))
        self.env["res.company"]._check_appraisal_lock(days, self.env._("Service order"))

    # Fact source ----------------------------------------------------------

    @api.model
    def _timeliness_facts(self, employees, months):
        """``[(employee_id, month, ticket, measure)]``: each measure an order
        adds to its engineers in a month: the response in the month of the
        first response, the handling, fix and resolution in the month of the
        first closing, the QA in its month, the delivery in its month."""
        months = set(months)
        if not employees or not months:
            return []
        # sudo: an appraisal counts orders the caller may not read.
        participants = (
            self.env["helpdesk.ticket.participant"]
            .sudo()
            .search(
                [
                    ("employee_id", "in", employees.ids),
                    ("role", "=", scoring.ROLE_ENGINEER),
                    "|",
                    "|",
                    "|",
                    ("ticket_id.first_response_month", "in", list(months)),
                    ("ticket_id.first_closed_month", "in", list(months)),
                    ("ticket_id.qa_date", ">=", min(months)),
                    ("ticket_id.actual_delivery_date", ">=", min(months)),
                ]
            )
        )
        tickets = participants.ticket_id
        # One read of the reworks of every order.
        tickets.rework_ids.mapped("create_date")
        rows = []
        for participant in participants:
            ticket = participant.ticket_id
            employee_id = participant.employee_id.id
            for month, measures in ticket._timeliness_measures():
                if month in months:
                    rows.extend(
                        (employee_id, month, ticket, measure) for measure in measures
                    )
        return rows

    def _timeliness_measures(self):
        """``[(month, [measure, ...])]`` this order counts, one ``measure`` a
        ``(name, number)``."""
        self.ensure_one()
        result = []
        if self.first_response_date:
            result.append(
                (
                    self.first_response_month,
                    [
                        ("responses", 1),
                        ("responses_on_time", int(self.response_on_time)),
                        ("response_minutes_sum", self.response_minutes),
                    ],
                )
            )
        if self.first_closed_date:
            result.append(
                (
                    self.first_closed_month,
                    [
                        ("handled", 1),
                        ("handled_in_time", int(self.handled_in_time)),
                        ("handling_hours_sum", self.handling_hours),
                        ("fix_candidates", 1),
                        ("first_time_fixes", int(self.is_first_time_fix)),
                        ("reworks", self.rework_count),
                        (
                            "resolved",
                            int(self.resolution_result == scoring.RESOLUTION_RESOLVED),
                        ),
                        ("resolutions", int(bool(self.resolution_result))),
                    ],
                )
            )
        if self.qa_result and self.qa_date:
            result.append(
                (
                    scoring.month_start(self.qa_date),
                    [
                        ("qa_inspected", 1),
                        ("qa_passed", int(self.qa_result == scoring.QA_PASS)),
                    ],
                )
            )
        if self.actual_delivery_date and self.promised_delivery_date:
            result.append(
                (
                    scoring.month_start(self.actual_delivery_date),
                    [
                        ("deliveries", 1),
                        (
                            "deliveries_on_time",
                            int(
                                self.actual_delivery_date <= self.promised_delivery_date
                            ),
                        ),
                    ],
                )
            )
        return result

    @api.model
    def _counts_by_employee_month(self, employees, months):
        """{(employee_id, month): {measure: number}}; pairs without facts
        absent. Measures: responses, responses_on_time, response_minutes_sum,
        handled, handled_in_time, handling_hours_sum, fix_candidates,
        first_time_fixes, reworks, resolved, resolutions (orders with a
        resolution result), qa_inspected, qa_passed, deliveries,
        deliveries_on_time."""
        counts = defaultdict(lambda: defaultdict(float))
        for employee_id, month, _ticket, (name, number) in self._timeliness_facts(
            employees, months
        ):
            counts[(employee_id, month)][name] += number
        return {key: dict(measures) for key, measures in counts.items()}

    @api.model
    def _facts_by_employee_month(self, employees, months):
        """{(employee_id, month): the orders whose timeliness and quality
        count against them}."""
        facts = defaultdict(lambda: self.browse())
        for employee_id, month, ticket, _measure in self._timeliness_facts(
            employees, months
        ):
            facts[(employee_id, month)] |= ticket
        return dict(facts)
