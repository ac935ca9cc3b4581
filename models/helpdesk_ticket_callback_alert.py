# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from .. import scoring


class HelpdeskTicketCallback(models.Model):
    """A dissatisfied callback gives the supervisors of the order's engineers
    a to-do on the order, to follow the customer up."""

    _inherit = "helpdesk.ticket.callback"

    @api.model_create_multi
    def create(self, vals_list):
        callbacks = super().create(vals_list)
        callbacks._alert_supervisors()
        return callbacks

    def write(self, vals):
        was_dissatisfied = {
            callback.id
            for callback in self
            if callback.result == scoring.CALLBACK_DISSATISFIED
        }
        res = super().write(vals)
        if vals.get("result") == scoring.CALLBACK_DISSATISFIED:
            self.filtered(
                lambda callback: callback.id not in was_dissatisfied
            )._alert_supervisors()
        return res

    def _alert_supervisors(self):
        """One to-do per order and supervisor (the manager of one of the
        order's engineers), whatever the number of callbacks and engineers."""
        dissatisfied = self.filtered(
            lambda callback: callback.result == scoring.CALLBACK_DISSATISFIED
        )
        if not dissatisfied:
            return
        # Superuser: call-centre agents may not write orders nor read the
        # engineers' managers; the to-do goes to the supervisor, who may.
        todos = {}
        for callback in dissatisfied.sudo():
            ticket = callback.ticket_id
            for engineer in ticket._engineer_participants().employee_id:
                supervisor = engineer.parent_id.user_id
                if supervisor and (ticket, supervisor) not in todos:
                    todos[ticket, supervisor] = callback
        for (ticket, supervisor), callback in todos.items():
            ticket.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Dissatisfied customer: follow up"),
                note=self.env._(
                    "Callback of %(date)s on %(order)s: %(words)s",
                    date=callback.company_id._appraisal_local_day(callback.call_date),
                    order=ticket.display_name,
                    words=callback.customer_comment or "-",
                ),
                user_id=supervisor.id,
            )
