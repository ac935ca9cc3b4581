# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .. import kpi_rules


class HelpdeskAppraisalGradeScale(models.Model):
    """A table of grades by lowest total, chosen by each KPI sheet template
    (KPI_SPEC Q12): the five bands 90/80/60/40 of today's appraisal, A-D ..."""

    _name = "helpdesk.appraisal.grade.scale"
    _description = "Appraisal Grade Scale"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        index=True,
        help="Leave empty to share the scale between companies.",
    )
    line_ids = fields.One2many(
        comodel_name="helpdesk.appraisal.grade.scale.line",
        inverse_name="scale_id",
        string="Grades",
        copy=True,
    )

    def _grade_of(self, total, company=None):
        """The grade line ``total`` reaches on this scale (empty below every
        line), for a sheet of ``company`` when its lines read the company's
        settings."""
        self.ensure_one()
        code = kpi_rules.grade_from_scale(
            total,
            [(line._lowest_total(company), line.id) for line in self.line_ids],
        )
        return self.line_ids.browse(code or [])
