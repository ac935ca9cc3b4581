# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


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

    def _bands_of(self, company=None):
        """The scale for a sheet of ``company`` (its lines may read the
        company's settings), as ``kpi_rules.grade_from_scale`` takes it:
        ``[(lowest total, grade line id)]``."""
        self.ensure_one()
        return [(line._lowest_total(company), line.id) for line in self.line_ids]
