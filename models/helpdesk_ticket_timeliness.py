# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
from collections import defaultdict

from pytz import utc

from odoo import api, fields, models
from odoo.osv import expression

from .. import scoring

ONE_DAY = datetime.timedelta(days=1)

# The moments of an order the module records once (KPI_SPEC G2): OCA
# helpdesk_mgmt overwrites ``assigned_date`` and ``closed_date`` on every
# reassignment and re-close, these never change once set.
TIMELINESS_FIELDS = (
    "first_assigned_date",
    "first_assigned_user_id",
    "first_response_date",
    "first_responder_id",
    "first_closed_date",
    "reopen_count",
    "first_response_month",
    "first_closed_month",
    "response_minutes",
    "response_on_time",
    "handling_hours",
    "handled_in_time",
    "frozen_working_times",
)


# The times a locked month keeps in frozen_working_times; the first-time fix
# and the reworks frozen beside them are the fix quality's (ticket quality).
WORKING_TIMES = (
    "response_minutes",
    "response_on_time",
    "handling_hours",
    "handled_in_time",
)


class HelpdeskTicket(models.Model):
    """First assignment, first response, first closing and reopenings of an
    order, and its response and handling time in working hours.

    The first moments are computed or written by the module only (as
    superuser): no client writes them, whatever its role or context, and
    each is kept once set. Response and handling time are measured when
    read, in the working hours of the company's calendar (OCA helpdesk_mgmt
    gives teams none), public holidays (global leaves of the calendar)
    excluded, against the company's targets; when their month is locked
    they are frozen as they were, so that a later change of the calendar or
    of the targets does not move a locked month.
    """

    _inherit = "helpdesk.ticket"
    _AUDIT_FIELDS = TIMELINESS_FIELDS

    first_assigned_date = fields.Datetime(
        string="First Assigned on",
        compute="_compute_first_assignment",
        store=True,
        copy=False,
    )
    first_assigned_user_id = fields.Many2one(
        comodel_name="res.users",
        string="First Assigned to",
        compute="_compute_first_assignment",
        store=True,
        copy=False,
    )
    first_response_date = fields.Datetime(
        string="First Response on",
        compute="_compute_first_response",
        store=True,
        copy=False,
        help="The first response to the order, as the company counts it "
        "(Settings: Response Event).",
    )
    first_responder_id = fields.Many2one(
        comodel_name="res.users",
        compute="_compute_first_response",
        store=True,
        copy=False,
    )
    first_closed_date = fields.Datetime(
        string="First Closed on",
        compute="_compute_first_closed_date",
        store=True,
        copy=False,
        help="The first closing of the order: a reopening and a new closing "
        "leave it as it is.",
    )
    reopen_count = fields.Integer(
        string="Reopenings",
        readonly=True,
        copy=False,
        help="How many times the order left a closed stage.",
    )
    first_response_month = fields.Date(
        compute="_compute_first_response_month",
        store=True,
        index=True,
    )
    first_closed_month = fields.Date(
        compute="_compute_first_closed_month",
        store=True,
        index=True,
    )
    # Measured when read, in batch, with the company's calendar and targets;
    # a locked month's are frozen (``_freeze_working_times``).
    response_minutes = fields.Float(
        string="Response Time (Working Minutes)",
        compute="_compute_working_times",
        help="Working minutes of the company's calendar from the request to "
        "the first response.",
    )
    response_on_time = fields.Boolean(
        string="Responded on Time", compute="_compute_working_times"
    )
    handling_hours = fields.Float(
        string="Handling Time (Working Hours)",
        compute="_compute_working_times",
        help="Working hours of the company's calendar from the request to the "
        "first closing.",
    )
    handled_in_time = fields.Boolean(compute="_compute_working_times")
    # {field name: value} of the times above, the first-time fix and the
    # reworks as their month was locked.
    frozen_working_times = fields.Json(readonly=True, copy=False)

    # Each first moment is kept once set: the compute only fills it.
    @api.depends("user_id")
    def _compute_first_assignment(self):
        now = fields.Datetime.now()
        for ticket in self:
            if ticket.first_assigned_date or not ticket.user_id:
                ticket.first_assigned_date = ticket.first_assigned_date
                ticket.first_assigned_user_id = ticket.first_assigned_user_id
            else:
                # An order created assigned keeps the date it came with.
                ticket.first_assigned_date = ticket.assigned_date or now
                ticket.first_assigned_user_id = ticket.user_id

    @api.depends("stage_id")
    def _compute_first_closed_date(self):
        now = fields.Datetime.now()
        for ticket in self:
            ticket.first_closed_date = ticket.first_closed_date or (
                (ticket.closed_date or now) if ticket.stage_id.closed else False
            )

    @api.depends("stage_id")
    def _compute_first_response(self):
        """With the stage as the response event: the first stage that is not
        unattended (a stage of work, or the closing)."""
        now = fields.Datetime.now()
        for ticket in self:
            if (
                ticket.first_response_date
                or not ticket.stage_id
                or ticket.stage_id.unattended
                or ticket.company_id.appraisal_response_event != scoring.RESPONSE_STAGE
            ):
                ticket.first_response_date = ticket.first_response_date
                ticket.first_responder_id = ticket.first_responder_id
            else:
                ticket.first_response_date = now
                ticket.first_responder_id = self.env.user

    @api.depends("first_response_date")
    def _compute_first_response_month(self):
        for ticket in self:
            ticket.first_response_month = ticket._appraisal_month(
                ticket.first_response_date
            )

    @api.depends("first_closed_date")
    def _compute_first_closed_month(self):
        for ticket in self:
            ticket.first_closed_month = ticket._appraisal_month(
                ticket.first_closed_date
            )

    @api.depends(
        "create_date",
        "first_response_date",
        "first_closed_date",
        "frozen_working_times",
    )
    def _compute_working_times(self):
        response = self._working_hours_since_request("first_response_date")
        handling = self._working_hours_since_request("first_closed_date")
        for ticket in self:
            company = ticket.company_id
            minutes = response.get(ticket.id)
            minutes = minutes * 60 if minutes is not None else None
            hours = handling.get(ticket.id)
            ticket.response_minutes = minutes or 0.0
            ticket.response_on_time = bool(
                scoring.within_target(
                    minutes, company.appraisal_response_target_minutes
                )
            )
            ticket.handling_hours = hours or 0.0
            ticket.handled_in_time = bool(
                scoring.within_target(
                    hours,
                    scoring.handling_target_hours(
                        company.appraisal_handling_target_days,
                        company._appraisal_working_day_hours(),
                    ),
                )
            )
            # A locked month keeps the times it was appraised with, whatever
            # the calendar and the targets became since.
            frozen = ticket.frozen_working_times or {}
            ticket.update(
                {fname: frozen[fname] for fname in WORKING_TIMES if fname in frozen}
            )

    @api.model_create_multi
    def create(self, vals_list):
        # A default in the client's context would reach the new order too.
        context_defaults = {
            fname: self.env.context[f"default_{fname}"]
            for fname in self._AUDIT_FIELDS
            if f"default_{fname}" in self.env.context
        }
        for vals in vals_list:
            self._check_audit_values({**context_defaults, **vals})
        return super().create(vals_list)

    def write(self, vals):
        self._check_audit_values(vals)
        reopened = self.browse()
        if vals.get("stage_id"):
            new_stage = self.env["helpdesk.ticket.stage"].browse(vals["stage_id"])
            if not new_stage.closed:
                reopened = self.filtered("stage_id.closed")
            # A locked month's facts do not change: its orders stay closed.
            self.env["res.company"]._check_appraisal_lock(
                [(t, t.company_id, t.first_closed_date) for t in reopened],
                self.env._("Service order"),
            )
        res = super().write(vals)
        # sudo: the module counts the reopenings, whoever reopens.
        for ticket in reopened.sudo():
            ticket.reopen_count += 1
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_timeliness_locked(self):
        """A locked month's responses and closings are not lost with their
        order."""
        # sudo: only the recorded moments of the orders are compared.
        self.env["res.company"]._check_appraisal_lock(
            [
                (ticket, ticket.company_id, moment)
                for ticket in self.sudo()
                for moment in (ticket.first_response_date, ticket.first_closed_date)
            ],
            self.env._("Service order"),
        )

    def _message_post_after_hook(self, message, msg_values):
        """A message to the customer by an internal user is a response."""
        res = super()._message_post_after_hook(message, msg_values)
        if message.message_type != "comment" or message.subtype_id != self.env.ref(
            "mail.mt_comment"
        ):
            return res
        author = message.author_id.user_ids.filtered(lambda user: not user.share)[:1]
        if author:
            # sudo: the module records the response, whoever wrote.
            self.sudo()._record_first_response(scoring.RESPONSE_MESSAGE, author)
        return res

    def _audit_message(self, field_labels):
        return self.env._(
            "%(fields)s of a service order are recorded by the module: the "
            "first assignment, response and closing, the reopenings and the "
            "times measured from them. They cannot be written.",
            fields=field_labels,
        )

    def _appraisal_month(self, moment):
        """First day of the month of ``moment`` in the company's appraisal
        time zone, or False."""
        self.ensure_one()
        if not moment:
            return False
        company = self.company_id or self.env.company
        return scoring.month_start(company._appraisal_local_day(moment))

    def _working_hours_since_request(self, fname):
        """``{ticket id: working hours}`` from the request (the order's
        creation) to its moment ``fname``, in the company's calendar with its
        public holidays; orders without the moment are absent (no data).
        One look-up of the working intervals per calendar."""
        hours = {}
        tickets = self.filtered(lambda t: t[fname] and t.create_date)
        for calendar, group in tickets.grouped(
            lambda t: t.company_id.resource_calendar_id
        ).items():
            spans = [(t.create_date, max(t.create_date, t[fname])) for t in group]
            if calendar:
                start = min(span[0] for span in spans).replace(tzinfo=utc)
                stop = max(span[1] for span in spans).replace(tzinfo=utc)
                work = [
                    (
                        begin.astimezone(utc).replace(tzinfo=None),
                        end.astimezone(utc).replace(tzinfo=None),
                    )
                    for begin, end, _meta in calendar._work_intervals_batch(
                        start, stop
                    )[False]
                ]
            else:
                # No calendar: every hour counts.
                work = [(min(s[0] for s in spans), max(s[1] for s in spans))]
            for ticket, (begin, end) in zip(group, spans, strict=True):
                hours[ticket.id] = scoring.overlap_hours(work, begin, end)
        return hours

    def _record_first_response(self, event, responder):
        """Record ``responder`` now as the first response of the orders whose
        company counts ``event`` as the response and that have none yet."""
        pending = self.filtered(
            lambda t: not t.first_response_date
            and t.company_id.appraisal_response_event == event
        )
        if pending:
            pending.sudo().write(
                {
                    "first_response_date": fields.Datetime.now(),
                    "first_responder_id": responder.id,
                }
            )

    @api.model
    def _freeze_working_times(self, company, after, until, freeze=True):
        """Freeze (or, with ``freeze=False``, thaw) the response and handling
        times, the first-time fix and the reworks of ``company``'s orders
        whose first response or first closing lies after the day ``after``
        (False: ever) and on or before the day
        ``until``: the days the appraisal lock date now covers (or no longer
        does). Days as the lock date compares them."""
        end = datetime.datetime.combine(until, datetime.time.min) + ONE_DAY
        start = (
            datetime.datetime.combine(after, datetime.time.min) + ONE_DAY
            if after
            else datetime.datetime.min
        )
        parts = {
            "first_response_date": ("response_minutes", "response_on_time"),
            "first_closed_date": (
                "handling_hours",
                "handled_in_time",
                "is_first_time_fix",
                "rework_count",
            ),
        }
        # sudo: the lock freezes every order of the company, whoever locks.
        tickets = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [("company_id", "=", company.id)]
                + expression.OR(
                    [[(moment, ">=", start), (moment, "<", end)] for moment in parts]
                )
            )
        )
        for ticket in tickets:
            frozen = dict(ticket.frozen_working_times or {})
            for moment, fnames in parts.items():
                if ticket[moment] and start <= ticket[moment] < end:
                    for fname in fnames:
                        if freeze:
                            frozen[fname] = ticket[fname]
                        else:
                            frozen.pop(fname, None)
            ticket.frozen_working_times = frozen or False

    @api.model
    def _backfill_timeliness_facts(self):
        """Fill the first assignment and first closing of existing orders
        from their tracked history (the chatter's tracking values of the
        assignee and the stage); orders without history keep them empty:
        no data, never a zero. Run at installation and upgrade."""
        # sudo: the module's own migration reads and writes every order.
        tickets = self.sudo().with_context(active_test=False)
        todo = tickets.search(
            [
                "|",
                ("first_assigned_date", "=", False),
                ("first_closed_date", "=", False),
            ]
        )
        if not todo:
            return
        ticket_fields = self.env["ir.model.fields"].sudo()._get_ids("helpdesk.ticket")
        trackings = (
            self.env["mail.tracking.value"]
            .sudo()
            .search(
                [
                    (
                        "field_id",
                        "in",
                        [ticket_fields["user_id"], ticket_fields["stage_id"]],
                    ),
                    ("mail_message_id.model", "=", "helpdesk.ticket"),
                    ("mail_message_id.res_id", "in", todo.ids),
                ],
                order="id",
            )
        )
        closed_stages = set(
            self.env["helpdesk.ticket.stage"]
            .sudo()
            .with_context(active_test=False)
            .search([("closed", "=", True)])
            .ids
        )
        first = defaultdict(dict)
        for tracking in trackings.sorted(lambda t: (t.mail_message_id.date, t.id)):
            message = tracking.mail_message_id
            facts = first[message.res_id]
            if tracking.field_id.id == ticket_fields["user_id"]:
                if tracking.new_value_integer and "first_assigned_date" not in facts:
                    facts["first_assigned_date"] = message.date
                    facts["first_assigned_user_id"] = tracking.new_value_integer
            elif tracking.new_value_integer in closed_stages:
                facts.setdefault("first_closed_date", message.date)
            elif tracking.old_value_integer in closed_stages:
                facts["reopen_count"] = facts.get("reopen_count", 0) + 1
        for ticket in todo.filtered(lambda t: t.id in first):
            facts = first[ticket.id]
            if ticket.first_assigned_date:
                facts.pop("first_assigned_date", None)
                facts.pop("first_assigned_user_id", None)
            if ticket.first_closed_date:
                facts.pop("first_closed_date", None)
                facts.pop("reopen_count", None)
            if facts:
                ticket.write(facts)
