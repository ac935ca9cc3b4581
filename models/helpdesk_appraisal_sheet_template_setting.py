# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .helpdesk_appraisal_input_mixin import Bounds

# The parameters of a template line a company setting may give.
PARAMETER_SELECTION = [
    ("weight", "Weight"),
    ("target", "Target"),
    ("cap", "Cap"),
    ("start", "Start"),
    ("per_unit", "Points per Unit"),
    ("floor", "Floor"),
    ("in_total", "Added to the Total"),
]
# The parameters that take a yes/no setting; the others take numbers.
BOOLEAN_PARAMETERS = ("in_total",)
# Only the addon's own settings: a template shows what it reads.
SETTING_PREFIX = "appraisal_"


class HelpdeskAppraisalSheetTemplateSetting(models.Model):
    """A parameter of a KPI template line read from a setting of the sheet's
    company (``res.company``), times a factor: the monthly appraisal's
    workload maximum, or -1 x its deduction per dissatisfied callback as the
    points per unit. The sheets follow the settings as the monthly appraisal
    does."""

    _name = "helpdesk.appraisal.sheet.template.setting"
    _inherit = ["helpdesk.appraisal.input.mixin"]
    _description = "KPI Line Parameter from a Company Setting"
    _order = "line_id, id"

    _appraisal_bounds = {"factor": Bounds(-1e6, 1e6)}

    line_id = fields.Many2one(
        comodel_name="helpdesk.appraisal.sheet.template.line",
        required=True,
        index=True,
        ondelete="cascade",
    )
    parameter = fields.Selection(
        selection=PARAMETER_SELECTION,
        required=True,
    )
    setting = fields.Selection(
        selection="_selection_setting",
        string="Company Setting",
        required=True,
    )
    factor = fields.Float(
        default=1.0,
        help="The setting is multiplied by this number: -1 turns a deduction "
        "per unit into negative points per unit.",
    )

    _sql_constraints = [
        (
            "line_parameter_unique",
            "UNIQUE(line_id, parameter)",
            "A parameter of a line is read from a single setting.",
        ),
    ]

    @api.model
    def _selection_setting(self):
        """The appraisal settings of the company that hold a number or a
        yes/no, by their label."""
        return sorted(
            (
                (name, field._description_string(self.env))
                for name, field in self.env["res.company"]._fields.items()
                if name.startswith(SETTING_PREFIX)
                and field.type in ("float", "integer", "boolean")
            ),
            key=lambda item: item[1],
        )

    @api.constrains("parameter", "setting")
    def _check_setting(self):
        settings = dict(self._selection_setting())
        company_fields = self.env["res.company"]._fields
        for setting in self:
            expected = setting.parameter in BOOLEAN_PARAMETERS
            if setting.setting not in settings or expected != (
                company_fields[setting.setting].type == "boolean"
            ):
                labels = dict(
                    self._fields["parameter"]._description_selection(self.env)
                )
                raise ValidationError(
                    self.env._(
                        "Line %(line)s: the parameter %(parameter)s takes an "
                        "appraisal setting of the company holding %(kind)s, "
                        "not %(setting)s.",
                        line=setting.line_id.name,
                        parameter=labels[setting.parameter],
                        kind=self.env._("yes or no")
                        if setting.parameter in BOOLEAN_PARAMETERS
                        else self.env._("a number"),
                        setting=settings.get(setting.setting, setting.setting),
                    )
                )

    def _values(self, company):
        """``{parameter: value}`` of these settings for ``company``."""
        # The settings count for every reader of a sheet.
        company = company.sudo()
        return {
            setting.parameter: company[setting.setting]
            if setting.parameter in BOOLEAN_PARAMETERS
            else company[setting.setting] * setting.factor
            for setting in self.sudo()
        }
