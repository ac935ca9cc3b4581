/** @odoo-module **/
/* Copyright 2026 Helpdesk Engineer Appraisal contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("helpdesk_engineer_appraisal_visit_tour", {
    steps: () => [
        {
            content: "Open the Visits tab of the order",
            trigger: ".o_notebook a.nav-link[name='visits']",
            run: "click",
        },
        {
            content: "Check in on site",
            trigger: ".o_visit_check_buttons .o_visit_check_in",
            run: "click",
        },
        {
            content: "Checked in: the visit is listed",
            trigger: ".o_field_widget[name='visit_ids']:contains(Engineer A)",
        },
        {
            content: "Check out when leaving",
            trigger: ".o_visit_check_buttons .o_visit_check_out",
            run: "click",
        },
        {
            content: "Checked out: checking in again is offered",
            trigger:
                ".o_visit_check_buttons:not(:has(.o_visit_check_out)) .o_visit_check_in",
        },
        {
            content: "The visit stays listed",
            trigger: ".o_field_widget[name='visit_ids']:contains(Engineer A)",
        },
    ],
});
