# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .. import kpi_rules
from .helpdesk_appraisal_input_mixin import Bounds
from .helpdesk_appraisal_metric import (
    METRIC_MANUAL,
    METRIC_SELECTION,
    ON_TIME_SETTINGS,
    SHEET_METRICS,
    metric_parameters,
    parameter_selection,
)

SCORER_SYSTEM = "system"
SCORER_SUPERVISOR = "supervisor"
SCORER_SELF_SUPERVISOR = "self_supervisor"

# Points of a line: never negative, never absurd; k of K2 has a sign.
POINTS_BOUNDS = Bounds(0.0, 1e6)
SIGNED_BOUNDS = Bounds(-1e6, 1e6)

RULE_KIND_SELECTION = [
    (kpi_rules.K1_PROPORTIONAL, "K1 Proportional"),
    (kpi_rules.K2_PER_UNIT, "K2 Per Unit"),
    (kpi_rules.K3_GAP_PER_STEP, "K3 Gap per Step"),
    (kpi_rules.K4_TIERS, "K4 Tiers"),
    (kpi_rules.K5_MANUAL, "K5 Manual"),
]


class HelpdeskAppraisalSheetTemplateLine(models.Model):
    """One line of a KPI sheet template: a metric, a target and the rule
    kind (with its parameters) that turns the metric into points, at most
    the line's weight (KPI_SPEC 3.3)."""

    _name = "helpdesk.appraisal.sheet.template.line"
    _inherit = ["helpdesk.appraisal.input.mixin"]
    _description = "KPI Sheet Template Line"
    _order = "template_id, sequence, id"

    _appraisal_bounds = {
        "weight": Bounds(0.0, 1e6, low_excluded=True),
        "target": Bounds(0.0, 1e9),
        "cap": Bounds(0.0, 100.0, low_excluded=True),
        "start": POINTS_BOUNDS,
        "per_unit": SIGNED_BOUNDS,
        "floor": POINTS_BOUNDS,
        "quota": Bounds(0.0, 1e9),
        "step": Bounds(0.0, 1e9, low_excluded=True),
        "step_points": POINTS_BOUNDS,
        "no_data_points": POINTS_BOUNDS,
        "manual_min": POINTS_BOUNDS,
    }

    template_id = fields.Many2one(
        comodel_name="helpdesk.appraisal.sheet.template",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="template_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    section = fields.Selection(
        selection=[
            ("quantitative", "Quantitative KPI"),
            ("qualitative", "Qualitative KPI"),
            ("non_kpi", "Non-KPI"),
        ],
        required=True,
        default="quantitative",
    )
    name = fields.Char(string="Label", required=True, translate=True)
    metric = fields.Selection(
        selection=METRIC_SELECTION,
        required=True,
        default=METRIC_MANUAL,
        help="What the line measures, computed from the recorded facts of the "
        "period, or typed by a person (Manual Value).",
    )
    weight = fields.Float(
        required=True,
        default=10.0,
        help="The line's maximum points.",
    )
    target = fields.Float(
        help="The value aimed at: rates in percent (95 for 95 %), counts, minutes ...",
    )
    rule_kind = fields.Selection(
        selection=RULE_KIND_SELECTION,
        required=True,
        default=kpi_rules.K5_MANUAL,
    )
    # K1
    shape = fields.Selection(
        selection=[
            (kpi_rules.SHAPE_HIGHER, "Higher is better: actual / target"),
            (kpi_rules.SHAPE_LOWER_RATIO, "Lower is better: target / actual"),
            (
                kpi_rules.SHAPE_LOWER_EXCESS,
                "Lower is better: 1 - (actual - target) / target",
            ),
            (kpi_rules.SHAPE_RAW, "The value itself, as a fraction of 1"),
        ],
        default=kpi_rules.SHAPE_HIGHER,
        required=True,
    )
    cap = fields.Float(
        default=1.0,
        help="K1: the ratio is used up to this value (1.0: no extra points "
        "beyond the target).",
    )
    # K2
    start = fields.Float(
        help="K2: the points before any unit counts, e.g. 20 for 20 - 2 per "
        "dissatisfied callback.",
    )
    per_unit = fields.Float(
        string="Points per Unit",
        help="K2: points added for each unit, negative for a deduction (-2).",
    )
    floor = fields.Float(
        help="K2 and K3: the line never earns less (0 by default).",
    )
    quota_mode = fields.Selection(
        selection=[
            (kpi_rules.QUOTA_NONE, "Every unit"),
            (kpi_rules.QUOTA_EXCESS, "Units above the quota"),
            (kpi_rules.QUOTA_SHORTFALL, "Units missing below the quota"),
        ],
        default=kpi_rules.QUOTA_NONE,
        required=True,
    )
    quota = fields.Float()
    # K3
    direction = fields.Selection(
        selection=[
            (kpi_rules.DIRECTION_HIGHER, "Below the target loses points"),
            (kpi_rules.DIRECTION_LOWER, "Above the target loses points"),
        ],
        default=kpi_rules.DIRECTION_HIGHER,
        required=True,
    )
    step = fields.Float(
        default=1.0,
        help="K3: the gap is counted in steps of this size (1 percentage "
        "point, 5 minutes).",
    )
    step_points = fields.Float(
        string="Points per Step",
        default=1.0,
        help="K3: points lost for each step of gap (1 per percentage point).",
    )
    rounding = fields.Selection(
        selection=[
            (kpi_rules.ROUNDING_EXACT, "Exact (fractions of a step count)"),
            (kpi_rules.ROUNDING_FLOOR, "Whole steps only"),
        ],
        default=kpi_rules.ROUNDING_EXACT,
        required=True,
    )
    # K4
    tier_ids = fields.One2many(
        comodel_name="helpdesk.appraisal.sheet.template.tier",
        inverse_name="line_id",
        string="Tier Bands",
        copy=True,
    )
    tier_warning = fields.Char(
        compute="_compute_tier_warning",
    )
    # K5
    manual_min = fields.Float(
        string="Lowest Manual Value",
        help="K5: the lowest points a person may give; the highest is the weight.",
    )
    no_data_points = fields.Float(
        string="Points without Data",
        help="What the line earns when the period has no data for it: a rate "
        "without denominator, an exam not taken, a manual value not given.",
    )
    scorer = fields.Selection(
        selection=[
            (SCORER_SYSTEM, "System"),
            (SCORER_SUPERVISOR, "Supervisor"),
            (SCORER_SELF_SUPERVISOR, "Self, then Supervisor"),
        ],
        required=True,
        default=SCORER_SYSTEM,
        help="Who gives a manual value: the system computes the others; with "
        "Self, then Supervisor the employee scores first and the supervisor's "
        "value is final.",
    )
    # The metrics' parameters (METRIC_PARAMETERS): complaints, findings,
    # assessments.
    complaint_channel = fields.Selection(
        selection=parameter_selection("helpdesk.complaint", "channel"),
        help="Complaint metrics: count the complaints of this channel only; "
        "empty, those of every channel.",
    )
    finding_kind = fields.Selection(
        selection=parameter_selection("helpdesk.quality.finding", "kind"),
        help="Finding metrics: count the findings of this kind only; empty, "
        "those of every kind.",
    )
    assessment_kind = fields.Selection(
        selection=parameter_selection("helpdesk.appraisal.assessment", "kind"),
        help="Assessment metrics: the kind of assessment they read; empty, "
        "exams for the score and the pass rate, trainings for the count "
        "attended.",
    )
    # Targets and parameters from elsewhere, other sheets (issue 12 items 4
    # and 7): the metric parameters of METRIC_PARAMETERS.
    target_metric = fields.Selection(
        selection="_selection_metric",
        string="Target from Metric",
        help="The target is this metric's value for the employee and period "
        "(the employee's standard points, the team's mean ...) instead of the "
        "fixed target.",
    )
    setting_ids = fields.One2many(
        comodel_name="helpdesk.appraisal.sheet.template.setting",
        inverse_name="line_id",
        string="Company Settings",
        copy=True,
        help="Parameters of the line read from the settings of the sheet's "
        "company, in place of the values typed here.",
    )
    in_total = fields.Boolean(
        string="Added to the Total",
        default=True,
        help="Unchecked, the line's points are shown on the sheet but not "
        "added to its total (the monthly appraisal's area score).",
    )
    source_template_id = fields.Many2one(
        comodel_name="helpdesk.appraisal.sheet.template",
        string="Sheets of Template",
        ondelete="restrict",
        help="Total of Another Sheet, Sheets below a Total, Team Mean: the "
        "template whose sheets of the period are read. They are computed "
        "first; a template cannot refer to itself, even through others.",
    )
    sheet_threshold = fields.Float(
        string="Below the Total",
        help="Sheets below a Total: the sheets whose total is below this "
        "value are counted (59 for 004-R11).",
    )
    team_metric = fields.Selection(
        selection="_selection_metric",
        string="Metric of the Team",
        help="Team Sum of a Metric: the metric added up over the employees "
        "the employee manages.",
    )

    # Timeliness metrics (KPI_SPEC G2)
    on_time_limit = fields.Float(
        string="On Time Within",
        compute="_compute_on_time_limit",
        store=True,
        readonly=False,
        copy=True,
        help="On-time rates: an order counts as on time when its first "
        "response comes within this many working minutes, its engineer "
        "arrives within this many minutes, or it is first closed within this "
        "many working days. By default the company's target (Settings).",
    )

    @api.depends("metric")
    def _compute_on_time_limit(self):
        for line in self:
            setting = ON_TIME_SETTINGS.get(line.metric)
            company = line.company_id or self.env.company
            line.on_time_limit = company[setting] if setting else 0.0

    @api.depends(
        "rule_kind",
        "tier_ids.low",
        "tier_ids.high",
        "tier_ids.low_unbounded",
        "tier_ids.high_unbounded",
        "tier_ids.low_inclusive",
        "tier_ids.high_inclusive",
    )
    def _compute_tier_warning(self):
        for line in self:
            warnings = []
            if line.rule_kind == kpi_rules.K4_TIERS:
                gaps, overlaps = kpi_rules.tier_gaps_and_overlaps(
                    line.tier_ids._bands()
                )
                warnings += [
                    self.env._(
                        "no band holds the values between %(low)s and %(high)s",
                        low=format(low, "g"),
                        high=format(high, "g"),
                    )
                    for low, high in gaps
                ]
                warnings += [
                    self.env._(
                        "two bands hold the values from %(low)s to %(high)s",
                        low=_bound(low),
                        high=_bound(high),
                    )
                    for low, high in overlaps
                ]
            line.tier_warning = "; ".join(warnings) or False

    @api.constrains(
        "rule_kind",
        "metric",
        "scorer",
        "shape",
        "target",
        "weight",
        "floor",
        "start",
        "manual_min",
        "no_data_points",
        "tier_ids",
    )
    def _check_rule(self):
        for line in self:
            problem = line._rule_problem()
            if problem:
                line._raise_problem(problem)

    def _raise_problem(self, problem):
        """Refuse the line, naming it and its template."""
        raise ValidationError(
            self.env._(
                "Line %(line)s of template %(template)s: %(problem)s",
                line=self.name,
                template=self.template_id.name,
                problem=problem,
            )
        )

    def _rule_problem(self):
        """Why the line's rule cannot compute, or ``None``."""
        self.ensure_one()
        is_manual = self.metric == METRIC_MANUAL
        if is_manual != (self.scorer != SCORER_SYSTEM):
            return self.env._(
                "a Manual Value is given by the supervisor (or the employee "
                "first), every other metric is computed by the system."
            )
        if self.rule_kind == kpi_rules.K5_MANUAL and not is_manual:
            return self.env._("a K5 Manual line takes a Manual Value.")
        if (
            self.rule_kind == kpi_rules.K1_PROPORTIONAL
            and self.shape != kpi_rules.SHAPE_RAW
            and self.target <= 0
        ):
            return self.env._(
                "the target of a K1 Proportional line must be greater than 0."
            )
        too_high = [
            label
            for label, value, kinds in (
                (self.env._("the floor"), self.floor, None),
                (self.env._("the points without data"), self.no_data_points, None),
                (
                    self.env._("the lowest manual value"),
                    self.manual_min,
                    (kpi_rules.K5_MANUAL,),
                ),
                (self.env._("the start"), self.start, (kpi_rules.K2_PER_UNIT,)),
                (
                    self.env._("the points of a tier band"),
                    max(self.tier_ids.mapped("output"), default=0.0),
                    (kpi_rules.K4_TIERS,),
                ),
            )
            if value > self.weight and (kinds is None or self.rule_kind in kinds)
        ]
        if too_high:
            return self.env._(
                "%(what)s cannot exceed the weight %(weight)s.",
                what=", ".join(too_high),
                weight=format(self.weight, "g"),
            )
        return None

    def _rule_params(self):
        """The keyword arguments of the line's rule kind (``kpi_rules``)."""
        self.ensure_one()
        kind = self.rule_kind
        if kind == kpi_rules.K1_PROPORTIONAL:
            return {
                "maximum": self.weight,
                "target": self.target,
                "shape": self.shape,
                "cap": self.cap,
            }
        if kind == kpi_rules.K2_PER_UNIT:
            return {
                "start": self.start,
                "k": self.per_unit,
                "floor": self.floor,
                "ceil": self.weight,
                "quota": self.quota,
                "quota_mode": self.quota_mode,
            }
        if kind == kpi_rules.K3_GAP_PER_STEP:
            return {
                "maximum": self.weight,
                "target": self.target,
                "k": self.step_points,
                "step": self.step,
                "direction": self.direction,
                "rounding": self.rounding,
                "floor": self.floor,
            }
        if kind == kpi_rules.K4_TIERS:
            return {"bands": self.tier_ids._bands()}
        return {"minimum": self.manual_min, "maximum": self.weight}

    # Targets and parameters from elsewhere, other sheets -------------------

    @api.model
    def _selection_metric(self):
        """The metrics of the catalogue, as the line's metric offers them
        (with their translations)."""
        return self._fields["metric"]._description_selection(self.env)

    @api.constrains("metric", "team_metric", "source_template_id", "template_id")
    def _check_references(self):
        for line in self:
            problem = None
            if line.metric == "team_sum" and (
                not line.team_metric or line.team_metric in ("team_sum", METRIC_MANUAL)
            ):
                problem = self.env._(
                    "a Team Sum adds up a metric computed by the system, other "
                    "than a Team Sum: choose the Metric of the Team."
                )
            elif line._uses_sheets() and not line.source_template_id:
                problem = self.env._("choose the template whose sheets the line reads.")
            elif line._uses_sheets() and (
                line.template_id
                in line.source_template_id
                | line.source_template_id._referenced_templates()
            ):
                problem = self.env._(
                    "the template %(other)s refers back to this template: a "
                    "sheet cannot depend on itself.",
                    other=line.source_template_id.name,
                )
            if problem:
                line._raise_problem(problem)

    def _uses_sheets(self):
        """Whether the line reads the sheets of its source template."""
        self.ensure_one()
        return self.metric in SHEET_METRICS or (
            self.metric == "team_sum" and self.team_metric in SHEET_METRICS
        )

    def _metric_keys(self):
        """The ``(metric, params)`` the line's points need: its metric, and
        the metric its target comes from."""
        self.ensure_one()
        keys = [(self.metric, metric_parameters(self))]
        if self.target_metric:
            keys.append(
                (self.target_metric, metric_parameters(self, self.target_metric))
            )
        return keys

    def _effective(self, company, target_value=None):
        """The line as a sheet of ``company`` applies it: a draft copy with
        the parameters read from the company's settings and the target from
        ``target_value``, the ``(value, numerator, denominator)`` of the
        target's metric; the line itself when nothing comes from elsewhere."""
        self.ensure_one()
        overrides = self.setting_ids._values(company)
        if self.target_metric:
            overrides["target"] = (target_value or (None,))[0] or 0.0
        if not overrides:
            return self
        return self.new(overrides, origin=self)


def _bound(value):
    return "..." if value is None else f"{value:g}"
