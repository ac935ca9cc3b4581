# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    service_area_id = fields.Many2one(
        comodel_name="helpdesk.service.area",
        index="btree_not_null",
        ondelete="set null",
        help="Service area that maintains this customer's devices. Service "
        "orders of the customer and of its contacts belong to this area.",
    )
