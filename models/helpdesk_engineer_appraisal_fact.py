# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..const import APPRAISAL_DONE, KIND_ORDER_FORM, KIND_WORK_LOG
from ..scoring import CALLBACK_DISSATISFIED

KIND_COUNTED_ORDER = "counted_order"
KIND_DISSATISFIED_CALLBACK = "dissatisfied_callback"

# What a printed appraisal shows of a fact, stored or live alike.
ROW_FIELDS = (
    "kind",
    "order_reference",
    "customer_name",
    "detail",
    "date",
    "share",
    "points",
)


class HelpdeskEngineerAppraisalFact(models.Model):
    """A fact a done appraisal counted, kept as it was.

    The scores of a done appraisal are frozen; its facts are copied as plain
    values when it becomes done, so that a later review of a difficulty or a
    renamed customer cannot make the printed detail contradict the score.
    """

    _name = "helpdesk.engineer.appraisal.fact"
    _description = "Counted Appraisal Fact"
    _inherit = ["helpdesk.appraisal.input.mixin"]
    _order = "appraisal_id, kind, id"

    appraisal_id = fields.Many2one(
        comodel_name="helpdesk.engineer.appraisal",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    kind = fields.Selection(
        selection=[
            (KIND_COUNTED_ORDER, "Counted Service Order"),
            (KIND_DISSATISFIED_CALLBACK, "Dissatisfied Callback"),
            (KIND_WORK_LOG, "Unqualified Work Log"),
            (KIND_ORDER_FORM, "Unqualified Service Order Form"),
        ],
        required=True,
        readonly=True,
    )
    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Service Order",
        ondelete="set null",
        readonly=True,
    )
    order_reference = fields.Char(
        string="Order",
        readonly=True,
        help="The number of the service order when the appraisal was done.",
    )
    customer_name = fields.Char(
        string="Customer",
        readonly=True,
    )
    detail = fields.Text(
        readonly=True,
        help="The final difficulty of a counted order, the customer's words of "
        "a callback, the reason of a finding.",
    )
    difficulty_id = fields.Many2one(
        comodel_name="helpdesk.difficulty.level",
        string="Final Difficulty",
        ondelete="set null",
        readonly=True,
        help="The final difficulty of a counted order: its name shows in the "
        "reader's language.",
    )
    detail_label = fields.Char(
        string="Details",
        compute="_compute_detail_label",
        help="The final difficulty of a counted order in your language, the "
        "customer's words of a callback, the reason of a finding.",
    )
    date = fields.Date(
        readonly=True,
        help="When the order was closed, the customer called or the finding made.",
    )
    share = fields.Float(
        readonly=True,
        aggregator=None,
    )
    points = fields.Float(
        readonly=True,
    )

    @api.depends_context("lang")
    @api.depends("detail", "difficulty_id.name")
    def _compute_detail_label(self):
        for fact in self:
            fact.detail_label = fact.difficulty_id.name or fact.detail

    def _row(self):
        row = {name: self[name] for name in ROW_FIELDS}
        # The level's name in the reader's language, not the approver's.
        row["detail"] = self.detail_label
        return row

    @api.model
    def _live_values(self, appraisals):
        """The facts the appraisals count now, as values of this model.

        Read through the fact sources of the credits, callbacks and findings,
        each in one batch for all the appraisals whatever their number, as
        the scores count them.
        """
        counted = appraisals._credits_by_appraisal(valid_only=True)
        callbacks = appraisals._facts_by_appraisal("helpdesk.ticket.callback")
        findings = appraisals._facts_by_appraisal("helpdesk.quality.finding")
        values = []
        for appraisal in appraisals:
            for credit in counted[appraisal.id]:
                ticket = credit.ticket_id
                values.append(
                    {
                        "appraisal_id": appraisal.id,
                        "kind": KIND_COUNTED_ORDER,
                        "ticket_id": ticket.id,
                        "order_reference": ticket.number,
                        "customer_name": ticket.partner_id.display_name or False,
                        "detail": ticket.difficulty_id.name,
                        "difficulty_id": ticket.difficulty_id.id,
                        "date": ticket.appraisal_closed_day,
                        "share": credit.share,
                        "points": credit.points,
                    }
                )
            for callback in callbacks[appraisal.id]:
                if callback.result != CALLBACK_DISSATISFIED:
                    continue
                ticket = callback.ticket_id
                values.append(
                    {
                        "appraisal_id": appraisal.id,
                        "kind": KIND_DISSATISFIED_CALLBACK,
                        "ticket_id": ticket.id,
                        "order_reference": ticket.number,
                        "customer_name": ticket.partner_id.display_name or False,
                        "detail": callback.customer_comment,
                        "date": callback.call_day,
                        "share": 0.0,
                        "points": 0.0,
                    }
                )
            for finding in findings[appraisal.id]:
                ticket = finding.ticket_id
                values.append(
                    {
                        "appraisal_id": appraisal.id,
                        "kind": finding.kind,
                        "ticket_id": ticket.id,
                        "order_reference": ticket.number,
                        "customer_name": ticket.partner_id.display_name or False,
                        "detail": finding.reason,
                        "date": finding.date,
                        "share": 0.0,
                        "points": 0.0,
                    }
                )
        return values

    @api.model
    def _take(self, appraisals):
        """Keep the facts the appraisals count now, in one batch."""
        # The facts are read-only for everyone: only the workflow writes
        # them, and it counts every fact of the month, also those the user
        # approving the appraisal cannot read.
        fact_model = self.sudo()
        return fact_model.create(fact_model._live_values(appraisals.sudo()))

    @api.model
    def _rows_by_appraisal(self, appraisals):
        """What each appraisal prints, as ``{appraisal_id: {kind: [row]}}``.

        A done appraisal prints the facts it kept, the others the facts they
        count now; both as the same plain rows.
        """
        rows = {
            appraisal.id: {kind: [] for kind, _label in self._kind_selection()}
            for appraisal in appraisals
        }
        done = appraisals.filtered(lambda appraisal: appraisal.state == APPRAISAL_DONE)
        for fact in self.search([("appraisal_id", "in", done.ids)]):
            rows[fact.appraisal_id.id][fact.kind].append(fact._row())
        for vals in self._live_values(appraisals - done):
            rows[vals["appraisal_id"]][vals["kind"]].append(
                {name: vals[name] for name in ROW_FIELDS}
            )
        return rows

    def _kind_selection(self):
        return self._fields["kind"]._description_selection(self.env)
