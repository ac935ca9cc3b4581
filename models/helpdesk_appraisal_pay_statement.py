# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import clean_context

from .. import pay_rules
from ..const import MANAGER_GROUP
from .helpdesk_appraisal_input_mixin import Bounds
from .helpdesk_appraisal_pay_plan import BASE_CONTRACT
from .helpdesk_appraisal_pay_plan_line import (
    BONUS_KINDS,
    CONDITION_FLAG,
    CONDITION_TEAM_LEADER,
    KIND_GRADE_POOL,
    KIND_PIECE,
    KIND_QUARTER,
    KIND_TEAM,
    PERFORMANCE_KINDS,
)
from .helpdesk_appraisal_sheet_template import PERIOD_MONTH, PERIOD_QUARTER
from .helpdesk_complaint import CHANNEL_GENERAL_MANAGER, CHANNEL_HOTLINE

# The complaints counting towards the vetoes of 004-R4 and R9 (Q11):
# hotline and general manager, not the field visits.
VETO_MEASURES = tuple(
    f"attributable_{channel}" for channel in (CHANNEL_HOTLINE, CHANNEL_GENERAL_MANAGER)
)

STATE_DRAFT = "draft"
STATE_APPROVED = "approved"
STATE_EXPORTED = "exported"

# Set in the context by the statement's own methods only. An object, not a
# flag: a context sent over RPC cannot hold it, so no client writes the
# amounts, the totals or the stage by passing a context key.
_COMPUTED_WRITE = object()


