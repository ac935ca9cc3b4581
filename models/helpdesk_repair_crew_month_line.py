# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .. import piece_rate_rules
from .helpdesk_appraisal_input_mixin import Bounds
from .helpdesk_repair_crew_member import CREW_ROLE_SELECTION
from .helpdesk_repair_crew_month import COMPUTED_WRITE, STATE_APPROVED, format_number

# Announced extra rewards and penalties (通报奖惩) of a month, in points.
MAX_MERIT_POINTS = 1000


class HelpdeskRepairCrewMonthLine(models.Model):
    """A member's part of a crew's month: their share of the crew's amount,
    their merit points (seed 004-F11) and the moonlighting veto (004-F13)
    that cancels their month. The member's role and share are the crew's
    while the month is a draft."""

    _name = "helpdesk.repair.crew.month.line"
    _description = "Repair Crew Month Member"
    _inherit = ["helpdesk.appraisal.input.mixin"]
    _order = "month_id, role desc, id"
    _appraisal_bounds = {
        "merit_points": Bounds(-MAX_MERIT_POINTS, MAX_MERIT_POINTS),
        "share": Bounds(0, 100),
        "share_amount": Bounds(-1e9, 1e9),
        "merit_amount": Bounds(-1e9, 1e9),
        "amount": Bounds(-1e9, 1e9),
    }
    # Written by the month's own methods only.
    _COMPUTED_FIELDS = (
        "month_id",
        "employee_id",
        "role",
        "share",
        "share_amount",
        "merit_amount",
        "base_percent",
        "amount",
        "share_explanation",
        "merit_explanation",
    )
    # Changing these recomputes the draft month.
    _INPUT_FIELDS = ("merit_points", "moonlighting_veto")

    month_id = fields.Many2one(
        comodel_name="helpdesk.repair.crew.month",
        string="Crew Month",
        required=True,
        index=True,
        ondelete="cascade",
    )
    month = fields.Date(related="month_id.month", store=True, index=True)
    company_id = fields.Many2one(related="month_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="month_id.currency_id")
    state = fields.Selection(related="month_id.state")
    employee_id = fields.Many2one(
        comodel_name="hr.employee", required=True, index=True, readonly=True
    )
    role = fields.Selection(selection=CREW_ROLE_SELECTION, readonly=True)
    share = fields.Float(string="Share (%)", readonly=True, digits=(16, 2))
    merit_points = fields.Float(
        help="Announced extra reward (positive) or penalty (negative) points: "
        "each is worth one unit at the month's rate per unit.",
    )
    moonlighting_veto = fields.Boolean(
        help="The member was found moonlighting: their piece rate and merit "
        "points of the month are cancelled.",
    )
    moonlighting_reason = fields.Text(string="Moonlighting Found")
    share_amount = fields.Monetary(string="Share of the Crew Amount", readonly=True)
    merit_amount = fields.Monetary(readonly=True)
    base_percent = fields.Float(
        string="Percent of Base", readonly=True, aggregator=None
    )
    amount = fields.Monetary(readonly=True)
    share_explanation = fields.Text(readonly=True)
    merit_explanation = fields.Text(readonly=True)

    _sql_constraints = [
        (
            "month_employee_unique",
            "UNIQUE(month_id, employee_id)",
            "A member has a single line per crew month.",
        ),
    ]

    @api.constrains("moonlighting_veto", "moonlighting_reason")
    def _check_moonlighting_reason(self):
        for line in self:
            if line.moonlighting_veto and not (line.moonlighting_reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "Say what moonlighting of %(employee)s was found.",
                        employee=line.employee_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_computed()
        return super().create(vals_list)

    def write(self, vals):
        computed = self.env.context.get("crew_month_computed_write") is COMPUTED_WRITE
        if not computed:
            if not self.env.su and set(vals) & set(self._COMPUTED_FIELDS):
                self._check_computed()
            if any(line.month_id.state == STATE_APPROVED for line in self):
                raise UserError(
                    self.env._(
                        "The members of an approved piece-rate month are "
                        "read-only; an appraisal manager may reopen it with a "
                        "reason."
                    )
                )
        res = super().write(vals)
        if not computed and set(vals) & set(self._INPUT_FIELDS):
            self.month_id._refresh()
        return res

    def unlink(self):
        self._check_computed()
        return super().unlink()

    def _check_computed(self):
        if self.env.su:
            return
        if self.env.context.get("crew_month_computed_write") is not COMPUTED_WRITE:
            raise AccessError(
                self.env._(
                    "The members of a piece-rate month, their roles, shares "
                    "and amounts follow the crew: change the crew, then refresh "
                    "the month."
                )
            )

    def _computed_write(self, vals):
        return self.with_context(crew_month_computed_write=COMPUTED_WRITE).write(vals)

    def _computed_create(self, vals_list):
        return self.with_context(crew_month_computed_write=COMPUTED_WRITE).create(
            vals_list
        )

    def _computed_unlink(self):
        return self.with_context(crew_month_computed_write=COMPUTED_WRITE).unlink()

    def _apply_crew_result(self, crew):
        """The member's part of ``crew`` (a ``piece_rate_rules.CrewResult``),
        with its formula."""
        self.ensure_one()
        part = piece_rate_rules.member_result(
            crew, self.share, self.merit_points, self.moonlighting_veto
        )
        if part.vetoed:
            share_explanation = self.env._(
                "Moonlighting veto: the month's piece rate and merit points are "
                "cancelled (%(reason)s).",
                reason=self.moonlighting_reason,
            )
        elif crew.mode == piece_rate_rules.MODE_TOO_FEW_RETURNS:
            share_explanation = self.env._(
                "Too few returns: %(percent)s %% of the member's own base.",
                percent=format_number(part.base_percent),
            )
        else:
            share_explanation = self.env._(
                "%(share)s %% of %(crew_amount)s = %(amount)s.",
                share=format_number(part.share),
                crew_amount=format_number(crew.amount),
                amount=format_number(part.share_amount),
            )
        merit_explanation = False
        if part.merit_points and not part.vetoed:
            merit_explanation = self.env._(
                "%(points)s merit points x %(rate)s per unit = %(amount)s.",
                points=format_number(part.merit_points),
                rate=format_number(crew.unit_rate),
                amount=format_number(part.merit_amount),
            )
        self._computed_write(
            {
                "share_amount": part.share_amount,
                "merit_amount": part.merit_amount,
                "base_percent": part.base_percent,
                "amount": part.amount,
                "share_explanation": share_explanation,
                "merit_explanation": merit_explanation,
            }
        )

    def _pay_terms(self):
        """The pay terms of the member's month (see
        ``helpdesk.repair.crew.month._pay_terms_by_employee_month``)."""
        self.ensure_one()
        if self.moonlighting_veto:
            label = self.env._("Moonlighting veto")
        elif self.month_id.mode == piece_rate_rules.MODE_TOO_FEW_RETURNS:
            label = self.env._("Piece rate: too few returns")
        elif self.month_id.mode == piece_rate_rules.MODE_SHORTFALL:
            label = self.env._("Piece rate: under quota")
        else:
            label = self.env._("Piece rate: over quota")
        terms = [
            {
                "amount": self.share_amount,
                "base_percent": self.base_percent,
                "label": label,
                "explanation": "\n".join(
                    (self.month_id.explanation or "", self.share_explanation or "")
                ),
            }
        ]
        if self.merit_explanation:
            terms.append(
                {
                    "amount": self.merit_amount,
                    "base_percent": 0.0,
                    "label": self.env._("Merit points"),
                    "explanation": self.merit_explanation,
                }
            )
        return terms
