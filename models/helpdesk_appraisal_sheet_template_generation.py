# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta
from psycopg2 import errors

from odoo import api, fields, models


class HelpdeskAppraisalSheetTemplate(models.Model):
    """The template editor's preview and the daily generation of the sheets
    of the templates marked *Generate Automatically*."""

    _inherit = "helpdesk.appraisal.sheet.template"

    auto_generate = fields.Boolean(
        string="Generate Automatically",
        help="Every night, create the missing sheets of the current period "
        "for everyone the template applies to and refresh those not done.",
    )

    def action_preview(self):
        """The preview of a sheet of this template, on an employee and a
        period chosen in the dialog."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_engineer_appraisal.helpdesk_appraisal_sheet_preview_action"
        )
        action["context"] = {"default_template_id": self.id}
        return action

    @api.model
    def _cron_generate_sheets(self):
        """Generate the current period's sheets of every active template
        marked *Generate Automatically*, each period as the day falls in its
        company's appraisal time zone. A template a manager generates at the
        same moment is run again a minute later (see ``lock_generation``)."""
        sheet_model = self.env["helpdesk.appraisal.sheet"]
        retry = False
        for template in self.search([("auto_generate", "=", True)]):
            try:
                with self.env.cr.savepoint():
                    sheet_model.with_company(template.company_id)._generate(
                        template, template.company_id._appraisal_today()
                    )
            except errors.SerializationFailure:
                retry = True
        if retry:
            self.env.ref(
                "helpdesk_engineer_appraisal.helpdesk_appraisal_sheet_template_cron_generate"
            )._trigger(fields.Datetime.now() + relativedelta(minutes=1))