class HelpdeskAppraisalPayStatement(models.Model):
    """What one employee is paid under one pay plan for one month or
    quarter: one line per term with its formula and numbers, and the total.

    Computed from the KPI sheets, complaints, contracts, days attended and
    the piece rate in one batch per plan and period (``_refresh``). Approved
    by an appraisal manager, it is frozen: later facts change nothing until
    a manager reopens it with a reason. Exported statements went to payroll.
    """

    _name = "helpdesk.appraisal.pay.statement"
    _description = "Pay Statement"
    _inherit = ["mail.thread", "helpdesk.appraisal.input.mixin"]
    _order = "month desc, plan_id, employee_id"
    _check_company_auto = True
    # A total may be negative: a failing quarter, a penalty, a deduction.
    _appraisal_bounds = {
        "total": Bounds(-1e9, 1e9),
        "days_attended": Bounds(0.0, 366.0),
    }

    _COMPUTED_FIELDS = (
        "state",
        "total",
        "days_source",
        "department_id",
        "supervisor_id",
        "year_end_cancelled",
        "approved_by_id",
        "approved_on",
    )
    _APPROVED_WRITABLE_FIELDS = ("reopen_reason",)

    employee_id = fields.Many2one(
        comodel_name="hr.employee",
        required=True,
        index=True,
        check_company=True,
        ondelete="restrict",
    )
    plan_id = fields.Many2one(
        comodel_name="helpdesk.appraisal.pay.plan",
        string="Pay Plan",
        required=True,
        index=True,
        check_company=True,
        ondelete="restrict",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    month = fields.Date(
        required=True,
        index=True,
        help="First day of the statement's month or quarter.",
    )
    period_type = fields.Selection(
        selection=[(PERIOD_MONTH, "Month"), (PERIOD_QUARTER, "Quarter")],
        required=True,
        default=PERIOD_MONTH,
    )
    period_label = fields.Char(string="Period", compute="_compute_period_label")
    state = fields.Selection(
        selection=[
            (STATE_DRAFT, "Draft"),
            (STATE_APPROVED, "Approved"),
            (STATE_EXPORTED, "Exported"),
        ],
        string="Stage",
        default=STATE_DRAFT,
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    line_ids = fields.One2many(
        comodel_name="helpdesk.appraisal.pay.statement.line",
        inverse_name="statement_id",
        string="Terms",
    )
    total = fields.Monetary(readonly=True, tracking=True)
    days_attended = fields.Float(
        tracking=True,
        help="Days the employee attended in the period: from Attendances when "
        "installed, else entered or imported here.",
    )
    days_source = fields.Selection(
        selection=[("attendance", "Attendances"), ("entered", "Entered")],
        default="entered",
        readonly=True,
    )
    monthly_flag = fields.Boolean(
        string="Flag Set",
        tracking=True,
        help="Terms of the plan used only when the flag is set replace their "
        "usual term (see the plan's monthly flag).",
    )
    flag_label = fields.Char(related="plan_id.flag_label")
    department_id = fields.Many2one(
        comodel_name="hr.department", index=True, readonly=True
    )
    supervisor_id = fields.Many2one(comodel_name="hr.employee", readonly=True)
    sheet_ids = fields.Many2many(
        comodel_name="helpdesk.appraisal.sheet",
        string="KPI Sheets",
        compute="_compute_sheet_ids",
        help="The KPI sheets of the plan's template for the employee in the "
        "period: what the terms read.",
    )
    year_end_cancelled = fields.Boolean(
        string="No Year-end Appraisal",
        readonly=True,
        help="The failing quarters of the year so far cancel the year-end "
        "appraisal (004-R11).",
    )
    approved_by_id = fields.Many2one(
        comodel_name="res.users", string="Approved by", readonly=True, copy=False
    )
    approved_on = fields.Datetime(readonly=True, copy=False)
    reopen_reason = fields.Text(
        string="Reason to Reopen",
        copy=False,
        help="Required to reopen an approved statement; logged in the chatter.",
    )

    _sql_constraints = [
        (
            "plan_employee_month_unique",
            "UNIQUE(plan_id, employee_id, month)",
            "An employee has a single statement per pay plan and period.",
        ),
    ]

    @api.depends("month", "period_type")
    def _compute_period_label(self):
        for statement in self:
            if not statement.month:
                statement.period_label = False
            elif statement.period_type == PERIOD_QUARTER:
                statement.period_label = (
                    f"{statement.month.year} Q{(statement.month.month - 1) // 3 + 1}"
                )
            else:
                statement.period_label = statement.month.strftime("%Y-%m")

    @api.depends("plan_id.template_id", "employee_id", "month", "period_type")
    def _compute_sheet_ids(self):
        # In one search for all the statements; the sheets of a statement its
        # reader may see are checked when they are read.
        dated = self.filtered("month")
        sheets = self.env["helpdesk.appraisal.sheet"]
        if dated:
            sheets = sheets.sudo().search(
                [
                    ("template_id", "in", dated.plan_id.template_id.ids),
                    ("employee_id", "in", dated.employee_id.ids),
                    ("month", ">=", min(dated.mapped("month"))),
                    (
                        "month",
                        "<",
                        max(dated.mapped("month")) + relativedelta(months=3),
                    ),
                ]
            )
        for statement in self:
            months = statement._months() if statement.month else []
            statement.sheet_ids = sheets.filtered(
                lambda sheet, st=statement, months=months: sheet.template_id
                == st.plan_id.template_id
                and sheet.employee_id == st.employee_id
                and sheet.month in months
            ).sudo(False)

    @api.depends("employee_id", "plan_id", "period_label")
    def _compute_display_name(self):
        for statement in self:
            statement.display_name = " - ".join(
                part
                for part in (
                    statement.employee_id.name,
                    statement.plan_id.name,
                    statement.period_label,
                )
                if part
            )

    def _months(self):
        """The first days of the months of the statement's period."""
        self.ensure_one()
        count = 3 if self.period_type == PERIOD_QUARTER else 1
        return [self.month + relativedelta(months=i) for i in range(count)]

    @api.model_create_multi
    def create(self, vals_list):
        # The defaults a client sends in the context are values too: they
        # set neither the amounts nor the stage.
        for vals in self._with_context_defaults(vals_list):
            self._check_fields_writable(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_fields_writable(vals)
        if self.env.context.get("pay_computed_write") is not _COMPUTED_WRITE:
            frozen = set(vals) - set(self._APPROVED_WRITABLE_FIELDS)
            if frozen and any(st.state != STATE_DRAFT for st in self):
                raise UserError(
                    self.env._(
                        "An approved pay statement is frozen; an appraisal "
                        "manager may reopen it with a reason."
                    )
                )
            result = super().write(vals)
            if "days_attended" in vals:
                self._computed_write({"days_source": "entered"})
            return result
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        if any(statement.state != STATE_DRAFT for statement in self):
            raise UserError(self.env._("An approved pay statement cannot be deleted."))

    def _check_fields_writable(self, vals):
        """Only appraisal managers (payroll) write statements, and never
        what the statement computes itself, whatever the context says."""
        if self.env.su or (
            self.env.context.get("pay_computed_write") is _COMPUTED_WRITE
        ):
            return
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._("Only an appraisal manager may change pay statements.")
            )
        computed = set(vals) & set(self._COMPUTED_FIELDS)
        if computed:
            raise AccessError(
                self.env._(
                    "The amounts and the stage of a pay statement are computed: "
                    "use the statement's buttons (fields: %(fields)s).",
                    fields=", ".join(
                        sorted(
                            self._fields[name]._description_string(self.env)
                            for name in computed
                        )
                    ),
                )
            )

    def _computed_write(self, vals):
        return self.with_context(pay_computed_write=_COMPUTED_WRITE).write(vals)

    # Workflow ---------------------------------------------------------------

    def _check_manager(self):
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._("Only an appraisal manager may do this on pay statements.")
            )

    def _check_state(self, states):
        if any(statement.state not in states for statement in self):
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "This action applies to pay statements in the stage "
                    "%(stages)s only.",
                    stages=", ".join(labels[state] for state in states),
                )
            )

    def action_refresh(self):
        self._check_manager()
        self._check_state([STATE_DRAFT])
        self._refresh()
        return True

    def action_approve(self):
        """Freeze the statements: their amounts stay whatever happens to the
        facts. The KPI sheets they read must be done."""
        self._check_manager()
        self._check_state([STATE_DRAFT])
        if any(st.employee_id.user_id == self.env.user for st in self):
            raise AccessError(self.env._("You cannot approve your own pay statement."))
        self._refresh()
        open_sheets = self.sudo().sheet_ids.filtered(lambda s: s.state != "done")
        if open_sheets:
            raise UserError(
                self.env._(
                    "The KPI sheet %(sheet)s is not done yet: approve it before "
                    "the pay statement.",
                    sheet=open_sheets[0].display_name,
                )
            )
        self._computed_write(
            {
                "state": STATE_APPROVED,
                "approved_by_id": self.env.uid,
                "approved_on": fields.Datetime.now(),
            }
        )
        for statement in self:
            statement.message_post(body=self.env._("Approved: the amounts are frozen."))
        return True

    def action_reopen(self):
        self._check_manager()
        self._check_state([STATE_APPROVED, STATE_EXPORTED])
        if any(not (st.reopen_reason or "").strip() for st in self):
            raise UserError(self.env._("Give the reason to reopen the pay statement."))
        reasons = {statement: statement.reopen_reason for statement in self}
        self._computed_write(
            {
                "state": STATE_DRAFT,
                "reopen_reason": False,
                "approved_by_id": False,
                "approved_on": False,
            }
        )
        for statement in self:
            statement.message_post(
                body=self.env._("Reopened: %(reason)s", reason=reasons[statement])
            )
        self._refresh()
        return True

    def action_export_xlsx(self):
        """The approved statements as a spreadsheet for payroll; they are
        marked exported."""
        self._check_manager()
        self._check_state([STATE_APPROVED, STATE_EXPORTED])
        self.filtered(lambda st: st.state == STATE_APPROVED)._computed_write(
            {"state": STATE_EXPORTED}
        )
        return self.env.ref(
            "helpdesk_engineer_appraisal.action_report_pay_statement_xlsx"
        ).report_action(self)

    # Generation -------------------------------------------------------------

    @api.model
    def _generate(self, plan, day):
        """Create the missing statements of ``plan`` for the period holding
        ``day`` and refresh the drafts, in one batch."""
        month = plan._period_start(day)
        employees = plan._applicable_employees()
        existing = self.search(
            [
                ("plan_id", "=", plan.id),
                ("employee_id", "in", employees.ids),
                ("month", "=", month),
            ]
        )
        # No default of the caller's context: the system sets what it
        # creates.
        created = self.with_context(clean_context(self.env.context)).create(
            [
                {
                    "plan_id": plan.id,
                    "employee_id": employee.id,
                    "company_id": plan.company_id.id,
                    "month": month,
                    "period_type": plan.payout_period,
                }
                for employee in employees - existing.employee_id
            ]
        )
        statements = existing | created
        statements._refresh()
        return statements

    # Computation ------------------------------------------------------------

    def _refresh(self):
        """Compute the terms and totals of the draft statements: one batch
        per plan and period, its reads independent of the number of
        employees."""
        drafts = self.filtered(lambda st: st.state == STATE_DRAFT)
        # Statements read contracts, pay bases, sheets and complaints their
        # reader may not see: the plan decides what counts.
        for (_plan, _month), group in (
            drafts.sudo().grouped(lambda st: (st.plan_id, st.month)).items()
        ):
            _PayBatch(group).compute()


