# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


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
