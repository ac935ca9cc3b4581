# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskAppraisalGradeScaleLine(models.Model):
    """One grade of a scale: the totals from ``lowest_total`` up to the next
    grade's lowest total get it."""

    _name = "helpdesk.appraisal.grade.scale.line"
    _inherit = ["helpdesk.appraisal.input.mixin"]
    _description = "Appraisal Grade"
    _order = "scale_id, lowest_total desc"

    scale_id = fields.Many2one(
        comodel_name="helpdesk.appraisal.grade.scale",
        required=True,
        index=True,
        ondelete="cascade",
    )
    code = fields.Char(
        required=True,
        help="Short name of the grade in exports, e.g. A or excellent.",
    )
    name = fields.Char(string="Grade", required=True, translate=True)
    lowest_total = fields.Float(
        required=True,
        help="A sheet whose total reaches this value gets the grade (unless it "
        "reaches a higher grade).",
    )
    setting = fields.Selection(
        selection="_selection_setting",
        string="From Company Setting",
        help="The lowest total is read from this setting of the sheet's "
        "company, as the monthly appraisal's grades are (the five bands).",
    )

    _sql_constraints = [
        (
            "scale_code_unique",
            "UNIQUE(scale_id, code)",
            "Each grade of a scale has its own code.",
        ),
        (
            "scale_lowest_total_unique",
            "UNIQUE(scale_id, lowest_total)",
            "Two grades of a scale cannot start at the same total.",
        ),
    ]

    @api.model
    def _selection_setting(self):
        """The company's grade band settings, by their label."""
        return [
            (name, field._description_string(self.env))
            for name, field in self.env["res.company"]._fields.items()
            if name.startswith("appraisal_grade_") and field.type == "float"
        ]

    @api.constrains("setting")
    def _check_setting(self):
        settings = dict(self._selection_setting())
        for line in self:
            if line.setting and line.setting not in settings:
                raise ValidationError(
                    self.env._(
                        "Grade %(grade)s: the lowest total is read from a grade "
                        "band setting of the company, not from %(setting)s.",
                        grade=line.name,
                        setting=line.setting,
                    )
                )

    def _lowest_total(self, company):
        """The lowest total of the grade for a sheet of ``company``."""
        self.ensure_one()
        if company and self.setting:
            # The grade bands count for every reader of a sheet.
            return company.sudo()[self.setting]
        return self.lowest_total
