# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models

from .helpdesk_appraisal_metric import METRIC_FACTS, metric_parameters


class HelpdeskAppraisalSheetFact(models.Model):
    """A fact a done KPI sheet's line counted, kept as it was named then.

    The lines of a done sheet are frozen; the facts behind each are kept
    when the sheet becomes done, so that its drill-down lists what the line
    counted, whatever is recorded, changed or deleted later. Lighter than
    the monthly appraisal's kept facts: the fact sources of the metric
    catalogue have no common columns, so the record and its name are kept.
    """

    _name = "helpdesk.appraisal.sheet.fact"
    _description = "Counted KPI Sheet Fact"
    _order = "line_id, res_model, id"

    line_id = fields.Many2one(
        comodel_name="helpdesk.appraisal.sheet.line",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    sheet_id = fields.Many2one(
        related="line_id.sheet_id",
        store=True,
        index=True,
    )
    res_model = fields.Char(
        string="Fact Model",
        required=True,
        readonly=True,
    )
    res_id = fields.Many2oneReference(
        string="Record ID",
        model_field="res_model",
        required=True,
        readonly=True,
    )
    name = fields.Char(
        string="Fact",
        readonly=True,
        help="The fact's name when the sheet was done.",
    )
    source = fields.Char(
        string="Kind",
        compute="_compute_source",
        help="What kind of record the fact is.",
    )

    @api.depends_context("lang")
    @api.depends("res_model")
    def _compute_source(self):
        names = {
            model.model: model.name
            for model in self.env["ir.model"]
            .sudo()
            .search([("model", "in", list(set(self.mapped("res_model"))))])
        }
        for fact in self:
            fact.source = names.get(fact.res_model, fact.res_model)

    def action_open(self):
        """The fact's record as it is now, as far as the reader may read it."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    @api.model
    def _take(self, sheets):
        """Keep the facts behind the lines of the ``sheets``, in one batch:
        each fact source is read once per period whatever the number of
        sheets, and the facts are written in one create."""
        # The facts are read-only for everyone: only the workflow writes
        # them, and a sheet counts facts the approver may not read.
        sheets = sheets.sudo()
        lines_by_source = defaultdict(lambda: self.env["helpdesk.appraisal.sheet.line"])
        for sheet in sheets:
            months = tuple(sheet.template_id._period_months(sheet.month))
            for line in sheet.line_ids:
                if line.metric in METRIC_FACTS:
                    source = METRIC_FACTS[line.metric][0]
                    lines_by_source[source, months] |= line
        metric_model = self.env["helpdesk.appraisal.metric"]
        values = []
        for (source, months), lines in lines_by_source.items():
            facts = self.env[source]._facts_by_employee_month(
                lines.sheet_id.employee_id, months
            )
            none = self.env[source].sudo()
            for line in lines:
                employee_id = line.sheet_id.employee_id.id
                records = none.union(
                    *(facts.get((employee_id, month), none) for month in months)
                )
                counted = records.filtered_domain(
                    metric_model._facts_domain(
                        line.metric, months, metric_parameters(line)
                    )
                )
                values += [
                    {
                        "line_id": line.id,
                        "res_model": source,
                        "res_id": record.id,
                        "name": record.display_name,
                    }
                    for record in counted
                ]
        return self.sudo().create(values)
