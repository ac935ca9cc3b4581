# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class HelpdeskEngineerAppraisal(models.Model):
    _inherit = "helpdesk.engineer.appraisal"

    def _schedule_team_todos(self):
        """One to-do per supervisor for the new drafts of their team, on the
        first of them (by engineer), instead of one per appraisal. Like every
        to-do of an appraisal, sending that draft on closes it."""
        # Superuser: the supervisor's user is HR data an appraisal manager
        # may not read.
        by_supervisor = self.sudo().grouped(
            lambda appraisal: appraisal.supervisor_id.user_id
        )
        for supervisor, drafts in by_supervisor.items():
            if not supervisor:
                continue
            drafts = drafts.sorted(lambda appraisal: appraisal.employee_id.name or "")
            months = sorted({draft.month.strftime("%Y-%m") for draft in drafts})
            drafts[0].with_env(self.env).activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._(
                    "Prepare the %(count)s appraisals of your team (%(months)s)",
                    count=len(drafts),
                    months=", ".join(months),
                ),
                note=self.env._(
                    "Drafts to check and send to the engineers: %(names)s. "
                    "Find them in Monthly Appraisals.",
                    names=", ".join(drafts.employee_id.mapped("name")),
                ),
                user_id=supervisor.id,
            )
