# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import namedtuple

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .. import kpi_rules
from ..const import SUPERVISOR_GROUP
from .helpdesk_appraisal_batch_mixin import copy_rows
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

# The sheet's fields its lines show, under the same names.
_SHEET_FIELDS = ("employee_id", "template_id", "department_id", "month")


class LineRule(
    namedtuple(
        "LineRule",
        "kind params no_data_points manual no_target shape band_labels copied",
    )
):
    """A template line as a sheet of one company applies it: its rule kind
    and parameters (``kpi_rules``), the points without data, whether its
    value is given by hand, whether it lacks the target its metric gives,
    what its formula shows (shape, the tiers' labels) and the values the
    sheet line copies from it."""


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
        "formula_numbers",
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
    # Every translation of the template line's label, kept as it was when
    # computed: each reader sees the label in their language.
    name = fields.Char(string="Label", translate=True)
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
    # The rule's numbers, kept to show the formula in its reader's language.
    formula_numbers = fields.Json(readonly=True)
    formula = fields.Char(
        compute="_compute_formula",
        help="How the points were computed, with the numbers.",
    )
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
    # The sheet's, for the pivot, graph and filters of the lines, read through
    # the sheet rather than stored: a copy on each of the ten lines of a sheet
    # was a third of the time generation spent storing them (tools/
    # BENCHMARK.md). Never written through the line (``_COMPUTED_FIELDS``).
    employee_id = fields.Many2one(related="sheet_id.employee_id")
    template_id = fields.Many2one(related="sheet_id.template_id")
    department_id = fields.Many2one(related="sheet_id.department_id")
    month = fields.Date(related="sheet_id.month")
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

    @api.depends("formula_numbers")
    @api.depends_context("lang")
    def _compute_formula(self):
        for line in self:
            line.formula = line._formula_of(line.formula_numbers)

    @api.model
    def _formula_of(self, numbers):
        """The computation a rule made, in the reader's language, from the
        ``numbers`` a line keeps of it (``kpi_rules.formula_numbers``);
        empty before the line is computed."""
        if not numbers:
            return False
        text = {
            name: _number(value) if isinstance(value, int | float) else value
            for name, value in numbers.items()
        }
        if numbers.get("no_data"):
            return self.env._("No data -> %(points)s", **text)
        kind = numbers["kind"]
        if kind == kpi_rules.K1_PROPORTIONAL:
            if numbers["shape"] == kpi_rules.SHAPE_RAW:
                return self.env._("%(maximum)s x %(used)s = %(points)s", **text)
            return self.env._(
                "actual %(actual)s, target %(target)s: r = %(ratio)s, used "
                "%(used)s (cap %(cap)s) -> %(maximum)s x %(used)s = %(points)s",
                **text,
            )
        clamped = (
            f" -> {text['points']}" if numbers["points"] != numbers.get("raw") else ""
        )
        if kind == kpi_rules.K2_PER_UNIT:
            text["k"] = _number(abs(numbers["k"]))
            if numbers["k"] < 0:
                formula = self.env._("%(start)s - %(k)s x %(units)s = %(raw)s", **text)
            else:
                formula = self.env._("%(start)s + %(k)s x %(units)s = %(raw)s", **text)
            return formula + clamped
        if kind == kpi_rules.K3_GAP_PER_STEP:
            return (
                self.env._(
                    "actual %(actual)s, target %(target)s: gap %(gap)s = "
                    "%(steps)s step(s) of %(step)s -> %(maximum)s - %(k)s x "
                    "%(steps)s = %(raw)s",
                    **text,
                )
                + clamped
            )
        if kind == kpi_rules.K4_TIERS:
            if numbers["band"] is None:
                return self.env._("%(actual)s is in no band -> %(points)s", **text)
            return self.env._("%(actual)s in %(band)s -> %(points)s", **text)
        return self.env._(
            "%(value)s given (%(minimum)s to %(maximum)s) -> %(points)s", **text
        )

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

    def _update_field_translations(
        self, field_name, translations, digest=None, source_lang=None
    ):
        # The translation dialog (public ``update_field_translations``) stores
        # around ``write``: the label is the template line's, as computed.
        self._check_line_writable({field_name: translations})
        return super()._update_field_translations(
            field_name, translations, digest=digest, source_lang=source_lang
        )

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
    def _rule_of(self, template_line, company, label, target_value=None):
        """What a line of ``template_line`` on a sheet of ``company`` applies
        whatever its metric's value (a ``LineRule``): the line as applied
        (``_effective``: its target from ``target_value``, the ``(value,
        numerator, denominator)`` of its target metric), read once. The same
        for every employee of a company unless the target comes from a
        metric: ``_numbers_of`` reuses it across the sheets it computes.
        ``label`` is the template line's label in every language
        (``translations_of``)."""
        template_line = template_line.sudo()
        line = template_line._effective(company, target_value)
        return LineRule(
            kind=line.rule_kind,
            params=line._rule_params(),
            no_data_points=line.no_data_points,
            manual=line.metric == METRIC_MANUAL,
            no_target=bool(
                template_line.target_metric and not (target_value or (None,))[0]
            ),
            shape=line.shape,
            band_labels=[tier._label() for tier in line.tier_ids],
            copied={
                "sequence": line.sequence,
                "section": line.section,
                "name": label,
                "metric": line.metric,
                "rule_kind": line.rule_kind,
                "scorer": line.scorer,
                "weight": line.weight,
                "target": line.target,
                "complaint_channel": line.complaint_channel,
                "finding_kind": line.finding_kind,
                "assessment_kind": line.assessment_kind,
                "in_total": line.in_total,
                "on_time_limit": line.on_time_limit,
            },
        )

    @api.model
    def _values_of(self, rule, metric_value, manual_value=None):
        """The stored values of a sheet line applying ``rule`` (``_rule_of``)
        to its metric's ``(value, numerator, denominator)`` (``None``: nothing
        recorded) and, on a manual line, to the value given by hand
        (``_manual_value``)."""
        if rule.no_target:
            metric_value = None
        if rule.manual:
            metric_value = manual_value
        actual, numerator, denominator = metric_value or (None, 0.0, 0.0)
        result = kpi_rules.evaluate(rule.kind, actual, rule.params, rule.no_data_points)
        return {
            **rule.copied,
            "actual": actual or 0.0,
            "numerator": numerator,
            "denominator": denominator,
            "has_data": actual is not None,
            "points": result.points,
            "formula_numbers": kpi_rules.formula_numbers(
                rule.kind, result, rule.shape, rule.band_labels
            ),
        }

    @api.model
    def _insert_computed(self, vals_list):
        """Insert the lines of ``vals_list``, computed by their sheets (every
        stored field given, as ``_values_of`` gives them),
        with one ``COPY``.

        A generation creates some ten lines per employee: through ``create``,
        the ORM's defaults, conversions and cache took three quarters of a
        generation (tools/BENCHMARK.md). The values are the sheets' own, never
        a client's; they pass the rights and the input checks ``create``
        applies, are stored as the ORM stores them (``TestKpiSheetInsert``),
        and the lines are read from the database afterwards.
        """
        if not vals_list:
            return
        self.check_access("create")
        self._check_appraisal_input(*vals_list)
        names = sorted(vals_list[0])
        audit = (self.env.uid, self.env.cr.now()) * 2
        copy_rows(
            self,
            [*names, "create_uid", "create_date", "write_uid", "write_date"],
            ([*(vals[name] for name in names), *audit] for vals in vals_list),
        )
        self.env["helpdesk.appraisal.sheet"].browse(
            {vals["sheet_id"] for vals in vals_list}
        ).invalidate_recordset(["line_ids"])


def _number(value):
    """A number as people write it: 51.75, 0.8625, 40."""
    return f"{round(value, 4):g}"