class _PayBatch:
    """The facts of one plan and period for a group of statements, read in
    a constant number of queries, and the terms computed from them."""

    def __init__(self, statements):
        self.statements = statements
        self.env = statements.env
        self.plan = statements.plan_id
        self.company = self.plan.company_id
        self.start = statements[0].month
        self.months = statements[0]._months()
        self.lines = self.plan.line_ids.sorted(lambda line: (line.sequence, line.id))
        self.kinds = set(self.lines.mapped("kind"))
        self.rounding = self.company.currency_id.rounding or 0.01
        self.year_end = {}

    # Reads ---------------------------------------------------------------

    def compute(self):
        employees = self.statements.employee_id
        self.team = self.env["hr.employee"]
        if KIND_TEAM in self.kinds or CONDITION_TEAM_LEADER in self.lines.mapped(
            "condition"
        ):
            self.team = self.env["hr.employee"].search(
                [("parent_id", "in", employees.ids)]
            )
        people = employees | self.team
        self._read_sheets(people)
        self.complaints = self.env["helpdesk.complaint"]._counts_by_employee_month(
            people, self.months
        )
        self.days = self._days_attended(employees)
        self.piece = {}
        if KIND_PIECE in self.kinds:
            self.piece = self.env[
                "helpdesk.repair.crew.month"
            ]._pay_terms_by_employee_month(employees, self.months)
        self.earlier = self._earlier_performance_pay(employees)
        results = {st: self._statement_terms(st) for st in self.statements}
        self._grade_pool(results)
        self._write(results)

    def _read_sheets(self, people):
        template = self.plan.template_id
        self.sheets = {}
        if not template:
            return
        sheet_months = set(self.months)
        if KIND_QUARTER in self.kinds:
            quarter_end = self._quarter_months()[-1]
            sheet_months |= {
                quarter_end.replace(month=month)
                for month in range(1, quarter_end.month + 1)
            }
        sheets = self.env["helpdesk.appraisal.sheet"].search(
            [
                ("template_id", "=", template.id),
                ("employee_id", "in", people.ids),
                ("month", "in", sorted(sheet_months)),
            ]
        )
        self.sheets = {(sheet.employee_id.id, sheet.month): sheet for sheet in sheets}

    def _days_attended(self, employees):
        """Days attended by employee from Attendances when installed (a day
        counts once, in the company's appraisal time zone), else ``None``."""
        if "hr.attendance" not in self.env:
            return None
        end = self.months[-1] + relativedelta(months=1)
        # A day's attendances start within a day of its UTC bounds.
        since = datetime.combine(self.start, time()) - relativedelta(days=1)
        until = datetime.combine(end, time()) + relativedelta(days=1)
        attendances = self.env["hr.attendance"].search(
            [
                ("employee_id", "in", employees.ids),
                ("check_in", ">=", since),
                ("check_in", "<", until),
            ]
        )
        days = defaultdict(set)
        for attendance in attendances:
            day = self.company._appraisal_local_day(attendance.check_in)
            if self.start <= day < end:
                days[attendance.employee_id.id].add(day)
        return {employee_id: len(dates) for employee_id, dates in days.items()}

    def _quarter_months(self):
        first = self.start.replace(month=(self.start.month - 1) // 3 * 3 + 1)
        return [first + relativedelta(months=i) for i in range(3)]

    def _earlier_performance_pay(self, employees):
        """Performance pay of the earlier monthly statements of the quarter,
        by employee: what a failing quarter reduces besides this month's."""
        if KIND_QUARTER not in self.kinds or self.plan.payout_period != PERIOD_MONTH:
            return {}
        earlier = [month for month in self._quarter_months() if month < self.start]
        if not earlier:
            return {}
        groups = self.env["helpdesk.appraisal.pay.statement.line"]._read_group(
            [
                ("statement_id.plan_id", "=", self.plan.id),
                ("statement_id.employee_id", "in", employees.ids),
                ("statement_id.month", "in", earlier),
                ("kind", "in", PERFORMANCE_KINDS),
            ],
            ["employee_id"],
            ["amount:sum"],
        )
        return {employee.id: amount for employee, amount in groups}

    # Terms ---------------------------------------------------------------

    def _base(self, employee):
        if self.plan.base_source == BASE_CONTRACT:
            return employee.contract_id.wage
        return employee.appraisal_performance_base

    def _score(self, sheet):
        """The sheet's total in percent of its maximum."""
        return sheet.total_score / (sheet.maximum or 100.0) * 100

    def _used_lines(self, statement):
        employee = statement.employee_id
        leads = any(
            (member.id, month) in self.sheets
            for member in self.team.filtered(lambda e: e.parent_id == employee)
            for month in self.months
        )
        alternatives = {line.alternative_of_id: line for line in self.lines}
        used = []
        for line in self.lines.filtered(lambda line: not line.alternative_of_id):
            alternative = alternatives.get(line)
            if alternative and (
                (alternative.condition == CONDITION_TEAM_LEADER and leads)
                or (alternative.condition == CONDITION_FLAG and statement.monthly_flag)
            ):
                line = alternative
            if not line.job_ids or employee.job_id in line.job_ids:
                used.append(line)
        return used

    def _statement_terms(self, statement):
        terms = []
        for line in self._used_lines(statement):
            if line.kind == KIND_GRADE_POOL:
                terms.append([line, 0.0, ""])
                continue
            amount, formula = getattr(self, f"_term_{line.kind}")(
                statement, line, terms
            )
            terms.append([line, pay_rules.round_amount(amount, self.rounding), formula])
        return terms

    def _fmt(self, number):
        return f"{number:,.2f}".rstrip("0").rstrip(".")

    def _per_month(self, statement, compute):
        """Sum of ``compute(month, sheet)`` over the period's months, the
        formula of each month joined."""
        amount = 0.0
        parts = []
        for month in self.months:
            sheet = self.sheets.get((statement.employee_id.id, month))
            month_amount, text = compute(month, sheet)
            amount += month_amount
            prefix = f"{month:%Y-%m}: " if len(self.months) > 1 else ""
            parts.append(prefix + text)
        return amount, "; ".join(parts)

    def _no_sheet(self):
        return 0.0, self.env._("no KPI sheet")

    def _term_attendance_wage(self, statement, line, terms):
        wage = statement.employee_id.contract_id.wage
        days = (
            self.days.get(statement.employee_id.id, 0)
            if self.days is not None
            else statement.days_attended
        )
        result = pay_rules.attendance_wage(
            wage, days, self.company.appraisal_pay_standard_days
        )
        return result.amount, self.env._(
            "%(wage)s / %(standard)s x %(days)s days",
            wage=self._fmt(wage),
            standard=self._fmt(result.numbers["standard_days"]),
            days=self._fmt(days),
        )

    def _term_score_pay(self, statement, line, terms):
        base = self._base(statement.employee_id)
        company = self.company

        def month_pay(month, sheet):
            if not sheet:
                return self._no_sheet()
            counts = self.complaints.get((statement.employee_id.id, month), {})
            complaints = sum(counts.get(measure, 0) for measure in VETO_MEASURES)
            if line.complaint_veto:
                veto = pay_rules.complaint_veto(
                    complaints,
                    company.appraisal_pay_complaint_veto_count,
                    company.appraisal_pay_complaint_veto_inclusive,
                )
                if veto.numbers["vetoed"]:
                    return 0.0, self.env._(
                        "%(count)s attributable complaints: no performance pay",
                        count=complaints,
                    )
            result = pay_rules.score_pay(base, self._score(sheet))
            return result.amount, self.env._(
                "%(base)s x score %(score)s %%",
                base=self._fmt(base),
                score=self._fmt(result.numbers["percent"]),
            )

        return self._per_month(statement, month_pay)

    def _term_team_pay(self, statement, line, terms):
        employee = statement.employee_id
        base = self._base(employee)
        members = self.team.filtered(lambda e: e.parent_id == employee)
        tiers, below = self.company._appraisal_pay_manager_tiers()

        def month_pay(month, sheet):
            scores = [
                self._score(self.sheets[member.id, month])
                for member in members
                if (member.id, month) in self.sheets
            ]
            complaints = sum(
                self.complaints.get((member.id, month), {}).get(measure, 0)
                for member in members
                for measure in VETO_MEASURES
            )
            mean = sum(scores) / len(scores) if scores else None
            factor = pay_rules.manager_factor(
                mean,
                complaints,
                tiers,
                below,
                self.company.appraisal_pay_team_veto_count,
            )
            if factor.numbers["vetoed"]:
                return 0.0, self.env._(
                    "%(count)s team complaints: no performance pay", count=complaints
                )
            if mean is None:
                return 0.0, self.env._("no KPI sheet of the team")
            return base * factor.percent / 100, self.env._(
                "%(base)s x %(factor)s %% (team mean %(mean)s of %(members)s)",
                base=self._fmt(base),
                factor=self._fmt(factor.percent),
                mean=self._fmt(mean),
                members=len(scores),
            )

        return self._per_month(statement, month_pay)

    def _term_fixed(self, statement, line, terms):
        return line.amount * len(self.months), self.env._(
            "%(amount)s x %(months)s months",
            amount=self._fmt(line.amount),
            months=len(self.months),
        )

    def _sheet_value(self, sheet, line):
        sheet_line = sheet.line_ids.filtered(
            lambda sl: sl.template_line_id == line.template_line_id
        )[:1]
        return sheet_line.actual if sheet_line and sheet_line.has_data else None

    def _term_per_unit(self, statement, line, terms):
        def month_pay(month, sheet):
            value = self._sheet_value(sheet, line) if sheet else None
            if value is None:
                return self._no_sheet()
            return value * line.amount, self.env._(
                "%(units)s x %(amount)s",
                units=self._fmt(value),
                amount=self._fmt(line.amount),
            )

        return self._per_month(statement, month_pay)

    def _term_threshold(self, statement, line, terms):
        def month_pay(month, sheet):
            value = self._sheet_value(sheet, line) if sheet else None
            if value is None:
                return self._no_sheet()
            result = pay_rules.threshold_amount(
                value, line.threshold, line.amount, line.penalty
            )
            return result.amount, self.env._(
                "%(value)s %(sign)s %(threshold)s: %(amount)s",
                value=self._fmt(value),
                sign=">=" if result.numbers["reached"] else "<",
                threshold=self._fmt(line.threshold),
                amount=self._fmt(result.amount),
            )

        return self._per_month(statement, month_pay)

    def _term_pool_share(self, statement, line, terms):
        def month_pay(month, sheet):
            if not sheet:
                return self._no_sheet()
            factor = 100.0
            if line.template_line_id:
                value = self._sheet_value(sheet, line) or 0.0
                factor = pay_rules.tier_percent(
                    value,
                    ((line.factor_threshold, line.factor_above_percent),),
                    line.factor_below_percent,
                ).percent
            result = pay_rules.pool_share(
                line.amount, line.share_percent, self._score(sheet), factor
            )
            return result.amount, self.env._(
                "%(pool)s x %(share)s %% x score %(score)s %% x %(factor)s %%",
                pool=self._fmt(line.amount),
                share=self._fmt(line.share_percent),
                score=self._fmt(self._score(sheet)),
                factor=self._fmt(factor),
            )

        return self._per_month(statement, month_pay)

    def _term_piece_rate(self, statement, line, terms):
        """004-F from the approved crew months of the depot-repair crews: each
        item an amount, or a percentage of the member's own performance base
        (too few returns, Q7)."""
        base = statement.employee_id.appraisal_performance_base
        amount = 0.0
        parts = []
        for month in self.months:
            for item in self.piece.get((statement.employee_id.id, month), []):
                amount += item["amount"] + base * item["base_percent"] / 100
                parts.append(f"{item['label']}: {item['explanation']}")
        return amount, "; ".join(parts) or self.env._("no approved crew month")

    def _term_quarter_factor(self, statement, line, terms):
        quarter = self._quarter_months()
        if self.months[-1] != quarter[-1]:
            return 0.0, self.env._("applies in the quarter's last month")
        company = self.company
        employee = statement.employee_id
        scores = [
            self._score(self.sheets[employee.id, month])
            for month in quarter
            if (employee.id, month) in self.sheets
        ]
        if not scores:
            return self._no_sheet()
        quarter_score = sum(scores) / len(scores)
        factor = pay_rules.quarter_factor(
            quarter_score,
            company.appraisal_pay_quarter_threshold,
            company.appraisal_pay_quarter_percent,
        )
        self._year_end(statement)
        performance = self.earlier.get(employee.id, 0.0) + sum(
            amount
            for term_line, amount, _f in terms
            if term_line.kind in PERFORMANCE_KINDS
        )
        return -performance * (100 - factor.percent) / 100, self.env._(
            "quarter score %(score)s: %(factor)s %% of %(pay)s performance pay",
            score=self._fmt(quarter_score),
            factor=self._fmt(factor.percent),
            pay=self._fmt(performance),
        )

    def _year_end(self, statement):
        """004-R11: record whether the year's failing quarters so far cancel
        the year-end appraisal."""
        employee = statement.employee_id
        quarter_end = self._quarter_months()[-1]
        scores = []
        for first in range(1, quarter_end.month + 1, 3):
            months = [quarter_end.replace(month=first + i) for i in range(3)]
            totals = [
                self._score(self.sheets[employee.id, month])
                for month in months
                if (employee.id, month) in self.sheets
            ]
            if totals:
                scores.append(sum(totals) / len(totals))
        cancelled, _failing = pay_rules.year_end_cancelled(
            scores,
            self.company.appraisal_pay_quarter_threshold,
            self.company.appraisal_pay_failing_quarters,
        )
        self.year_end[statement] = cancelled

    def _grade_pool(self, results):
        """002-E1, across the statements of the batch that have the term."""
        pooled = {
            statement: terms
            for statement, terms in results.items()
            if any(line.kind == KIND_GRADE_POOL for line, _a, _f in terms)
        }
        if not pooled:
            return
        bonuses = {}
        grades = {}
        rates = {}
        for statement, terms in pooled.items():
            bonuses[statement] = sum(
                amount for line, amount, _f in terms if line.kind in BONUS_KINDS
            )
            sheets = [
                self.sheets[statement.employee_id.id, month]
                for month in self.months
                if (statement.employee_id.id, month) in self.sheets
            ]
            grade = sheets[-1].grade_id if sheets else None
            if grade:
                key = "receiving" if grade.pay_receives_pool else grade.id
                grades[statement] = key
                rates[key] = grade.pay_deduction_percent
        shares = pay_rules.redistribute(bonuses, grades, rates, "receiving")
        for statement, terms in pooled.items():
            share = shares[statement]
            for term in terms:
                if term[0].kind != KIND_GRADE_POOL:
                    continue
                term[1] = pay_rules.round_amount(share.amount, self.rounding)
                if share.amount > 0:
                    term[2] = self.env._(
                        "%(pool)s deducted from lower grades / %(count)s",
                        pool=self._fmt(share.numbers["pool"]),
                        count=share.numbers["receivers"],
                    )
                elif share.amount < 0:
                    term[2] = self.env._(
                        "%(rate)s %% of the bonus %(bonus)s",
                        rate=self._fmt(share.numbers["rate"]),
                        bonus=self._fmt(share.numbers["bonus"]),
                    )
                else:
                    term[2] = self.env._("nothing deducted or received")

    # Writes --------------------------------------------------------------

    def _write(self, results):
        statements = self.statements
        statements.line_ids.unlink()
        self.env["helpdesk.appraisal.pay.statement.line"].create(
            [
                {
                    "statement_id": statement.id,
                    "plan_line_id": line.id,
                    "sequence": index,
                    "name": line.name,
                    "kind": line.kind,
                    "amount": amount,
                    "formula": formula,
                }
                for statement, terms in results.items()
                for index, (line, amount, formula) in enumerate(terms)
            ]
        )
        for statement, terms in results.items():
            employee = statement.employee_id
            vals = {
                "total": sum(amount for _line, amount, _f in terms),
                "department_id": employee.department_id.id,
                "supervisor_id": employee.parent_id.id,
                "year_end_cancelled": self.year_end.get(statement, False),
            }
            if self.days is not None:
                vals |= {
                    "days_attended": self.days.get(employee.id, 0),
                    "days_source": "attendance",
                }
            statement._computed_write(vals)
