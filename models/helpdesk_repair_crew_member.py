# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .. import piece_rate_rules
from .helpdesk_appraisal_input_mixin import Bounds

CREW_ROLE_SELECTION = [
    (piece_rate_rules.ROLE_ENGINEER, "Repair Engineer"),
    (piece_rate_rules.ROLE_ASSISTANT, "Assistant"),
]


class HelpdeskRepairCrewMember(models.Model):
    """A member of a repair crew, with their role and share of the crew's
    amount (seed 004-F10): the company's split for the crew's composition
    unless changed by hand."""

    _name = "helpdesk.repair.crew.member"
    _description = "Repair Crew Member"
    _inherit = ["helpdesk.appraisal.input.mixin"]
    _order = "crew_id, role desc, id"
    _check_company_auto = True
    _appraisal_bounds = {"share": Bounds(0, 100)}

    crew_id = fields.Many2one(
        comodel_name="helpdesk.repair.crew",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        related="crew_id.company_id", store=True, index=True, precompute=True
    )
    employee_id = fields.Many2one(
        comodel_name="hr.employee",
        required=True,
        index=True,
        check_company=True,
    )
    role = fields.Selection(
        selection=CREW_ROLE_SELECTION,
        required=True,
        default=piece_rate_rules.ROLE_ENGINEER,
    )
    share = fields.Float(
        string="Share (%)",
        digits=(16, 2),
        help="Percent of the crew's amount (bonus or deduction) the member "
        "receives. When the crew's composition changes, the company's split "
        "for it: 60/40, (3.5, 3.5, 3) or (3, 3, 4) parts of 10.",
    )

    _sql_constraints = [
        (
            "crew_employee_unique",
            "UNIQUE(crew_id, employee_id)",
            "An employee is a member of a crew once.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        members = super().create(vals_list)
        members.crew_id._members_changed(any("share" in vals for vals in vals_list))
        return members

    def write(self, vals):
        crews = self.crew_id
        res = super().write(vals)
        (crews | self.crew_id)._members_changed(
            "share" in vals or not {"role", "crew_id"} & vals.keys()
        )
        return res

    def unlink(self):
        crews = self.crew_id
        res = super().unlink()
        crews._members_changed(False)
        return res
