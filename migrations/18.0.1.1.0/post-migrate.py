# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The appraisal stores the numbers of its explanations (P / S before the
cap, the components' sum before the 0-100 bounds, whether the cap and the
bounds applied) as the scoring returns them. Give the appraisals computed
before them those numbers, from the numbers they kept, so that done
appraisals, which are never computed again, keep explaining themselves."""

from odoo import SUPERUSER_ID, api

from odoo.addons.helpdesk_engineer_appraisal import scoring


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    # Computed appraisals only: those never computed have no standard points.
    appraisals = env["helpdesk.engineer.appraisal"].search(
        [("standard_points", ">", 0), ("efficiency_cap", ">", 0)]
    )
    for appraisal in appraisals:
        workload = scoring.workload_component(
            appraisal.workload_max,
            appraisal.earned_points,
            appraisal.standard_points,
            appraisal.efficiency_cap,
        )
        components = [
            appraisal.workload_score,
            appraisal.customer_score,
            appraisal.work_log_score,
            appraisal.order_form_score,
        ]
        if appraisal.area_score_added:
            components.append(appraisal.area_score)
        total = scoring.month_total(components)
        appraisal._computed_write(
            {
                "efficiency_ratio": workload.ratio,
                "efficiency_capped": workload.capped,
                "component_sum": total.component_sum,
                "total_bounded": total.bounded,
            }
        )
