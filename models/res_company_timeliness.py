# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .. import scoring
from .helpdesk_appraisal_input_mixin import Bounds
from .res_company import ResCompany as AppraisalCompany


class ResCompany(models.Model):
    """How the company measures the timeliness and fix quality of its
    orders (KPI_SPEC G2, G3)."""

    _inherit = "res.company"
    _appraisal_bounds = {
        **AppraisalCompany._appraisal_bounds,
        "appraisal_response_target_minutes": Bounds(0, 100000, True),
        "appraisal_handling_target_days": Bounds(0, 365, True),
        "appraisal_rework_window_days": Bounds(0, 3650),
    }

    appraisal_response_event = fields.Selection(
        selection=[
            (scoring.RESPONSE_STAGE, "Leaving an unattended stage"),
            (scoring.RESPONSE_MESSAGE, "First message to the customer"),
            (scoring.RESPONSE_WORK_LOG, "First work log"),
        ],
        string="Response Event",
        required=True,
        default=scoring.RESPONSE_STAGE,
        help="What counts as the first response to an order: the order leaving "
        "an unattended stage, the first message an internal user sends to the "
        "customer, or the first work log on it.",
    )
    appraisal_response_target_minutes = fields.Float(
        string="Response Target (Working Minutes)",
        default=30.0,
        help="An order is responded to on time when its first response comes "
        "at most this many working minutes after the request.",
    )
    appraisal_handling_target_days = fields.Float(
        string="Handling Target (Working Days)",
        default=1.0,
        help="An order is handled in time when it is first closed at most this "
        "many working days (of the company's working hours) after the request.",
    )
    appraisal_rework_window_days = fields.Integer(
        string="Rework Window (Days)",
        default=30,
        help="An order reported as a rework of another within this many days "
        "of the original's first closing counts against the original's "
        "engineers, and the original is no first-time fix.",
    )

    def _appraisal_working_day_hours(self):
        """Hours of one working day of the company's calendar (24 without
        one: every hour counts)."""
        self.ensure_one()
        return self.resource_calendar_id.hours_per_day or 24.0
