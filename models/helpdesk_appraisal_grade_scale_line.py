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
    setting_field_id = fields.Many2one(
        comodel_name="ir.model.fields",
        string="From Company Setting",
        ondelete="set null",
        domain=[
            ("model", "=", "res.company"),
            ("name", "=like", "appraisal_grade_%"),
            ("ttype", "=", "float"),
        ],
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

    @api.constrains("setting_field_id")
    def _check_setting_field(self):
        for line in self:
            field = line.setting_field_id
            if field and (
                field.model != "res.company"
                or not field.name.startswith("appraisal_grade_")
                or field.ttype != "float"
            ):
                raise ValidationError(
                    self.env._(
                        "Grade %(grade)s: the lowest total is read from a grade "
                        "band setting of the company, not from %(setting)s.",
                        grade=line.name,
                        setting=field.field_description,
                    )
                )

    def _lowest_total(self, company):
        """The lowest total of the grade for a sheet of ``company``."""
        self.ensure_one()
        if company and self.setting_field_id:
            # The grade bands count for every reader of a sheet.
            return company.sudo()[self.setting_field_id.sudo().name]
        return self.lowest_total
