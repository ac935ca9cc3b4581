/** @odoo-module **/
/* Copyright 2026 Helpdesk Engineer Appraisal contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("helpdesk_engineer_appraisal_self_rate_tour", {
    steps: () => [
        {
            content: "Open the Scoring tab of the service order",
            trigger: ".o_notebook .nav-link:contains(Scoring)",
            run: "click",
        },
        {
            content: "The order waits for its rating",
            trigger: ".o_field_widget[name='rating_state'] .badge:contains(To Rate)",
        },
        {
            content: "Self-rate the difficulty",
            trigger: ".o_field_widget[name='self_difficulty_id'] input",
            run: "edit Hard",
        },
        {
            trigger: ".ui-autocomplete .dropdown-item:contains(Hard (1.5))",
            run: "click",
        },
        {
            content: "Save the order",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The order is saved and now waits for review",
            trigger:
                ".o_form_saved .o_field_widget[name='rating_state'] .badge:contains(Self-rated)",
        },
    ],
});

registry.category("web_tour.tours").add("helpdesk_engineer_appraisal_review_tour", {
    steps: () => [
        {
            content: "Accept the engineer's self-rating",
            trigger: ".o_form_statusbar button[name='action_accept_self_rating']",
            run: "click",
        },
        {
            content: "Open the Scoring tab",
            trigger: ".o_notebook .nav-link:contains(Scoring)",
            run: "click",
        },
        {
            content: "The order is reviewed and the credit is shown",
            trigger: ".o_field_widget[name='rating_state'] .badge:contains(Reviewed)",
        },
        {
            trigger: ".o_field_widget[name='credit_ids'] .o_data_row:contains(1.50)",
        },
    ],
});
