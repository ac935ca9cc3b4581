# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .. import pay_rules
from .helpdesk_appraisal_input_mixin import Bounds

KIND_ATTENDANCE = "attendance_wage"
KIND_SCORE = "score_pay"
KIND_TEAM = "team_pay"
KIND_FIXED = "fixed"
KIND_PER_UNIT = "per_unit"
KIND_THRESHOLD = "threshold"
KIND_POOL = "pool_share"
KIND_PIECE = "piece_rate"
KIND_QUARTER = "quarter_factor"
KIND_GRADE_POOL = "grade_pool"
KIND_SELECTION = [
    (KIND_ATTENDANCE, "Wage for the Days Attended"),
    (KIND_SCORE, "Performance Pay by Score"),
    (KIND_TEAM, "Manager's Pay by Team Mean"),
    (KIND_FIXED, "Fixed Amount"),
    (KIND_PER_UNIT, "Amount per Unit"),
    (KIND_THRESHOLD, "Threshold Bonus or Penalty"),
    (KIND_POOL, "Pool Share"),
    (KIND_PIECE, "Depot-repair Piece Rate"),
    (KIND_QUARTER, "Failing Quarter"),
    (KIND_GRADE_POOL, "Grade Pool (c/d to a)"),
]
# The terms that make the performance pay: what a failing quarter reduces.
PERFORMANCE_KINDS = (KIND_SCORE, KIND_TEAM)
# The terms that make the bonus the grade pool deducts from (all but the
# wage, the post-steps themselves aside).
BONUS_KINDS = (
    KIND_SCORE,
    KIND_TEAM,
    KIND_FIXED,
    KIND_PER_UNIT,
    KIND_THRESHOLD,
    KIND_POOL,
    KIND_PIECE,
    KIND_QUARTER,
)
# Terms reading a value of a line of the KPI sheet.
SHEET_LINE_KINDS = (KIND_PER_UNIT, KIND_THRESHOLD)
# Terms reading the KPI sheets' totals or grades.
SHEET_KINDS = (KIND_SCORE, KIND_TEAM, KIND_POOL, KIND_QUARTER, KIND_GRADE_POOL)

CONDITION_TEAM_LEADER = "team_leader"
CONDITION_FLAG = "flag"

SIGNED = Bounds(-1e9, 1e9)
PERCENT = Bounds(0.0, 1000.0)


class HelpdeskAppraisalPayPlanLine(models.Model):
    """One term of a pay plan: what it computes (its kind, with the rule of
    ``pay_rules``), its numbers (the seed's by default), the jobs it is for
    and, for a conditional alternative, the term it replaces and when."""

    _name = "helpdesk.appraisal.pay.plan.line"
    _inherit = ["helpdesk.appraisal.input.mixin"]
    _description = "Pay Plan Term"
    _order = "plan_id, sequence, id"
    _check_company_auto = True
    _appraisal_bounds = {
        "amount": SIGNED,
        "penalty": SIGNED,
        "share_percent": Bounds(0.0, 100.0),
        "factor_above_percent": PERCENT,
        "factor_below_percent": PERCENT,
    }

    plan_id = fields.Many2one(
        comodel_name="helpdesk.appraisal.pay.plan",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Label", required=True, translate=True)
    kind = fields.Selection(selection=KIND_SELECTION, required=True)
    amount = fields.Float(
        digits="Product Price",
        help="Fixed amount (negative for a deduction); amount per unit; "
        "bonus reaching the threshold; whole pool to share.",
    )
    penalty = fields.Float(
        digits="Product Price",
        default=pay_rules.THRESHOLD_BELOW,
        help="Amount below the threshold: negative for a penalty.",
    )
    threshold = fields.Float(default=pay_rules.THRESHOLD)
    share_percent = fields.Float(
        string="Share (%)",
        default=100.0,
        help="The employee's part of the pool (004-H3: 36, 27, 27 or 10).",
    )
    template_line_id = fields.Many2one(
        comodel_name="helpdesk.appraisal.sheet.template.line",
        string="KPI Sheet Line",
        help="The line of the KPI sheet whose value the term reads: the "
        "units, the rate compared with the threshold, the rate of the "
        "pool's factor.",
    )
    factor_threshold = fields.Float(
        default=pay_rules.POOL_FACTOR_TIERS[0][0],
        help="A pool share is paid in full when the sheet line's value "
        "reaches this, else at the lower factor (004-H3: accuracy 90 %).",
    )
    factor_above_percent = fields.Float(
        string="Factor Reached (%)", default=pay_rules.POOL_FACTOR_TIERS[0][1]
    )
    factor_below_percent = fields.Float(
        string="Factor Missed (%)", default=pay_rules.POOL_FACTOR_BELOW
    )
    complaint_veto = fields.Boolean(
        default=True,
        help="Too many attributable complaints in a month cancel the "
        "performance pay of the month (Settings; 004-R4).",
    )
    job_ids = fields.Many2many(
        comodel_name="hr.job",
        string="Only for Jobs",
        check_company=True,
        help="The term applies only to employees of these job positions; "
        "with none, to everyone of the plan.",
    )
    alternative_of_id = fields.Many2one(
        comodel_name="helpdesk.appraisal.pay.plan.line",
        string="Replaces",
        domain="[('plan_id', '=', plan_id), ('id', '!=', id)]",
        help="A conditional alternative: when its condition holds, this term "
        "is used instead of that one; otherwise this term is left out.",
    )
    condition = fields.Selection(
        selection=[
            (CONDITION_TEAM_LEADER, "The employee leads a team"),
            (CONDITION_FLAG, "The statement's monthly flag is set"),
        ],
        help="Team leader: employees of the plan report to the employee.",
    )

    @api.constrains("alternative_of_id", "condition", "plan_id")
    def _check_alternative(self):
        for line in self:
            alternative = line.alternative_of_id
            if bool(alternative) != bool(line.condition):
                raise ValidationError(
                    self.env._(
                        "Term %(term)s: an alternative needs both the term it "
                        "replaces and its condition.",
                        term=line.name,
                    )
                )
            if alternative and (
                alternative == line
                or alternative.plan_id != line.plan_id
                or alternative.alternative_of_id
            ):
                raise ValidationError(
                    self.env._(
                        "Term %(term)s can only replace another term of its plan "
                        "that is no alternative itself.",
                        term=line.name,
                    )
                )

    @api.constrains("kind", "template_line_id", "plan_id")
    def _check_sheet_line(self):
        for line in self:
            if line.kind in SHEET_LINE_KINDS and not line.template_line_id:
                raise ValidationError(
                    self.env._(
                        "Term %(term)s reads a value of the KPI sheet: choose "
                        "its KPI sheet line.",
                        term=line.name,
                    )
                )
            if (
                line.template_line_id
                and line.template_line_id.template_id != line.plan_id.template_id
            ):
                raise ValidationError(
                    self.env._(
                        "Term %(term)s must read a line of its plan's KPI sheet "
                        "template.",
                        term=line.name,
                    )
                )

    @api.constrains("factor_threshold", "factor_above_percent", "factor_below_percent")
    def _check_pool_factor(self):
        for line in self:
            if line.factor_below_percent > line.factor_above_percent:
                raise ValidationError(
                    self.env._(
                        "Term %(term)s: the factor when the value is missed "
                        "cannot exceed the factor when it is reached.",
                        term=line.name,
                    )
                )
