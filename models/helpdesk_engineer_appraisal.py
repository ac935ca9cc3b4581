# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from collections import defaultdict

from dateutil.relativedelta import relativedelta
from psycopg2 import errorcodes, errors

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import SQL

from .. import scoring
from ..const import (
    APPRAISAL_APPROVAL,
    APPRAISAL_DONE,
    APPRAISAL_DRAFT,
    APPRAISAL_REVIEW,
    APPRAISAL_SELF_ASSESSMENT,
    APPRAISAL_STATE_SELECTION,
    DEDUCTION_COMPONENT_FIELDS,
    DEDUCTION_COMPONENTS,
    GRADE_SELECTION,
    INTERN_EMPLOYEE_TYPES,
    MANAGER_GROUP,
    ORDER_KINDS,
    SUPERVISOR_GROUP,
)

_logger = logging.getLogger(__name__)

# The advisory lock of generations: one per company and month.
GENERATION_LOCK = "helpdesk_engineer_appraisal.generate"


class GenerationConflict(errors.SerializationFailure):
    """Another transaction generated the same month meanwhile: a serialization
    failure (SQLSTATE 40001), which Odoo's RPC layer retries in a new
    transaction, as it retries PostgreSQL's own."""

    pgcode = errorcodes.SERIALIZATION_FAILURE


def lock_generation(cr, namespace, key):
    """Take the transaction-level advisory lock ``(namespace, key)``, or wait
    for the transaction holding it to end and raise ``GenerationConflict``:
    the caller's snapshot predates what the other generation committed, and
    Odoo's RPC layer retries the request in a new transaction that sees it."""
    lock = SQL("hashtext(%s), hashtext(%s)", namespace, key)
    cr.execute(SQL("SELECT pg_try_advisory_xact_lock(%s)", lock))
    if cr.fetchone()[0]:
        return
    _logger.info("Generation %s %s: waiting for another generation", namespace, key)
    cr.execute(SQL("SELECT pg_advisory_xact_lock(%s)", lock))
    raise GenerationConflict("another generation of the same period just ended")


# Set in the context by the appraisal's own methods only. An object, not a
# flag: a context sent over RPC cannot hold it, so users cannot unlock the
# scores and the state by passing a context key.
_COMPUTED_WRITE = object()


