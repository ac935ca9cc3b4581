# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from .. import kpi_rules
from .helpdesk_appraisal_input_mixin import Bounds

PERIOD_MONTH = "month"
PERIOD_QUARTER = "quarter"
PERIOD_YEAR = "year"
PERIOD_MONTHS = {PERIOD_MONTH: 1, PERIOD_QUARTER: 3, PERIOD_YEAR: 12}
PERIOD_SELECTION = [
    (PERIOD_MONTH, "Month"),
    (PERIOD_QUARTER, "Quarter"),
    (PERIOD_YEAR, "Year"),
]


def period_start(day, period_type):
    """First day of the month, quarter or year (``period_type``) holding
    ``day``."""
    months = PERIOD_MONTHS[period_type]
    return day.replace(month=(day.month - 1) // months * months + 1, day=1)


class HelpdeskAppraisalSheetTemplate(models.Model):
    """A KPI scorecard (KPI_SPEC 3.2): lines that turn metrics into points
    with one of the rule kinds K1-K5, summed up to the template's maximum
    and graded on its scale, for the employees it applies to and one period.

    Weights that do not add up to the maximum and tier bands that leave a gap
    or overlap are shown as warnings, not refused (KPI_SPEC Q6): seeds ship
    such tables and the customer decides.
    """

    _name = "helpdesk.appraisal.sheet.template"
    _inherit = ["helpdesk.appraisal.input.mixin", "helpdesk.appraisal.scope.mixin"]
    _description = "KPI Sheet Template"
    _order = "name"
    _check_company_auto = True

    _appraisal_bounds = {"maximum": Bounds(0.0, 1e6, low_excluded=True)}

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    period_type = fields.Selection(
        selection=PERIOD_SELECTION,
        string="Period",
        required=True,
        default=PERIOD_MONTH,
        help="A sheet covers one month, quarter or year; a quarter or a year "
        "adds up the counts of its months.",
    )
    maximum = fields.Float(
        required=True,
        default=100.0,
        help="The highest total of a sheet: the total is kept between 0 and it.",
    )
    employee_ids = fields.Many2many(
        help="The template applies to these employees and to those of the "
        "departments and job positions above; with none of the three, to the "
        "company's employees marked Appraised.",
    )
    grade_scale_id = fields.Many2one(
        comodel_name="helpdesk.appraisal.grade.scale",
        required=True,
        default=lambda self: self.env.ref(
            "helpdesk_engineer_appraisal.grade_scale_five_bands",
            raise_if_not_found=False,
        ),
        check_company=True,
    )
    line_ids = fields.One2many(
        comodel_name="helpdesk.appraisal.sheet.template.line",
        inverse_name="template_id",
        string="Lines",
        copy=True,
    )
    weight_total = fields.Float(
        string="Total Weight",
        compute="_compute_warnings",
    )
    warning = fields.Text(
        compute="_compute_warnings",
        help="What the template leaves undefined: weights that do not add up "
        "to the maximum, tier bands with gaps or overlaps.",
    )
    sheet_count = fields.Integer(
        string="Sheets",
        compute="_compute_sheet_count",
    )
    # Eligibility (issue 12 item 2, 004-M0).
    exclude_probation = fields.Boolean(
        string="Exclude Staff on Probation",
        help="Employees whose running contract's trial period ends after the "
        "period get no sheet (004-M0: staff on probation are not appraised).",
    )

    @api.depends(
        "maximum",
        "line_ids.weight",
        "line_ids.name",
        "line_ids.tier_warning",
        "line_ids.in_total",
    )
    def _compute_warnings(self):
        for template in self:
            # Lines shown but not added to the total have no share of it.
            total = round(
                sum(template.line_ids.filtered("in_total").mapped("weight")),
                kpi_rules.DIGITS,
            )
            template.weight_total = total
            warnings = []
            if template.line_ids and total != template.maximum:
                warnings.append(
                    self.env._(
                        "The weights add up to %(total)s, not to the maximum "
                        "%(maximum)s.",
                        total=format(total, "g"),
                        maximum=format(template.maximum, "g"),
                    )
                )
            warnings += [
                self.env._(
                    "%(line)s: %(warning)s", line=line.name, warning=line.tier_warning
                )
                for line in template.line_ids
                if line.tier_warning
            ]
            template.warning = "\n".join(warnings) or False

    def _compute_sheet_count(self):
        counts = dict(
            self.env["helpdesk.appraisal.sheet"]._read_group(
                [("template_id", "in", self.ids)], ["template_id"], ["__count"]
            )
        )
        for template in self:
            template.sheet_count = counts.get(template, 0)

    # Periods and employees -------------------------------------------------

    def _period_start(self, day):
        """First day of the template's period that ``day`` lies in."""
        self.ensure_one()
        return period_start(day, self.period_type)

    def _period_months(self, start):
        """The first days of the months of the period starting ``start``."""
        self.ensure_one()
        return [
            start + relativedelta(months=index)
            for index in range(PERIOD_MONTHS[self.period_type])
        ]

    def _applicable_employees(self):
        """The active employees of the company the template applies to, in
        one search."""
        self.ensure_one()
        return self._employees_in_scope()

    def _generation_scope(self, month):
        """``(employees, left_out)`` of the period starting ``month``: the
        employees the template's sheets are generated for, and those it
        applies to but leaves out while on probation."""
        applicable = self._applicable_employees()
        left_out = self._probation_employees(applicable, month)
        return applicable - left_out, left_out

    def _probation_employees(self, employees, month):
        """The ``employees`` on probation during the period starting
        ``month``, when the template excludes them: their running contract's
        trial period ends after the period's last day. One search."""
        self.ensure_one()
        if not self.exclude_probation:
            return employees.browse()
        period_end = self._period_months(month)[-1] + relativedelta(months=1, days=-1)
        # Contracts are HR data: whom the template leaves out is its business.
        contracts = (
            self.env["hr.contract"]
            .sudo()
            .search(
                [
                    ("employee_id", "in", employees.ids),
                    ("state", "=", "open"),
                    ("trial_date_end", ">", period_end),
                ]
            )
        )
        return employees & contracts.employee_id.sudo(False)

    def _referenced_templates(self):
        """The templates whose sheets these templates' sheets read, directly
        or through others (never the templates themselves, see the lines'
        check)."""
        referenced = self.browse()
        templates = self
        while templates:
            templates = (
                templates.line_ids.filtered(
                    lambda line: line._uses_sheets()
                ).source_template_id
                - referenced
                - self
            )
            referenced |= templates
        return referenced

    def action_view_sheets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_engineer_appraisal.helpdesk_appraisal_sheet_action"
        )
        action["domain"] = [("template_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
