# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .. import piece_rate_rules, scoring
from ..const import MANAGER_GROUP
from .helpdesk_appraisal_input_mixin import Bounds

# Set in the context by the month's own methods only. An object, not a flag:
# a context sent over RPC cannot hold it, so users cannot write the units,
# the amounts or the stage by passing a context key.
COMPUTED_WRITE = object()

STATE_DRAFT = "draft"
STATE_APPROVED = "approved"

MODE_SELECTION = [
    (piece_rate_rules.MODE_EXCESS, "Over Quota"),
    (piece_rate_rules.MODE_SHORTFALL, "Under Quota"),
    (piece_rate_rules.MODE_TOO_FEW_RETURNS, "Too Few Returns"),
]


def format_number(number):
    """A count or rate as people write it: 132, 96, 89.99."""
    return f"{number:.2f}".rstrip("0").rstrip(".")


class HelpdeskRepairCrewMonth(models.Model):
    """A repair crew's month of piece rate (seed 004-F, KPI_SPEC G9).

    Its QA-passed units and on-time delivery rate X1 come from the orders of
    the crew's members (``helpdesk.ticket._facts_by_employee_month``); the
    quota, the tier, the crew's amount and each member's part follow
    ``piece_rate_rules``. ``_refresh`` computes drafts only, in one batch of
    reads for any number of months; an approved month is frozen until an
    appraisal manager reopens it with a reason.
    """

    _name = "helpdesk.repair.crew.month"
    _description = "Repair Crew Month"
    _inherit = ["mail.thread", "mail.activity.mixin", "helpdesk.appraisal.input.mixin"]
    _order = "month desc, crew_id"
    _check_company_auto = True
    _appraisal_bounds = {
        "working_days": Bounds(1, piece_rate_rules.MAX_WORKING_DAYS),
        "crew_amount": Bounds(-1e9, 1e9),
    }
    # Written by the month's own methods only.
    _COMPUTED_FIELDS = (
        "state",
        "qa_passed_units",
        "deliveries",
        "deliveries_on_time",
        "on_time_rate",
        "daily_quota",
        "quota",
        "unit_rate",
        "mode",
        "excess_units",
        "shortfall_units",
        "crew_amount",
        "base_percent",
        "explanation",
        "approver_user_id",
        "approval_date",
        "too_few_returns_approver_id",
    )
    # Changing these recomputes a draft.
    _INPUT_FIELDS = ("crew_id", "month", "working_days", "too_few_returns")

    crew_id = fields.Many2one(
        comodel_name="helpdesk.repair.crew",
        required=True,
        index=True,
        check_company=True,
        ondelete="restrict",
        tracking=True,
    )
    company_id = fields.Many2one(
        related="crew_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    month = fields.Date(
        required=True,
        index=True,
        tracking=True,
        help="First day of the month the QA-passed units and deliveries count in.",
    )
    state = fields.Selection(
        selection=[(STATE_DRAFT, "Draft"), (STATE_APPROVED, "Approved")],
        default=STATE_DRAFT,
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    working_days = fields.Integer(
        compute="_compute_working_days",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="The crew's quota is its daily quota times these days; by default "
        "the working days of the crew's company.",
    )
    too_few_returns = fields.Boolean(
        tracking=True,
        copy=False,
        help="The crew fell short of its quota because customers returned "
        "too few units: no deduction, each member earns a percentage of "
        "their own base by the month's tier instead.",
    )
    too_few_returns_reason = fields.Text(
        string="Why Too Few Returns", tracking=True, copy=False
    )
    too_few_returns_approver_id = fields.Many2one(
        comodel_name="res.users",
        string="Too Few Returns Approved by",
        readonly=True,
        copy=False,
    )
    line_ids = fields.One2many(
        comodel_name="helpdesk.repair.crew.month.line",
        inverse_name="month_id",
        string="Members",
    )
    qa_passed_units = fields.Integer(
        string="QA-Passed Units",
        readonly=True,
        copy=False,
        help="Orders of the crew's members that passed the quality check in "
        "the month; the others do not count.",
    )
    deliveries = fields.Integer(readonly=True, copy=False)
    deliveries_on_time = fields.Integer(readonly=True, copy=False)
    on_time_rate = fields.Float(
        string="On-Time Delivery Rate X1 (%)",
        readonly=True,
        copy=False,
        aggregator="avg",
        help="Deliveries of the month on or before the promised day, out of "
        "the month's deliveries. Without delivery the lowest tier applies.",
    )
    daily_quota = fields.Float(readonly=True, copy=False)
    quota = fields.Float(readonly=True, copy=False)
    unit_rate = fields.Float(
        string="Rate per Unit",
        readonly=True,
        copy=False,
        help="The tier's rate for each unit over the quota and each merit point.",
    )
    mode = fields.Selection(selection=MODE_SELECTION, readonly=True, copy=False)
    excess_units = fields.Float(string="Units over Quota", readonly=True, copy=False)
    shortfall_units = fields.Float(
        string="Units under Quota", readonly=True, copy=False
    )
    crew_amount = fields.Monetary(
        readonly=True,
        copy=False,
        help="Bonus (positive) or deduction (negative) of the crew before the split.",
    )
    base_percent = fields.Float(
        string="Percent of Base",
        readonly=True,
        copy=False,
        aggregator=None,
        help="Each member's percentage of their own base in a month with too "
        "few returns.",
    )
    explanation = fields.Text(readonly=True, copy=False)
    approver_user_id = fields.Many2one(
        comodel_name="res.users", string="Approved by", readonly=True, copy=False
    )
    approval_date = fields.Datetime(readonly=True, copy=False)
    reopen_reason = fields.Text(
        string="Reason to Reopen",
        copy=False,
        help="Required to reopen an approved month; logged in the chatter.",
    )

    _sql_constraints = [
        (
            "crew_month_unique",
            "UNIQUE(crew_id, month)",
            "A crew has a single piece-rate month per month.",
        ),
    ]

    @api.depends("crew_id.company_id")
    def _compute_working_days(self):
        for record in self:
            record.working_days = (
                record.working_days
                or record.crew_id.company_id.appraisal_piece_working_days
            )

    @api.depends("crew_id", "month")
    def _compute_display_name(self):
        for record in self:
            record.display_name = " - ".join(
                part
                for part in (
                    record.crew_id.name,
                    record.month and record.month.strftime("%Y-%m"),
                )
                if part
            )

    @api.constrains("too_few_returns", "too_few_returns_reason")
    def _check_too_few_returns_reason(self):
        for record in self:
            if (
                record.too_few_returns
                and not (record.too_few_returns_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "Say why %(month)s had too few returns.",
                        month=record.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        # The defaults a client sends in the context are values too: they
        # set neither the units, the amounts nor the stage.
        for vals in self._with_context_defaults(vals_list):
            self._check_fields_writable(vals)
        for vals in vals_list:
            if vals.get("month"):
                vals["month"] = scoring.month_start(fields.Date.to_date(vals["month"]))
            self._stamp_too_few_returns(vals)
        records = super().create(vals_list)
        records._refresh()
        return records

    def write(self, vals):
        self._check_fields_writable(vals)
        computed = self.env.context.get("crew_month_computed_write") is COMPUTED_WRITE
        if not computed:
            if set(vals) - {"reopen_reason"} and any(
                record.state == STATE_APPROVED for record in self
            ):
                raise UserError(
                    self.env._(
                        "An approved piece-rate month is read-only; an appraisal "
                        "manager may reopen it with a reason."
                    )
                )
            if vals.get("month"):
                vals = {
                    **vals,
                    "month": scoring.month_start(fields.Date.to_date(vals["month"])),
                }
            vals = self._stamp_too_few_returns(dict(vals))
        res = super().write(vals)
        if not computed and set(vals) & set(self._INPUT_FIELDS):
            self._refresh()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        if any(record.state == STATE_APPROVED for record in self):
            raise UserError(
                self.env._("An approved piece-rate month cannot be deleted.")
            )

    def _stamp_too_few_returns(self, vals):
        """Who sets the flag approves it: the approver is recorded, never
        typed."""
        if "too_few_returns" in vals:
            vals["too_few_returns_approver_id"] = (
                self.env.uid if vals["too_few_returns"] else False
            )
        return vals

    def _check_fields_writable(self, vals):
        if self.env.su:
            return
        if self.env.context.get("crew_month_computed_write") is COMPUTED_WRITE:
            return
        computed = set(vals) & set(self._COMPUTED_FIELDS)
        if computed:
            raise AccessError(
                self.env._(
                    "The units, amounts and stage of a piece-rate month are "
                    "computed: use its buttons (fields: %(fields)s).",
                    fields=", ".join(
                        sorted(
                            self._fields[name]._description_string(self.env)
                            for name in computed
                        )
                    ),
                )
            )

    def _computed_write(self, vals):
        return self.with_context(crew_month_computed_write=COMPUTED_WRITE).write(vals)

    # Workflow ---------------------------------------------------------------

    def action_refresh(self):
        self._check_manager()
        self._refresh()
        return True

    def action_approve(self):
        """Compute the drafts one last time and freeze them."""
        self._check_manager()
        if any(record.state != STATE_DRAFT for record in self):
            raise UserError(self.env._("Only a draft piece-rate month is approved."))
        if any(self.env.user in record.line_ids.employee_id.user_id for record in self):
            raise AccessError(
                self.env._("You cannot approve the piece rate of your own crew.")
            )
        self._refresh()
        self._computed_write(
            {
                "state": STATE_APPROVED,
                "approver_user_id": self.env.uid,
                "approval_date": fields.Datetime.now(),
            }
        )
        for record in self:
            record.message_post(body=self.env._("Approved: the piece rate is frozen."))
        return True

    def action_reopen(self):
        self._check_manager()
        if any(record.state != STATE_APPROVED for record in self):
            raise UserError(
                self.env._("Only an approved piece-rate month is reopened.")
            )
        if any(not (record.reopen_reason or "").strip() for record in self):
            raise UserError(
                self.env._("Give the reason to reopen the piece-rate month.")
            )
        reasons = {record: record.reopen_reason for record in self}
        self._computed_write(
            {
                "state": STATE_DRAFT,
                "reopen_reason": False,
                "approver_user_id": False,
                "approval_date": False,
            }
        )
        for record in self:
            record.message_post(
                body=self.env._("Reopened: %(reason)s", reason=reasons[record])
            )
        self._refresh()
        return True

    def _check_manager(self):
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._(
                    "Only an appraisal manager may refresh, approve or reopen "
                    "a piece-rate month."
                )
            )

    # Computation -------------------------------------------------------------

    def _refresh(self):
        """Compute the drafts' units, X1, quota and amounts, and each member's
        part, from the current facts and settings. The reads do not depend on
        the number of months, crews or members."""
        records = self.filtered(lambda record: record.state == STATE_DRAFT)
        if not records:
            return
        records._sync_lines()
        facts = records._crew_facts()
        for record in records:
            # sudo: the settings are read whoever refreshes.
            settings = record.company_id.sudo()._piece_rate_settings()
            units, deliveries, on_time = facts[record.id]
            crew = piece_rate_rules.crew_result(
                len(record.line_ids),
                record.working_days,
                units,
                deliveries,
                on_time,
                record.too_few_returns,
                settings,
            )
            record._computed_write(
                {
                    "qa_passed_units": units,
                    "deliveries": deliveries,
                    "deliveries_on_time": on_time,
                    "on_time_rate": crew.on_time_rate or 0.0,
                    "daily_quota": crew.daily_quota,
                    "quota": crew.quota,
                    "unit_rate": crew.unit_rate,
                    "mode": crew.mode,
                    "excess_units": crew.excess,
                    "shortfall_units": crew.shortfall,
                    "crew_amount": crew.amount,
                    "base_percent": crew.base_percent,
                    "explanation": record._explain(crew, deliveries, on_time),
                }
            )
            for line in record.line_ids:
                line._apply_crew_result(crew)

    def _sync_lines(self):
        """Give the drafts a line for each member of their crew, with the
        member's role and share, and drop the lines of former members; merit
        points and vetoes stay."""
        lines = self.env["helpdesk.repair.crew.month.line"]
        to_create = []
        for record in self:
            members = record.crew_id.member_ids
            by_employee = {line.employee_id: line for line in record.line_ids}
            for member in members:
                values = {"role": member.role, "share": member.share}
                line = by_employee.get(member.employee_id)
                if line is None:
                    to_create.append(
                        {
                            **values,
                            "month_id": record.id,
                            "employee_id": member.employee_id.id,
                        }
                    )
                elif (line.role, line.share) != (member.role, member.share):
                    line._computed_write(values)
            record.line_ids.filtered(
                lambda line, employees=members.employee_id: line.employee_id
                not in employees
            )._computed_unlink()
        lines._computed_create(to_create)

    def _crew_facts(self):
        """``{month id: (QA-passed units, deliveries, deliveries on time)}``
        of the orders of the months' members, each order once per crew
        however many members worked on it: one batch of the orders' fact
        source for all the months."""
        months = set(self.mapped("month"))
        orders = self.env["helpdesk.ticket"]._facts_by_employee_month(
            self.line_ids.employee_id, months
        )
        result = {}
        for record in self:
            tickets = self.env["helpdesk.ticket"].sudo()
            for employee in record.line_ids.employee_id:
                tickets |= orders.get((employee.id, record.month), tickets.browse())
            counts = defaultdict(float)
            for ticket in tickets:
                for month, measures in ticket._timeliness_measures():
                    if month == record.month:
                        for name, number in measures:
                            counts[name] += number
            result[record.id] = (
                int(counts["qa_passed"]),
                int(counts["deliveries"]),
                int(counts["deliveries_on_time"]),
            )
        return result

    def _explain(self, crew, deliveries, on_time):
        """The crew's formula with its numbers."""
        self.ensure_one()
        if crew.on_time_rate is None:
            x1 = self.env._("no delivery in the month, lowest tier")
        else:
            x1 = self.env._(
                "%(on_time)s of %(deliveries)s deliveries on time = %(rate)s %%",
                on_time=on_time,
                deliveries=deliveries,
                rate=format_number(crew.on_time_rate),
            )
        lines = [
            self.env._(
                "Quota: %(daily)s units a day x %(days)s days = %(quota)s; "
                "%(units)s QA-passed units.",
                daily=format_number(crew.daily_quota),
                days=crew.working_days,
                quota=format_number(crew.quota),
                units=crew.units,
            ),
            self.env._(
                "X1: %(x1)s; tier %(tier)s: %(rate)s per unit.",
                x1=x1,
                tier=crew.tier + 1,
                rate=format_number(crew.unit_rate),
            ),
        ]
        if crew.mode == piece_rate_rules.MODE_EXCESS:
            lines.append(
                self.env._(
                    "%(units)s units over quota x %(rate)s = %(amount)s.",
                    units=format_number(crew.excess),
                    rate=format_number(crew.unit_rate),
                    amount=format_number(crew.amount),
                )
            )
        elif crew.mode == piece_rate_rules.MODE_SHORTFALL:
            lines.append(
                self.env._(
                    "%(units)s units under quota x %(rate)s = %(amount)s deducted.",
                    units=format_number(crew.shortfall),
                    rate=format_number(crew.shortfall_rate),
                    amount=format_number(-crew.amount),
                )
            )
        else:
            lines.append(
                self.env._(
                    "%(units)s units under quota with too few returns: no "
                    "deduction; %(percent)s %% of each member's own base.",
                    units=format_number(crew.shortfall),
                    percent=format_number(crew.base_percent),
                )
            )
        return "\n".join(lines)

    # Pay -------------------------------------------------------------------

    @api.model
    def _pay_terms_by_employee_month(self, employees, months):
        """``{(employee_id, month): [{"amount", "base_percent", "label",
        "explanation"}, ...]}`` of the approved crew months: the member's part
        of the crew's amount (``base_percent``: the percentage of their own
        performance base in a month with too few returns, else 0), and their
        merit points. One search whatever the number of employees and months."""
        # sudo: pay statements count the crews' months whoever builds them.
        lines = (
            self.env["helpdesk.repair.crew.month.line"]
            .sudo()
            .search(
                [
                    ("employee_id", "in", employees.ids),
                    ("month", "in", list(months)),
                    ("month_id.state", "=", STATE_APPROVED),
                ]
            )
        )
        terms = defaultdict(list)
        for line in lines:
            terms[(line.employee_id.id, line.month)].extend(line._pay_terms())
        return dict(terms)
