# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .. import kpi_rules
from ..const import SUPERVISOR_GROUP
from .helpdesk_appraisal_metric import (
    METRIC_FACTS,
    METRIC_MANUAL,
    METRIC_SELECTION,
    metric_parameters,
    parameter_selection,
)
from .helpdesk_appraisal_sheet import _COMPUTED_WRITE
from .helpdesk_appraisal_sheet_template_line import (
    RULE_KIND_SELECTION,
    SCORER_SELF_SUPERVISOR,
    SCORER_SUPERVISOR,
)

# The sheet's fields its lines store, under the same names.
_SHEET_FIELDS = ("employee_id", "template_id", "department_id", "month")


class HelpdeskAppraisalSheetLine(models.Model):
    """One line of a KPI sheet: the metric's actual value over the period,
    the points its rule kind gives and the formula with the numbers.

    The label, weight, target and rule are copied from the template line at
    each refresh, so that a done sheet keeps what it was computed with.
    """

    _name = "helpdesk.appraisal.sheet.line"
    _inherit = ["helpdesk.appraisal.input.mixin"]
    _description = "KPI Sheet Line"
    _order = "sheet_id, sequence, id"

    # Copied from the template line, or computed, at each refresh.
    _COMPUTED_FIELDS = (
        "template_line_id",
        "sequence",
        "section",
        "name",
        "metric",
        "rule_kind",
        "scorer",
        "weight",
        "target",
        "actual",
        "numerator",
        "denominator",
        "has_data",
        "points",
        "formula",
        "self_scored",
        "supervisor_scored",
        "complaint_channel",
        "finding_kind",
        "assessment_kind",
        "in_total",
        "on_time_limit",
        *_SHEET_FIELDS,
    )

    sheet_id = fields.Many2one(
        comodel_name="helpdesk.appraisal.sheet",
        required=True,
        index=True,
        ondelete="cascade",
    )
    template_line_id = fields.Many2one(
        comodel_name="helpdesk.appraisal.sheet.template.line",
        index=True,
        ondelete="set null",
    )
    state = fields.Selection(related="sheet_id.state")
    is_own = fields.Boolean(related="sheet_id.is_own")
    sequence = fields.Integer()
    section = fields.Selection(
        selection=[
            ("quantitative", "Quantitative KPI"),
            ("qualitative", "Qualitative KPI"),
            ("non_kpi", "Non-KPI"),
        ],
    )
    name = fields.Char(string="Label")
    metric = fields.Selection(selection=METRIC_SELECTION)
    rule_kind = fields.Selection(selection=RULE_KIND_SELECTION)
    scorer = fields.Selection(
        selection=[
            ("system", "System"),
            (SCORER_SUPERVISOR, "Supervisor"),
            (SCORER_SELF_SUPERVISOR, "Self, then Supervisor"),
        ],
    )
    weight = fields.Float(aggregator=None)
    target = fields.Float(aggregator=None)
    actual = fields.Float(aggregator=None)
    numerator = fields.Float(aggregator=None)
    denominator = fields.Float(aggregator=None)
    has_data = fields.Boolean(
        help="The period had data for the line; without, it earns the "
        "template line's points without data.",
    )
    # 0, not NULL, until computed: the pivots average the points of every line.
    points = fields.Float(aggregator="avg", default=0.0)
    formula = fields.Char(help="How the points were computed, with the numbers.")
    self_value = fields.Float(
        string="Self Score",
        help="The employee's own value, given during the self-assessment.",
    )
    self_scored = fields.Boolean(readonly=True)
    supervisor_value = fields.Float(
        string="Supervisor's Value",
        help="The supervisor's value: final, it replaces the employee's.",
    )
    supervisor_scored = fields.Boolean(readonly=True)
    supervisor_note = fields.Char(
        string="Comment",
        help="Why the line earns less than its maximum: required then.",
    )
    # The sheet's, stored for the pivot and graph of the lines. Editable
    # computes: generation gives them with the lines it creates, which are
    # inserted with them rather than updated after; nobody else writes them
    # (``_COMPUTED_FIELDS``).
    employee_id = fields.Many2one(
        comodel_name="hr.employee",
        compute="_compute_sheet_fields",
        store=True,
        readonly=False,
    )
    template_id = fields.Many2one(
        comodel_name="helpdesk.appraisal.sheet.template",
        compute="_compute_sheet_fields",
        store=True,
        readonly=False,
    )
    department_id = fields.Many2one(
        comodel_name="hr.department",
        compute="_compute_sheet_fields",
        store=True,
        readonly=False,
    )
    month = fields.Date(
        compute="_compute_sheet_fields",
        store=True,
        readonly=False,
        index=True,
        help="First day of the sheet's period (its first month).",
    )
    # The metric's parameters (METRIC_PARAMETERS), copied from the template
    # line: a done sheet opens the facts it was computed from.
    complaint_channel = fields.Selection(
        selection=parameter_selection("helpdesk.complaint", "channel"),
    )
    finding_kind = fields.Selection(
        selection=parameter_selection("helpdesk.quality.finding", "kind"),
    )
    assessment_kind = fields.Selection(
        selection=parameter_selection("helpdesk.appraisal.assessment", "kind"),
    )
    in_total = fields.Boolean(
        string="Added to the Total",
        default=True,
        help="Unchecked, the line is shown but not added to the sheet's total.",
    )
    on_time_limit = fields.Float(string="On Time Within", aggregator=None)

    @api.depends(*(f"sheet_id.{name}" for name in _SHEET_FIELDS))
    def _compute_sheet_fields(self):
        for line in self:
            line.update({name: line.sheet_id[name] for name in _SHEET_FIELDS})

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and (
            self.env.context.get("sheet_computed_write") is not _COMPUTED_WRITE
        ):
            # Lines come with their sheet, from its template.
            for vals in vals_list:
                self._check_line_writable(vals)
        return super().create(vals_list)

    def write(self, vals):
        computed = self.env.context.get("sheet_computed_write") is _COMPUTED_WRITE
        if not computed:
            self._check_line_writable(vals)
        res = super().write(vals)
        if not computed and {"self_value", "supervisor_value"} & set(vals):
            self._check_manual_values()
            flags = {}
            if "self_value" in vals:
                flags["self_scored"] = True
            if "supervisor_value" in vals:
                flags["supervisor_scored"] = True
            self._computed_write(flags)
            self.sheet_id._refresh()
        return res

    def _computed_write(self, vals):
        return self.with_context(sheet_computed_write=_COMPUTED_WRITE).write(vals)

    @api.model
    def _computed_create(self, vals_list):
        return self.with_context(sheet_computed_write=_COMPUTED_WRITE).create(vals_list)

    @api.model
    def _sheet_values(self, sheet_vals):
        """The values of the sheet's fields the lines store, from the
        ``vals`` of their sheet."""
        return {name: sheet_vals[name] for name in _SHEET_FIELDS}

    def _check_line_writable(self, vals):
        """Who may give which value, at which stage, refused with the rule."""
        if self.env.su:
            return
        computed = set(vals) & set(self._COMPUTED_FIELDS)
        if computed or not self:
            raise AccessError(
                self.env._(
                    "The lines of a KPI sheet come from its template and are "
                    "computed: only manual values and comments are given."
                )
            )
        user = self.env.user
        if "self_value" in vals:
            for line in self:
                if (
                    line.scorer != SCORER_SELF_SUPERVISOR
                    or line.sheet_id.state != "self_assessment"
                    or line.sheet_id.employee_id.user_id != user
                ):
                    raise AccessError(
                        self.env._(
                            "Only the appraised employee gives their own score, "
                            "on a line scored by themselves first, during the "
                            "self-assessment (line %(line)s).",
                            line=line.name,
                        )
                    )
        if {"supervisor_value", "supervisor_note"} & set(vals):
            for line in self:
                if (
                    not user.has_group(SUPERVISOR_GROUP)
                    or line.metric != METRIC_MANUAL
                    or line.sheet_id.state not in ("draft", "review")
                    or line.sheet_id.employee_id.user_id == user
                ):
                    raise AccessError(
                        self.env._(
                            "Only a supervisor gives the value of a manual line, "
                            "in draft or review, never on their own sheet (line "
                            "%(line)s).",
                            line=line.name,
                        )
                    )

    def _check_manual_values(self):
        for line in self:
            template_line = line.sudo().template_line_id
            low = template_line.manual_min
            high = template_line.weight
            if line.rule_kind != kpi_rules.K5_MANUAL:
                low, high = 0.0, 1e9
            for value in (line.self_value, line.supervisor_value):
                if not low <= value <= high:
                    raise ValidationError(
                        self.env._(
                            "The value of line %(line)s must lie between "
                            "%(low)s and %(high)s, not %(value)s.",
                            line=line.name,
                            low=format(low, "g"),
                            high=format(high, "g"),
                            value=format(value, "g"),
                        )
                    )

    def action_view_facts(self):
        """The recorded facts the line's metric counted in its period."""
        self.ensure_one()
        if self.metric == METRIC_MANUAL:
            raise UserError(self.env._("A manual value has no recorded facts."))
        if self.metric not in METRIC_FACTS:
            raise UserError(
                self.env._(
                    "The line's metric is computed from other sheets or from "
                    "timesheets and calendars: it lists no facts of its own."
                )
            )
        sheet = self.sheet_id
        if sheet.state == "done":
            # What the line counted when the sheet was done, not today's facts.
            action = self.env["ir.actions.act_window"]._for_xml_id(
                "helpdesk_engineer_appraisal.helpdesk_appraisal_sheet_fact_action"
            )
            action["domain"] = [("line_id", "=", self.id)]
            action["display_name"] = f"{sheet.display_name} - {self.name}"
            return action
        return self.env["helpdesk.appraisal.metric"]._facts_action(
            self.metric,
            sheet.employee_id,
            sheet.template_id._period_months(sheet.month),
            f"{sheet.display_name} - {self.name}",
            metric_parameters(self),
        )

    def _computed_values(self, metric_value, target_value=None):
        """The stored values of the line for its metric's ``(value,
        numerator, denominator)`` (``None``: nothing recorded), and its
        target metric's when the target comes from one (see ``_values_of``)."""
        self.ensure_one()
        return self._values_of(
            self.sudo().template_line_id,
            self.sheet_id.sudo().company_id,
            metric_value,
            target_value,
            manual_value=self._manual_value(),
        )

    def _manual_value(self):
        """The ``(value, numerator, denominator)`` given by hand on the line:
        the supervisor's, else the employee's own, else ``None``."""
        self.ensure_one()
        if self.supervisor_scored:
            return (self.supervisor_value, self.supervisor_value, 1.0)
        if self.self_scored:
            return (self.self_value, self.self_value, 1.0)
        return None

    @api.model
    def _values_of(
        self, template_line, company, metric_value, target_value=None, manual_value=None
    ):
        """The stored values of a line of ``template_line`` on a sheet of
        ``company``, for its metric's ``(value, numerator, denominator)``
        (``None``: nothing recorded), its target metric's when the target
        comes from one (no target value: no data) and, on a manual line, the
        value given by hand (``_manual_value``)."""
        template_line = template_line.sudo()
        if template_line.target_metric and not (target_value or (None,))[0]:
            metric_value = None
        template_line = template_line._effective(company, target_value)
        if template_line.metric == METRIC_MANUAL:
            metric_value = manual_value
        actual, numerator, denominator = metric_value or (None, 0.0, 0.0)
        result = kpi_rules.evaluate(
            template_line.rule_kind,
            actual,
            template_line._rule_params(),
            template_line.no_data_points,
        )
        return {
            "sequence": template_line.sequence,
            "section": template_line.section,
            "name": template_line.name,
            "metric": template_line.metric,
            "rule_kind": template_line.rule_kind,
            "scorer": template_line.scorer,
            "weight": template_line.weight,
            "target": template_line.target,
            "actual": actual or 0.0,
            "numerator": numerator,
            "denominator": denominator,
            "has_data": actual is not None,
            "points": result.points,
            "formula": template_line._formula(result),
            "complaint_channel": template_line.complaint_channel,
            "finding_kind": template_line.finding_kind,
            "assessment_kind": template_line.assessment_kind,
            "in_total": template_line.in_total,
            "on_time_limit": template_line.on_time_limit,
        }
