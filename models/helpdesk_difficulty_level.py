# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .. import scoring
from .helpdesk_appraisal_input_mixin import Bounds


class HelpdeskDifficultyLevel(models.Model):
    _name = "helpdesk.difficulty.level"
    _description = "Service Order Difficulty Level"
    _inherit = ["helpdesk.appraisal.input.mixin"]
    _order = "sequence, points, id"
    _appraisal_bounds = {
        # Greater than zero: the SQL constraint says so.
        "points": Bounds(None, 100),
        "sequence": Bounds(-scoring.INTEGER_MAX - 1, None),
    }

    name = fields.Char(required=True, translate=True)
    points = fields.Float(
        required=True,
        digits=(16, 2),
        help="Points a service order of this difficulty is worth; a standard "
        "order is worth 1.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        default=lambda self: self.env.company,
        help="Leave empty to share the level between all companies.",
    )

    _sql_constraints = [
        (
            "points_positive",
            "CHECK(points > 0)",
            "The points of a difficulty level must be greater than zero.",
        ),
    ]

    @api.depends("name", "points")
    def _compute_display_name(self):
        for level in self:
            level.display_name = f"{level.name} ({level.points:g})"

    @api.constrains("points", "company_id", "active")
    def _check_points_unique_per_company(self):
        """Two active levels worth the same points in one company are ambiguous.

        A shared level (no company) collides with the levels of every company.
        """
        levels = self.with_context(active_test=True).search(
            [("points", "in", self.mapped("points"))]
        )
        for level in self.filtered("active"):
            clash = levels.filtered(
                lambda other, level=level: other != level
                and other.points == level.points
                and (
                    not other.company_id
                    or not level.company_id
                    or other.company_id == level.company_id
                )
            )
            if clash:
                raise ValidationError(
                    self.env._(
                        "The difficulty levels %(level)s and %(other)s are worth "
                        "the same points in the same company.",
                        level=level.display_name,
                        other=clash[0].display_name,
                    )
                )