class HelpdeskEngineerAppraisal(models.Model):
    """The monthly appraisal of one engineer (docs/policy.md P2).

    The scores are computed from the month's facts (credits, callbacks,
    quality findings, area rates) by ``_refresh_scores`` in one batch for
    any number of appraisals, and frozen once the appraisal is done.
    """

    _name = "helpdesk.engineer.appraisal"
    _description = "Monthly Engineer Appraisal"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "helpdesk.appraisal.input.mixin",
        "helpdesk.appraisal.batch.mixin",
    ]
    _order = "month desc, employee_id"
    _check_company_auto = True

    # Written only by the refresh and the workflow actions.
    _COMPUTED_FIELDS = (
        "state",
        "department_id",
        "supervisor_id",
        "earned_points",
        "standard_points",
        "efficiency",
        "efficiency_ratio",
        "efficiency_capped",
        "efficiency_cap",
        "workload_max",
        "workload_score",
        *DEDUCTION_COMPONENT_FIELDS,
        "invalid_credit_count",
        "is_area_leader",
        "area_rate",
        "area_score",
        "area_score_added",
        "component_sum",
        "total_bounded",
        "total_score",
        "grade",
        "is_appealed",
        "reviewer_user_id",
        # Frozen when the appraisal is sent, or with its scores.
        "area_ids",
        "grade_excellent",
        "grade_good",
        "grade_pass",
        "grade_below_standard",
        "overdue_task_penalty",
        "appeal_count",
        "appeal_pending",
    )
    # Who the appraisal is about: set when it is generated.
    _MANAGER_FIELDS = ("employee_id", "month", "company_id", "reopen_reason")
    _SUPERVISOR_FIELDS = ("supervisor_comment", "supervisor_note", "appeal_answer")
    _ENGINEER_FIELDS = ("employee_comment", "appeal_reason")
    # The only fields a manager may still fill on a done appraisal: the
    # reason to reopen it.
    _DONE_WRITABLE_FIELDS = ("reopen_reason",)

    employee_id = fields.Many2one(
        comodel_name="hr.employee",
        string="Engineer",
        required=True,
        index=True,
        check_company=True,
        ondelete="restrict",
    )
    month = fields.Date(
        required=True,
        index=True,
        help="First day of the appraised month.",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    department_id = fields.Many2one(
        comodel_name="hr.department",
        index=True,
        readonly=True,
        help="The engineer's department when the appraisal was sent to the "
        "engineer (until then, when it was last refreshed).",
    )
    supervisor_id = fields.Many2one(
        comodel_name="hr.employee",
        readonly=True,
        help="The engineer's manager when the appraisal was sent to the "
        "engineer (until then, when it was last refreshed).",
    )
    area_ids = fields.Many2many(
        comodel_name="helpdesk.service.area",
        relation="helpdesk_engineer_appraisal_area_rel",
        column1="appraisal_id",
        column2="area_id",
        string="Areas Led",
        readonly=True,
        copy=False,
        help="The service areas the engineer led when the appraisal was sent: "
        "their area score counts (a draft counts the areas led today).",
    )
    user_id = fields.Many2one(
        related="employee_id.user_id",
        string="Engineer's User",
    )
    is_own = fields.Boolean(
        compute="_compute_is_own",
        help="The appraisal is the current user's own.",
    )
    state = fields.Selection(
        selection=APPRAISAL_STATE_SELECTION,
        string="Stage",
        default=APPRAISAL_DRAFT,
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    earned_points = fields.Float(
        string="Earned Points (P)",
        readonly=True,
        help="Sum of the engineer's valid credit points of the month.",
    )
    standard_points = fields.Float(
        string="Standard Points (S)",
        readonly=True,
        aggregator="avg",
        help="Standard monthly points used: the employee's own, else the company's.",
    )
    efficiency = fields.Float(
        string="Efficiency (E)",
        readonly=True,
        digits=(16, 4),
        aggregator="avg",
        help="E = P / S, capped at the company's efficiency cap.",
    )
    # The numbers of the explanations, as the scoring returned them.
    efficiency_ratio = fields.Float(
        string="P / S",
        readonly=True,
        digits=(16, 4),
        aggregator=None,
        help="Earned points / standard points, before the efficiency cap.",
    )
    efficiency_capped = fields.Boolean(
        readonly=True,
        help="P / S exceeded the efficiency cap: the efficiency is the cap.",
    )
    component_sum = fields.Float(
        string="Sum of Components",
        readonly=True,
        aggregator=None,
        help="The components added up, before the total is kept within 0 to 100.",
    )
    total_bounded = fields.Boolean(
        string="Total Kept within 0 to 100",
        readonly=True,
        help="The sum of the components lay outside 0 to 100: the total is the bound.",
    )
    # The settings a refresh used, frozen with the scores they explain.
    efficiency_cap = fields.Float(
        readonly=True,
        aggregator=None,
    )
    workload_max = fields.Float(
        string="Workload Maximum",
        readonly=True,
        aggregator=None,
    )
    customer_max = fields.Float(
        string="Customer Evaluation Maximum",
        readonly=True,
        aggregator=None,
    )
    work_log_max = fields.Float(
        string="Work Log Maximum",
        readonly=True,
        aggregator=None,
    )
    order_form_max = fields.Float(
        string="Service Order Maximum",
        readonly=True,
        aggregator=None,
    )
    dissatisfied_deduction = fields.Float(
        string="Deduction per Dissatisfied Callback",
        readonly=True,
        aggregator=None,
    )
    work_log_deduction = fields.Float(
        string="Deduction per Unqualified Work Log",
        readonly=True,
        aggregator=None,
    )
    order_form_deduction = fields.Float(
        string="Deduction per Unqualified Order Form",
        readonly=True,
        aggregator=None,
    )
    # The grade bands and the half-year penalty the period summaries use.
    grade_excellent = fields.Float(
        string="Excellent from",
        readonly=True,
        aggregator=None,
    )
    grade_good = fields.Float(
        string="Good from",
        readonly=True,
        aggregator=None,
    )
    grade_pass = fields.Float(
        string="Pass from",
        readonly=True,
        aggregator=None,
    )
    grade_below_standard = fields.Float(
        string="Below Standard from",
        readonly=True,
        aggregator=None,
    )
    overdue_task_penalty = fields.Float(
        string="Penalty per Overdue Task",
        readonly=True,
        aggregator=None,
    )
    workload_score = fields.Float(
        string="Workload",
        readonly=True,
        aggregator="avg",
    )
    dissatisfied_count = fields.Integer(
        string="Dissatisfied Callbacks",
        readonly=True,
    )
    customer_score = fields.Float(
        string="Customer Evaluation",
        readonly=True,
        aggregator="avg",
    )
    work_log_finding_count = fields.Integer(
        string="Unqualified Work Logs",
        readonly=True,
    )
    work_log_score = fields.Float(
        string="Work Log",
        readonly=True,
        aggregator="avg",
    )
    order_form_finding_count = fields.Integer(
        string="Unqualified Order Forms",
        readonly=True,
    )
    finding_count = fields.Integer(
        string="Findings",
        compute="_compute_finding_count",
        help="Unqualified work logs and order forms of the month.",
    )
    order_form_score = fields.Float(
        string="Service Order",
        readonly=True,
        aggregator="avg",
    )
    invalid_credit_count = fields.Integer(
        string="Pending or Invalid Orders",
        readonly=True,
        help="Orders of the month that earn the engineer nothing yet: not "
        "reviewed, no work log, duplicates ...",
    )
    is_area_leader = fields.Boolean(
        string="Area Leader",
        readonly=True,
    )
    area_rate = fields.Float(
        string="Area Completion Rate",
        readonly=True,
        aggregator="avg",
    )
    area_score = fields.Float(
        readonly=True,
        aggregator="avg",
        help="Q x R of the areas the engineer leads. Added to the total only "
        "when the company's setting says so.",
    )
    area_score_added = fields.Boolean(
        string="Area Score in Total",
        readonly=True,
    )
    total_score = fields.Float(
        string="Total",
        readonly=True,
        aggregator="avg",
        tracking=True,
    )
    grade = fields.Selection(
        selection=GRADE_SELECTION,
        readonly=True,
        index=True,
        tracking=True,
    )
    reviewer_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Reviewed by",
        readonly=True,
        copy=False,
        help="The supervisor who reviewed the appraisal; someone else approves it.",
    )
    workload_explanation = fields.Char(
        compute="_compute_explanations",
    )
    customer_explanation = fields.Char(
        compute="_compute_explanations",
    )
    work_log_explanation = fields.Char(
        compute="_compute_explanations",
    )
    order_form_explanation = fields.Char(
        compute="_compute_explanations",
    )
    total_explanation = fields.Char(
        compute="_compute_explanations",
    )
    employee_comment = fields.Text(
        string="Engineer's Comment",
    )
    supervisor_comment = fields.Text(
        string="Supervisor's Comment",
    )
    supervisor_note = fields.Text(
        string="Confidential Note",
        compute="_compute_supervisor_note",
        inverse="_inverse_supervisor_note",
        groups=SUPERVISOR_GROUP,
        help="Seen by supervisors and managers only, never by the engineer.",
    )
    # Where the note is kept: only administrators read it directly, so that a
    # supervisor or manager never reads the note about themselves.
    confidential_note = fields.Text(
        string="Stored Confidential Note", groups="base.group_system", copy=False
    )
    appeal_reason = fields.Text(
        help="Why the engineer contests the appraisal.",
    )
    is_appealed = fields.Boolean(
        string="Appealed",
        readonly=True,
        copy=False,
    )
    appeal_count = fields.Integer(
        string="Appeals",
        readonly=True,
        copy=False,
        help="How many times the engineer appealed; the company sets how many "
        "appeals an appraisal allows.",
    )
    appeal_pending = fields.Boolean(
        string="Appeal to Answer",
        readonly=True,
        copy=False,
        help="The engineer appealed and the supervisor has not answered yet.",
    )
    appeal_answer = fields.Text(
        string="Answer to the Appeal",
        copy=False,
        help="The supervisor's written answer to the engineer's appeal, "
        "required to review an appealed appraisal; shown to the engineer and "
        "logged in the chatter.",
    )
    reopen_reason = fields.Text(
        string="Reason to Reopen",
        copy=False,
        help="Required to reopen a done appraisal; logged in the chatter.",
    )
    fact_ids = fields.One2many(
        comodel_name="helpdesk.engineer.appraisal.fact",
        inverse_name="appraisal_id",
        string="Counted Facts",
        readonly=True,
        help="The orders, callbacks and findings the appraisal counted, kept "
        "as they were when it was done.",
    )

    _sql_constraints = [
        (
            "employee_month_company_unique",
            "UNIQUE(employee_id, month, company_id)",
            "An engineer has a single appraisal per month.",
        ),
    ]

    @api.depends("employee_id.user_id")
    @api.depends_context("uid")
    def _compute_is_own(self):
        for appraisal in self:
            appraisal.is_own = appraisal.employee_id.user_id == self.env.user

    @api.depends("work_log_finding_count", "order_form_finding_count")
    def _compute_finding_count(self):
        for appraisal in self:
            appraisal.finding_count = (
                appraisal.work_log_finding_count + appraisal.order_form_finding_count
            )

    @api.depends("employee_id.user_id", "confidential_note")
    @api.depends_context("uid")
    def _compute_supervisor_note(self):
        # Superuser: the stored note is for administrators only.
        for appraisal, stored in zip(self, self.sudo(), strict=True):
            if appraisal.employee_id.user_id == self.env.user:
                appraisal.supervisor_note = False
            else:
                appraisal.supervisor_note = stored.confidential_note

    def _inverse_supervisor_note(self):
        # Who may write the note is checked in write().
        for appraisal in self:
            appraisal.sudo().confidential_note = appraisal.supervisor_note

    @api.depends(
        "earned_points",
        "standard_points",
        "efficiency_ratio",
        "efficiency_capped",
        "efficiency",
        "workload_max",
        "workload_score",
        *DEDUCTION_COMPONENT_FIELDS,
        "area_score",
        "area_score_added",
        "component_sum",
        "total_bounded",
        "total_score",
    )
    def _compute_explanations(self):
        """Each component's formula with the numbers the scoring returned
        and ``_score_values`` stored: printed, never worked out again."""
        for appraisal in self:
            appraisal.workload_explanation = appraisal._workload_explanation()
            for component in DEDUCTION_COMPONENTS:
                appraisal[component.explanation_field] = (
                    appraisal._deduction_explanation(
                        appraisal[component.max_field],
                        appraisal[component.deduction_field],
                        appraisal[component.count_field],
                        appraisal[component.score_field],
                    )
                )
            appraisal.total_explanation = appraisal._total_explanation()

    def _workload_explanation(self):
        values = {
            "points": _number(self.earned_points),
            "standard": _number(self.standard_points),
            "efficiency": _number(self.efficiency),
            "ratio": _number(self.efficiency_ratio),
            "maximum": _number(self.workload_max),
            "score": _number(self.workload_score),
        }
        if self.efficiency_capped:
            return self.env._(
                "P %(points)s / S %(standard)s = %(ratio)s, capped at E "
                "%(efficiency)s -> %(maximum)s x %(efficiency)s = %(score)s",
                **values,
            )
        return self.env._(
            "P %(points)s / S %(standard)s = E %(efficiency)s -> "
            "%(maximum)s x %(efficiency)s = %(score)s",
            **values,
        )

    def _deduction_explanation(self, maximum, deduction, count, score):
        return self.env._(
            "max(0, %(maximum)s - %(deduction)s x %(count)s) = %(score)s",
            maximum=_number(maximum),
            deduction=_number(deduction),
            count=count,
            score=_number(score),
        )

    def _total_explanation(self):
        components = [self.workload_score] + [
            self[component.score_field] for component in DEDUCTION_COMPONENTS
        ]
        if self.area_score_added:
            components.append(self.area_score)
        explanation = "{} = {}".format(
            " + ".join(_number(value) for value in components),
            _number(self.component_sum),
        )
        if self.total_bounded:
            explanation += f" -> {_number(self.total_score)}"
        return explanation

    @api.model_create_multi
    def create(self, vals_list):
        # The defaults a client sends in the context are values too: they
        # set neither the scores nor the stage.
        for vals in self._with_context_defaults(vals_list):
            self._check_fields_writable(vals)
        return super().create(self._with_zero_numbers(vals_list))

    def write(self, vals):
        self._check_fields_writable(vals)
        if self.env.context.get("appraisal_computed_write") is not _COMPUTED_WRITE:
            frozen = set(vals) & set(self._fields_frozen_when_done())
            if frozen and any(appraisal.state == APPRAISAL_DONE for appraisal in self):
                raise UserError(
                    self.env._(
                        "A done appraisal is read-only; an appraisal manager "
                        "may reopen it with a reason."
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if any(appraisal.state == APPRAISAL_DONE for appraisal in self):
            raise UserError(self.env._("A done appraisal cannot be deleted."))

    def _fields_frozen_when_done(self):
        return (
            set(self._COMPUTED_FIELDS)
            | set(self._MANAGER_FIELDS)
            | set(self._SUPERVISOR_FIELDS)
            | set(self._ENGINEER_FIELDS)
        ) - set(self._DONE_WRITABLE_FIELDS)

    def _check_fields_writable(self, vals):
        """Refuse through the ORM what only the appraisal's own methods and
        the right groups may set."""
        if self.env.su:
            return
        if self.env.context.get("appraisal_computed_write") is _COMPUTED_WRITE:
            return
        computed = set(vals) & set(self._COMPUTED_FIELDS)
        if computed:
            raise AccessError(
                self.env._(
                    "The scores and the stage of an appraisal are computed: "
                    "use the appraisal's buttons (fields: %(fields)s).",
                    fields=self._field_labels(computed),
                )
            )
        if set(vals) & set(self._MANAGER_FIELDS) and not self.env.user.has_group(
            MANAGER_GROUP
        ):
            raise AccessError(
                self.env._(
                    "Only an appraisal manager may change whom and which month "
                    "an appraisal is about, or reopen it."
                )
            )
        if set(vals) & set(self._SUPERVISOR_FIELDS) and (
            not self.env.user.has_group(SUPERVISOR_GROUP)
            or any(appraisal.employee_id.user_id == self.env.user for appraisal in self)
        ):
            raise AccessError(
                self.env._(
                    "Only a supervisor may write the supervisor's comment, and "
                    "never on their own appraisal."
                )
            )
        if set(vals) & set(self._ENGINEER_FIELDS) and any(
            appraisal.employee_id.user_id != self.env.user for appraisal in self
        ):
            raise AccessError(
                self.env._(
                    "Only the appraised engineer writes their comment and appeal."
                )
            )

    def _field_labels(self, names):
        """The fields ``names`` as the user reads them on the form: their
        labels in the user's language, never the technical names."""
        return ", ".join(
            sorted(self._fields[name]._description_string(self.env) for name in names)
        )

    @api.model
    def _aggregated_numbers(self):
        """The names of the computed numbers the pivots add up or average:
        0 until computed, never empty. The settings frozen with the scores
        (maxima, grade bands ...) are not aggregated; they stay empty until
        frozen, and whoever reads them takes the company's meanwhile."""
        return [
            name
            for name in self._COMPUTED_FIELDS
            if self._fields[name].type in ("float", "integer")
            and self._fields[name].aggregator
        ]

    def _computed_write(self, vals):
        return self.with_context(appraisal_computed_write=_COMPUTED_WRITE).write(vals)

    @api.model
    def _insert_computed(self, vals_list):
        return super()._insert_computed(self._with_zero_numbers(vals_list))

    @api.model
    def _with_zero_numbers(self, vals_list):
        """A number not computed yet is 0, stored as 0 rather than empty: a
        refresh does not write a 0 the ORM reads back as 0 already, and the
        pivots' averages skip empty values."""
        zeros = dict.fromkeys(self._aggregated_numbers(), 0)
        return [zeros | vals for vals in vals_list]

    # Workflow -------------------------------------------------------------

    def action_send_to_engineer(self):
        self._check_step(APPRAISAL_DRAFT, SUPERVISOR_GROUP)
        self._freeze_areas()
        # An employee without a user cannot acknowledge: straight to review.
        without_user = self.filtered(
            lambda appraisal: not appraisal.employee_id.user_id
        )
        to_engineer = self - without_user
        if to_engineer:
            to_engineer._advance(
                APPRAISAL_SELF_ASSESSMENT, self.env._("Sent to the engineer.")
            )
            for appraisal in to_engineer:
                appraisal._schedule_next_activity(
                    appraisal.employee_id.user_id,
                    self.env._("Read and acknowledge your appraisal"),
                )
        if without_user:
            without_user._advance(
                APPRAISAL_REVIEW,
                self.env._(
                    "Sent to review: the employee has no user to acknowledge it."
                ),
            )
            for appraisal in without_user:
                appraisal._schedule_next_activity(
                    appraisal.supervisor_id.user_id,
                    self.env._("Review the appraisal"),
                )
        return True

    def _freeze_areas(self):
        """Keep on the appraisals the areas their engineers lead today: from
        now on their area score counts these, whoever leads them later (the
        department and manager are kept by the last refresh of the draft)."""
        areas = (
            self.env["helpdesk.service.area"]
            .sudo()
            .search([("leader_id", "in", self.employee_id.ids)])
        )
        by_leader = areas.grouped("leader_id")
        for appraisal in self:
            led = by_leader.get(appraisal.employee_id, areas.browse())
            appraisal._computed_write({"area_ids": [Command.set(led.ids)]})

    def action_acknowledge(self):
        self._check_step(APPRAISAL_SELF_ASSESSMENT)
        self._check_own()
        self._advance(APPRAISAL_REVIEW, self.env._("Acknowledged by the engineer."))
        for appraisal in self:
            appraisal._schedule_next_activity(
                appraisal.supervisor_id.user_id,
                self.env._("Review the appraisal"),
            )
        return True

    def action_review(self):
        self._check_step(APPRAISAL_REVIEW, SUPERVISOR_GROUP)
        self._check_not_own()
        answered = self._check_appeals_answered()
        self._computed_write({"reviewer_user_id": self.env.user.id})
        self._advance(APPRAISAL_APPROVAL, self.env._("Reviewed by the supervisor."))
        answered._log_appeal_answers()
        for appraisal in self:
            approver = appraisal.department_id.manager_id.user_id
            appraisal._schedule_next_activity(
                approver
                if approver and approver.has_group(MANAGER_GROUP)
                else approver.browse(),
                self.env._("Approve the appraisal"),
            )
        return True

    def action_approve(self):
        self._check_step(APPRAISAL_APPROVAL, MANAGER_GROUP)
        self._check_not_own()
        reviewed_by_me = self.filtered(lambda a: a.reviewer_user_id == self.env.user)
        if reviewed_by_me:
            raise AccessError(
                self.env._(
                    "You reviewed the appraisal of %(employee)s: another manager "
                    "approves it.",
                    employee=reviewed_by_me[0].employee_id.name,
                )
            )
        self._advance(APPRAISAL_DONE, self.env._("Approved: the appraisal is done."))
        # After the last refresh: the kept facts explain the frozen scores.
        self.env["helpdesk.engineer.appraisal.fact"]._take(self)
        # The orders counted stay in this month, whatever happens to them.
        self.env["helpdesk.ticket.credit"]._freeze_counted(self)
        return True

    def action_appeal(self):
        if any(
            appraisal.state
            not in (APPRAISAL_SELF_ASSESSMENT, APPRAISAL_REVIEW, APPRAISAL_APPROVAL)
            for appraisal in self
        ):
            raise UserError(
                self.env._(
                    "An appraisal can be appealed only once it is sent to the "
                    "engineer and before it is done."
                )
            )
        self._check_own()
        if any(not (appraisal.appeal_reason or "").strip() for appraisal in self):
            raise UserError(self.env._("Give the reason of your appeal."))
        self._check_appeals_left()
        for appraisal in self:
            appraisal._computed_write(
                {
                    "is_appealed": True,
                    "appeal_pending": True,
                    "appeal_count": appraisal.appeal_count + 1,
                    # Each appeal gets its own answer; the earlier ones stay
                    # in the chatter.
                    "appeal_answer": False,
                }
            )
        self._advance(APPRAISAL_REVIEW)
        for appraisal in self:
            appraisal.message_post(
                body=self.env._("Appeal: %(reason)s", reason=appraisal.appeal_reason)
            )
            appraisal._schedule_next_activity(
                appraisal.supervisor_id.user_id,
                self.env._("Review the appealed appraisal"),
            )
        return True

    def _check_appeals_left(self):
        """Refuse an appeal beyond the number the company allows."""
        exhausted = self.filtered(
            lambda appraisal: appraisal.appeal_count
            >= appraisal.company_id.appraisal_max_appeals
        )
        if exhausted:
            raise UserError(
                self.env._(
                    "The appraisal %(appraisal)s cannot be appealed again: it "
                    "allows %(maximum)s appeal(s). Talk to your supervisor.",
                    appraisal=exhausted[0].display_name,
                    maximum=exhausted[0].company_id.appraisal_max_appeals,
                )
            )

    def _check_appeals_answered(self):
        """The appraisals with an appeal to answer, all answered in writing."""
        pending = self.filtered("appeal_pending")
        unanswered = pending.filtered(
            lambda appraisal: not (appraisal.appeal_answer or "").strip()
        )
        if unanswered:
            raise UserError(
                self.env._(
                    "Answer the appeal of %(appraisal)s in writing (Answer to "
                    "the Appeal, on the Comments tab) before reviewing it.",
                    appraisal=unanswered[0].display_name,
                )
            )
        return pending

    def _log_appeal_answers(self):
        for appraisal in self:
            appraisal.message_post(
                body=self.env._(
                    "Answer to the appeal: %(answer)s", answer=appraisal.appeal_answer
                )
            )
        self._computed_write({"appeal_pending": False})

    def action_reopen(self):
        self._check_step(APPRAISAL_DONE, MANAGER_GROUP)
        if any(not (appraisal.reopen_reason or "").strip() for appraisal in self):
            raise UserError(self.env._("Give the reason to reopen the appraisal."))
        reasons = {appraisal: appraisal.reopen_reason for appraisal in self}
        # Nobody may delete kept facts: only reopening drops them, and the
        # next approval keeps the facts counted then.
        self.fact_ids.sudo().unlink()
        # Out of done first: a reopened appraisal counts the facts again.
        self._computed_write({"state": APPRAISAL_REVIEW, "reopen_reason": False})
        self._advance(APPRAISAL_REVIEW)
        for appraisal in self:
            appraisal.message_post(
                body=self.env._("Reopened: %(reason)s", reason=reasons[appraisal])
            )
            appraisal._schedule_next_activity(
                appraisal.supervisor_id.user_id,
                self.env._("Review the reopened appraisal"),
            )
        return True

    def action_refresh(self):
        if not self.env.user.has_group(SUPERVISOR_GROUP):
            raise AccessError(
                self.env._("Only a supervisor may refresh the numbers by hand.")
            )
        self._refresh_scores()
        return True

    def _check_step(self, state, group=None):
        stages = dict(self._fields["state"]._description_selection(self.env))
        # The role first: an engineer may not even read a draft.
        if group and not self.env.user.has_group(group):
            raise AccessError(
                self.env._(
                    "Only a %(group)s may do this at the stage %(stage)s.",
                    group=self.env.ref(group).name,
                    stage=stages[state],
                )
            )
        if any(appraisal.state != state for appraisal in self):
            raise UserError(
                self.env._(
                    "This action applies to appraisals in the stage %(stage)s only.",
                    stage=stages[state],
                )
            )

    def _check_own(self):
        if any(appraisal.employee_id.user_id != self.env.user for appraisal in self):
            raise AccessError(
                self.env._("Only the appraised engineer may do this on an appraisal.")
            )

    def _check_not_own(self):
        if any(appraisal.employee_id.user_id == self.env.user for appraisal in self):
            raise AccessError(
                self.env._("You cannot review or approve your own appraisal.")
            )

    def _advance(self, state, message=None):
        """Move to ``state`` with the numbers refreshed until it is done, and
        log ``message`` in the chatter when given."""
        self._refresh_scores()
        self.activity_unlink(["mail.mail_activity_data_todo"])
        self._computed_write({"state": state})
        if message:
            for appraisal in self:
                appraisal.message_post(body=message)

    def _schedule_next_activity(self, user, summary):
        if user:
            self.activity_schedule(
                "mail.mail_activity_data_todo", summary=summary, user_id=user.id
            )

    # Facts ---------------------------------------------------------------

    def action_view_credits(self):
        return self._facts_action(
            "helpdesk_engineer_appraisal.helpdesk_ticket_credit_action",
            self._facts_domain("helpdesk.ticket.credit") + [("is_valid", "=", True)],
        )

    def action_view_invalid_credits(self):
        return self._facts_action(
            "helpdesk_engineer_appraisal.helpdesk_ticket_credit_action",
            self._facts_domain("helpdesk.ticket.credit") + [("is_valid", "=", False)],
        )

    def action_view_dissatisfied_callbacks(self):
        return self._facts_action(
            "helpdesk_engineer_appraisal.helpdesk_ticket_callback_action",
            self.env["helpdesk.ticket.callback"]._dissatisfied_domain(
                self.employee_id, self.mapped("month")
            ),
        )

    def action_view_findings(self):
        return self._facts_action(
            "helpdesk_engineer_appraisal.helpdesk_quality_finding_action",
            self._facts_domain("helpdesk.quality.finding")
            + [("kind", "in", ORDER_KINDS)],
        )

    def _facts_domain(self, model):
        """The facts of ``model`` (a fact source) counting against the
        engineers of the appraisals in any of their months: one appraisal's
        exactly, several appraisals' as a superset."""
        return self.env[model]._employee_month_domain(
            self.employee_id, self.mapped("month")
        )

    def _facts_by_appraisal(self, model):
        """``{appraisal id: records}``: the facts of ``model`` (a fact source)
        counting against each appraisal's engineer in its month, read with
        the source's batched search for all the appraisals at once."""
        facts = self.env[model]._facts_by_employee_month(
            self.employee_id, self.mapped("month")
        )
        none = self.env[model].sudo()
        return {
            appraisal.id: facts.get((appraisal.employee_id.id, appraisal.month), none)
            for appraisal in self
        }

    def _credits_by_appraisal(self, valid_only):
        """The credits of each appraisal's engineer and month (the valid ones
        only when ``valid_only``), with one search."""
        credits = self._facts_by_appraisal("helpdesk.ticket.credit")
        if valid_only:
            # Filtered on one prefetch set: the orders are read at once.
            return {
                key: facts.filtered("is_valid").with_prefetch(facts._prefetch_ids)
                for key, facts in credits.items()
            }
        return credits

    def _facts_action(self, xmlid, domain):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = domain
        action["context"] = {"create": False}
        action["display_name"] = self.display_name
        return action

    @api.depends("employee_id", "month")
    def _compute_display_name(self):
        for appraisal in self:
            appraisal.display_name = "{} - {}".format(
                appraisal.employee_id.name or "",
                appraisal.month.strftime("%Y-%m") if appraisal.month else "",
            )

    # Computation ---------------------------------------------------------

    def _refresh_scores(self):
        """Compute every component of the appraisals that are not done.

        A constant number of queries, whatever the number of appraisals and
        months (``_scores_of``). Only the numbers that changed are written,
        one ``write`` per distinct set of changes, flushed together; the
        chatter tracks them as the caller's context says (the automatic
        refreshes, generation and the nightly cron, do not track).
        """
        appraisals = self.filtered(lambda appraisal: appraisal.state != APPRAISAL_DONE)
        if not appraisals:
            return
        # Department, manager and areas led are frozen when the appraisal is
        # sent: only drafts follow today's organisation. The frozen areas are
        # read as superuser: the engineer acknowledging may not read them.
        sent_areas = {
            appraisal.id: appraisal.area_ids.ids
            for appraisal in appraisals.sudo()
            if appraisal.state != APPRAISAL_DRAFT
        }
        values = self._scores_of(
            [
                (
                    appraisal.employee_id,
                    appraisal.month,
                    appraisal.company_id,
                    sent_areas.get(appraisal.id),
                )
                for appraisal in appraisals
            ]
        )
        changes = defaultdict(list)
        for appraisal, vals in zip(appraisals, values, strict=True):
            # Compared as the ORM caches them: ids, numbers at their digits.
            changed = tuple(
                (name, value)
                for name, value in vals.items()
                if self._fields[name].convert_to_cache(value, appraisal)
                != self._fields[name].convert_to_cache(appraisal[name], appraisal)
            )
            if changed:
                changes[changed].append(appraisal.id)
        for changed, ids in changes.items():
            appraisals.browse(ids)._computed_write(dict(changed))

    @api.model
    def _scores_of(self, targets):
        """The stored numbers of appraisals, one ``vals`` per target
        ``(employee, month, company, sent area ids)``: the area ids frozen
        when the appraisal was sent, or ``None`` for a draft, which counts the
        areas its engineer leads today and follows today's department and
        manager. For appraisals being refreshed and for those generation
        creates with their numbers.

        A constant number of queries, whatever the number of targets and
        months: one batched read of each fact source (credits, callbacks,
        findings, the areas' monthly scores) for these engineers and months
        only, the areas led, the standard points.
        """
        # The appraisal counts every fact of the month, also those the user
        # who triggers the refresh (the engineer acknowledging) cannot read:
        # the fact sources read as superuser. The department and manager are
        # HR data the engineer may not read.
        su_env = self.env(su=True)
        employees = (
            self.env["hr.employee"]
            .browse(dict.fromkeys(employee.id for employee, *_rest in targets))
            .sudo()
        )
        months = {month for _employee, month, *_rest in targets}
        credits = self.env["helpdesk.ticket.credit"]._counts_by_employee_month(
            employees, months
        )
        # Each fact source of the deduction components read once.
        facts = {
            model: self.env[model]._counts_by_employee_month(employees, months)
            for model in {component.fact_model for component in DEDUCTION_COMPONENTS}
        }
        draft_employees = employees.browse(
            {employee.id for employee, _m, _c, sent in targets if sent is None}
        )
        areas = su_env["helpdesk.service.area"].search(
            [("leader_id", "in", draft_employees.ids)]
        ) | su_env["helpdesk.service.area"].browse(
            {area_id for *_rest, sent in targets for area_id in sent or ()}
        )
        area_scores = areas._month_scores(months)
        standard_points = employees._appraisal_standard_points()
        areas_by_leader = defaultdict(list)
        for area in areas:
            areas_by_leader[area.leader_id.id].append(area.id)
        settings = {
            company: self._score_settings(company)
            for company in {company for _employee, _month, company, _sent in targets}
        }
        values = []
        su_employees = {employee.id: employee for employee in employees}
        for employee, month, company, sent in targets:
            employee = su_employees[employee.id]
            key = (employee.id, month)
            employee_credits = credits.get(key, {})
            if sent is None:
                led_areas = areas_by_leader[employee.id]
                organisation = {
                    "department_id": employee.department_id.id,
                    "supervisor_id": employee.parent_id.id,
                }
            else:
                led_areas = sent
                organisation = {}
            month_areas = [
                area_scores[area_id, month]
                for area_id in led_areas
                if (area_id, month) in area_scores
            ]
            values.append(
                self._score_values(
                    settings=settings[company],
                    earned_points=employee_credits.get("points", 0.0),
                    standard_points=standard_points[employee.id],
                    events={
                        component.key: facts[component.fact_model]
                        .get(key, {})
                        .get(component.measure, 0)
                        for component in DEDUCTION_COMPONENTS
                    },
                    is_area_leader=bool(led_areas),
                    area_rates=month_areas,
                )
                | organisation
                | {"invalid_credit_count": employee_credits.get("invalid_count", 0)}
            )
        return values

    @api.model
    def _score_settings(self, company):
        """The settings of ``company`` that ``_score_values`` scores with,
        read once for all the appraisals of the company a batch scores."""
        return {
            "workload_max": company.appraisal_workload_max,
            "efficiency_cap": company.appraisal_efficiency_cap,
            "deductions": {
                component: (
                    company[component.max_setting],
                    company[component.deduction_setting],
                )
                for component in DEDUCTION_COMPONENTS
            },
            "add_area_score": company.appraisal_add_area_score,
            "thresholds": company._appraisal_grade_thresholds(),
            "overdue_task_penalty": company.appraisal_overdue_task_penalty,
        }

    def _score_values(
        self,
        *,
        settings,
        earned_points,
        standard_points,
        events,
        is_area_leader,
        area_rates,
    ):
        """The stored scores of one appraisal from its month's counts
        (``events``: the count of each deduction component by key): each
        component's score and the numbers of its explanation, as the scoring
        returns them; ``settings``: the company's (``_score_settings``)."""
        workload = scoring.workload_component(
            settings["workload_max"],
            earned_points,
            standard_points,
            settings["efficiency_cap"],
        )
        deductions = {
            component: scoring.deduction_component(
                maximum, deduction, events[component.key]
            )
            for component, (maximum, deduction) in settings["deductions"].items()
        }
        area = sum(score for _rate, score in area_rates)
        components = [workload.score] + [
            deduction.score for deduction in deductions.values()
        ]
        if settings["add_area_score"]:
            components.append(area)
        total = scoring.month_total(components)
        thresholds = settings["thresholds"]
        # Frozen with the scores, for the period summaries.
        grade_bands = {
            setting: lowest
            for (_grade, setting), lowest in zip(
                scoring.GRADE_BANDS, thresholds, strict=True
            )
        }
        return {
            "earned_points": workload.earned_points,
            "standard_points": workload.standard_points,
            "efficiency_ratio": workload.ratio,
            "efficiency_capped": workload.capped,
            "efficiency": workload.efficiency,
            "efficiency_cap": workload.cap,
            "workload_max": workload.maximum,
            "workload_score": workload.score,
            **{
                field: value
                for component, deduction in deductions.items()
                for field, value in (
                    (component.max_field, deduction.maximum),
                    (component.deduction_field, deduction.deduction_per_event),
                    (component.count_field, deduction.events),
                    (component.score_field, deduction.score),
                )
            },
            "is_area_leader": is_area_leader,
            "area_rate": (
                sum(rate for rate, _score in area_rates) / len(area_rates)
                if area_rates
                else 0.0
            ),
            "area_score": area,
            "area_score_added": settings["add_area_score"],
            **grade_bands,
            "overdue_task_penalty": settings["overdue_task_penalty"],
            "component_sum": total.component_sum,
            "total_bounded": total.bounded,
            "total_score": total.score,
            "grade": scoring.grade(total.score, thresholds),
        }

    # Generation ----------------------------------------------------------

    @api.model
    def _concerned_employees(self, month, company, departments=None, employees=None):
        """Employees to appraise for ``month``: those marked *Appraised*, and
        whoever else has credits in the month unless their user is a
        supervisor or manager; interns only if the company says so."""
        # Counts the credits of every engineer, whatever the caller may read:
        # selected by PostgreSQL in the employees' query rather than listed.
        credited = (
            self.env["helpdesk.ticket.credit"]
            .sudo()
            ._search([("month", "=", month), ("company_id", "=", company.id)])
            .subselect("employee_id")
        )
        domain = [
            ("company_id", "=", company.id),
            "|",
            ("appraisal_appraised", "=", True),
            "&",
            ("id", "in", credited),
            (
                "user_id",
                "not any",
                [("groups_id", "in", self.env.ref(SUPERVISOR_GROUP).ids)],
            ),
        ]
        if not company.appraisal_include_interns:
            domain.append(("employee_type", "not in", INTERN_EMPLOYEE_TYPES))
        if departments:
            domain.append(("department_id", "in", departments.ids))
        if employees:
            domain.append(("id", "in", employees.ids))
        # The employee type is HR data that appraisal managers may not read.
        return self.env["hr.employee"].sudo().search(domain).sudo(False)

    @api.model
    def _generate(self, month, company, departments=None, employees=None):
        """Create the missing appraisals of ``month`` and refresh those not
        done, for everyone concerned, in one batch. Running it again changes
        nothing unless the facts changed."""
        month = scoring.month_start(month)
        self._lock_generation(month, company)
        concerned = self._concerned_employees(month, company, departments, employees)
        # What generation reads of the engineers (the inputs of their scores;
        # for the supervisors' to-dos their names, and the users of those
        # who supervise others) in one query, without their hundred other
        # fields. HR data: read as superuser.
        concerned.sudo().fetch(
            ["name", "user_id", "company_id", "department_id", "parent_id"]
            + ["appraisal_standard_points"]
        )
        existing = self.search(
            [
                ("employee_id", "in", concerned.ids),
                ("month", "=", month),
                ("company_id", "=", company.id),
            ]
        )
        missing = concerned - existing.employee_id
        # An automatic recompute: no chatter. The new appraisals are inserted
        # with their numbers in one batch, without a "created" message nor
        # the generating user as follower of each: the chatter records the
        # workflow's steps, and the to-dos tell the supervisors. Nor any
        # default of the caller's context: the system sets what it creates.
        scores = self._scores_of(
            [(employee, month, company, None) for employee in missing]
        )
        try:
            created = self._insert_computed(
                [
                    {
                        "employee_id": employee.id,
                        "month": month,
                        "company_id": company.id,
                        **values,
                    }
                    for employee, values in zip(missing, scores, strict=True)
                ]
            )
        except errors.UniqueViolation as error:
            # Created by a generation that committed after this transaction
            # began but before it took the lock: retry, and refresh them.
            raise GenerationConflict(
                "appraisals of the same month created meanwhile"
            ) from error
        existing.with_context(tracking_disable=True)._refresh_scores()
        created.with_env(self.env)._schedule_team_todos()
        return (existing | created).with_env(self.env)

    @api.model
    def _lock_generation(self, month, company):
        """Let one generation of ``month`` and ``company`` run at a time.

        A transaction-level advisory lock, released at commit or rollback.
        The second caller waits for the first to end; as its own snapshot
        predates the appraisals the first created, it then fails with a
        serialization failure, which Odoo's RPC layer retries in a new
        transaction (the cron runs again a minute later): the retry finds the
        appraisals and refreshes them.
        """
        lock_generation(
            self.env.cr, GENERATION_LOCK, f"{company.id}:{month.isoformat()}"
        )

    @api.model
    def _last_month(self):
        """The first day of the month before today's, in the company's
        appraisal time zone."""
        return scoring.month_start(
            self.env.company._appraisal_today() - relativedelta(months=1)
        )

    @api.model
    def _cron_generate_last_month(self):
        for company in self.env["res.company"].search([]):
            appraisals = self.with_company(company)
            try:
                with self.env.cr.savepoint():
                    appraisals._generate(appraisals._last_month(), company)
            except errors.SerializationFailure:
                # A manager generated the same month at the same moment (see
                # _lock_generation): run again in a minute, in a new
                # transaction that sees their appraisals and refreshes them.
                self.env.ref(
                    "helpdesk_engineer_appraisal.helpdesk_engineer_appraisal_cron_generate"
                )._trigger(fields.Datetime.now() + relativedelta(minutes=1))

    @api.model
    def _cron_refresh_open_appraisals(self):
        """Follow late facts (a review, a callback, a finding) every night on
        the appraisals not yet done of the recent months (each company's
        *Months Refreshed Nightly*); done ones keep their frozen numbers, and
        older open ones are refreshed by hand."""
        domain = expression.OR(
            [
                ("company_id", "=", company.id),
                (
                    "month",
                    ">=",
                    scoring.month_start(company._appraisal_today())
                    - relativedelta(months=company.appraisal_refresh_months),
                ),
            ]
            for company in self.env["res.company"].search([])
        )
        # An automatic recompute: not tracked in the chatter.
        self.with_context(tracking_disable=True).search(
            expression.AND([[("state", "!=", APPRAISAL_DONE)], domain])
        )._refresh_scores()


def _number(value):
    """A score as people write it: 51.75, 0.8625, 40."""
    return f"{round(value, 4):g}"
