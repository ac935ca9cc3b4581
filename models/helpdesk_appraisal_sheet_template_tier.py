# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .. import kpi_rules
from .helpdesk_appraisal_input_mixin import Bounds


class HelpdeskAppraisalSheetTemplateTier(models.Model):
    """A band of a K4 Tiers line: the values from ``low`` to ``high`` earn
    ``output`` points (002-C1: from 80 % to 90 % -> 8)."""

    _name = "helpdesk.appraisal.sheet.template.tier"
    _inherit = ["helpdesk.appraisal.input.mixin"]
    _description = "KPI Tier Band"
    _order = "line_id, sequence, id"

    _appraisal_bounds = {
        "low": Bounds(0.0, 1e9),
        "high": Bounds(0.0, 1e9),
        "output": Bounds(0.0, 1e6),
    }

    line_id = fields.Many2one(
        comodel_name="helpdesk.appraisal.sheet.template.line",
        required=True,
        index=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(
        default=10,
        help="A value two bands hold gets the output of the first band.",
    )
    low = fields.Float(string="From")
    low_unbounded = fields.Boolean(
        string="No Lower Bound",
        help="The band holds every value below its upper bound.",
    )
    low_inclusive = fields.Boolean(
        string="From Included",
        default=True,
    )
    high = fields.Float(string="To")
    high_unbounded = fields.Boolean(
        string="No Upper Bound",
        help="The band holds every value from its lower bound up.",
    )
    high_inclusive = fields.Boolean(
        string="To Included",
    )
    output = fields.Float(
        string="Points",
        help="What a value in the band earns, at most the line's weight.",
    )

    @api.constrains(
        "low",
        "high",
        "low_unbounded",
        "high_unbounded",
        "low_inclusive",
        "high_inclusive",
        "output",
    )
    def _check_band(self):
        for tier, band in zip(self, self._bands(), strict=True):
            if kpi_rules.band_is_empty(band):
                raise ValidationError(
                    self.env._(
                        "The band %(band)s of line %(line)s holds no value: its "
                        "lower bound must lie below its upper bound.",
                        band=tier._label(),
                        line=tier.line_id.name,
                    )
                )
            if tier.output > tier.line_id.weight:
                raise ValidationError(
                    self.env._(
                        "The band %(band)s of line %(line)s gives %(output)s "
                        "points, more than the line's weight %(weight)s.",
                        band=tier._label(),
                        line=tier.line_id.name,
                        output=format(tier.output, "g"),
                        weight=format(tier.line_id.weight, "g"),
                    )
                )

    def _bands(self):
        """The bands as ``kpi_rules.Band``, in the records' order."""
        return [
            kpi_rules.Band(
                None if tier.low_unbounded else tier.low,
                None if tier.high_unbounded else tier.high,
                tier.output,
                tier.low_inclusive,
                tier.high_inclusive,
            )
            for tier in self
        ]

    def _label(self):
        """The band as people write intervals: [80, 90)."""
        self.ensure_one()
        low = (
            "(-∞"
            if self.low_unbounded
            else (f"{'[' if self.low_inclusive else '('}{self.low:g}")
        )
        high = (
            "+∞)"
            if self.high_unbounded
            else (f"{self.high:g}{']' if self.high_inclusive else ')'}")
        )
        return f"{low}, {high}"
