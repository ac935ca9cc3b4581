# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def post_init_hook(env):
    """Orders that exist before the module: their first assignment and first
    closing come from their tracked history, where it exists."""
    env["helpdesk.ticket"]._backfill_timeliness_facts()
