# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HelpdeskAppraisalSheetGenerate(models.TransientModel):
    _name = "helpdesk.appraisal.sheet.generate"
    _description = "Generate KPI Sheets"
    _inherit = ["helpdesk.appraisal.input.mixin"]

    template_id = fields.Many2one(
        comodel_name="helpdesk.appraisal.sheet.template",
        required=True,
        domain="[('company_id', 'in', allowed_company_ids)]",
    )
    day = fields.Date(
        string="Period",
        required=True,
        default=lambda self: self.env["helpdesk.engineer.appraisal"]._last_month(),
        help="Any day of the month, quarter or year to appraise.",
    )

    def action_generate(self):
        self.ensure_one()
        template = self.template_id
        scope = template._generation_scope(template._period_start(self.day))
        sheets = self.env["helpdesk.appraisal.sheet"]._generate(
            template, self.day, scope
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_engineer_appraisal.helpdesk_appraisal_sheet_action"
        )
        action["domain"] = [("id", "in", sheets.ids)]
        action["context"] = {}
        _employees, left_out = scope
        if left_out:
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "info",
                    "message": self.env._(
                        "%(count)s employee(s) on probation left out.",
                        count=len(left_out),
                    ),
                    "next": action,
                },
            }
        return action
