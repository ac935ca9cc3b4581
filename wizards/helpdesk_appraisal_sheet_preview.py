# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class HelpdeskAppraisalSheetPreview(models.TransientModel):
    """What a template gives one employee for one period, computed as a
    sheet would be and shown without creating or changing any record: the
    template editor's check of its lines before sheets are generated."""

    _name = "helpdesk.appraisal.sheet.preview"
    _description = "KPI Sheet Preview"
    _rec_name = "template_id"
    _inherit = ["helpdesk.appraisal.input.mixin"]

    template_id = fields.Many2one(
        comodel_name="helpdesk.appraisal.sheet.template",
        required=True,
        domain="[('company_id', 'in', allowed_company_ids)]",
    )
    employee_id = fields.Many2one(
        comodel_name="hr.employee",
        required=True,
        domain="[('company_id', 'in', allowed_company_ids)]",
    )
    day = fields.Date(
        string="Period",
        required=True,
        default=lambda self: self.env["helpdesk.engineer.appraisal"]._last_month(),
        help="Any day of the month, quarter or year to preview.",
    )
    period_label = fields.Char(string="Period Shown", compute="_compute_preview")
    maximum = fields.Float(compute="_compute_preview")
    total_score = fields.Float(string="Total", compute="_compute_preview")
    grade_id = fields.Many2one(
        comodel_name="helpdesk.appraisal.grade.scale.line",
        compute="_compute_preview",
    )
    preview_html = fields.Html(
        string="Lines",
        compute="_compute_preview",
        sanitize=False,
        help="Each line's actual value, target, points and formula.",
    )

    @api.depends("template_id", "employee_id", "day")
    def _compute_preview(self):
        for preview in self:
            values = preview._preview_values()
            if not values:
                preview.update(
                    {
                        "period_label": False,
                        "maximum": 0.0,
                        "total_score": 0.0,
                        "grade_id": False,
                        "preview_html": False,
                    }
                )
                continue
            preview.update(
                {
                    "period_label": values["period_label"],
                    "maximum": values["maximum"],
                    "total_score": values["total"],
                    "grade_id": values["grade"].id,
                    "preview_html": self.env["ir.qweb"]._render(
                        "helpdesk_engineer_appraisal.helpdesk_appraisal_sheet_preview_lines",
                        {
                            "lines": values["lines"],
                            "metrics": dict(
                                self.env["helpdesk.appraisal.sheet.line"]
                                ._fields["metric"]
                                ._description_selection(self.env)
                            ),
                        },
                    ),
                }
            )

    def _preview_values(self):
        """The lines, total and grade a sheet of the template would have for
        the employee and the period, as ``{'lines': [values of a sheet line],
        'total', 'maximum', 'grade', 'period_label'}`` (``{}`` until the three
        are chosen). Nothing is created or written: the numbers are those the
        sheets' own computation gives a new sheet (its company's settings,
        targets read from other metrics, the lines added to the total), and
        manual lines count as not scored yet."""
        self.ensure_one()
        if not (self.template_id and self.employee_id and self.day):
            return {}
        # A preview counts facts the template's editor may not read, as the
        # sheets do, and computes a new sheet as generation does.
        template = self.template_id.sudo()
        month = template._period_start(self.day)
        sheet_model = self.env["helpdesk.appraisal.sheet"].sudo()
        line_model = self.env["helpdesk.appraisal.sheet.line"]
        ((sheet_vals, lines_vals),) = sheet_model._numbers_of(
            [(template, self.employee_id, month, sheet_model)]
        )
        return {
            "lines": [
                {
                    **line_vals,
                    # The label in the reader's language.
                    "name": line_vals["name"].get(self.env.lang)
                    or line_vals["name"]["en_US"],
                    "formula": line_model._formula_of(line_vals["formula_numbers"]),
                }
                for _template_line, line_vals in lines_vals
            ],
            "total": sheet_vals["total_score"],
            "maximum": sheet_vals["maximum"],
            "grade": self.env["helpdesk.appraisal.grade.scale.line"].browse(
                sheet_vals["grade_id"]
            ),
            # The period's label as the sheet shows it.
            "period_label": sheet_model.new(
                {"month": month, "period_type": template.period_type}
            ).period_label,
        }
