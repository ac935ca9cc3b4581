/** @odoo-module **/
/* Copyright 2026 Helpdesk Engineer Appraisal contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

const tours = registry.category("web_tour.tours");

/** Open a menu of the Appraisal menu of the Helpdesk app. */
function openAppraisalMenu(menuXmlid, description) {
    return [
        ...stepUtils.goToAppSteps(
            "helpdesk_mgmt.helpdesk_ticket_main_menu",
            "Open the Helpdesk app"
        ),
        {
            content: "Open the Appraisal menu",
            trigger: ".o_menu_sections button[data-menu-xmlid='helpdesk_engineer_appraisal.appraisal_menu']",
            run: "click",
        },
        {
            content: description,
            trigger: `.dropdown-item[data-menu-xmlid='helpdesk_engineer_appraisal.${menuXmlid}']`,
            run: "click",
        },
    ];
}

tours.add("helpdesk_engineer_appraisal_my_month_tour", {
    steps: () => [
        ...openAppraisalMenu("helpdesk_engineer_month_menu", "Open My Month"),
        {
            content: "The workload so far, with its numbers",
            trigger:
                ".o_form_view .o_field_widget[name='workload_explanation']:contains(P 4 / S 40)",
        },
        {
            content: "The total if the month ended today",
            trigger: ".o_form_view .o_field_widget[name='total_score']:contains(44.00)",
        },
        {
            content: "One order waits for a review",
            trigger: ".o_form_view .o_field_widget[name='to_review_count']:contains(1)",
        },
        {
            content: "Open the dissatisfied callback behind the deduction",
            trigger: ".o_form_view button[name='action_view_dissatisfied_callbacks']",
            run: "click",
        },
        {
            content: "The callback that deducted 2 points is listed",
            trigger: ".o_list_view .o_data_row:contains(Dissatisfied)",
        },
    ],
});

tours.add("helpdesk_engineer_appraisal_team_board_tour", {
    steps: () => [
        ...openAppraisalMenu("helpdesk_engineer_month_team_menu", "Open the Team board"),
        {
            content: "Engineer A's month so far",
            trigger: ".o_kanban_record:contains(Engineer A) .o_month_points:contains(4.00)",
        },
        {
            content: "Engineer B's month so far",
            trigger: ".o_kanban_record:contains(Engineer B) .o_month_points:contains(1.00)",
        },
        {
            content: "A has one dissatisfied callback to follow up",
            trigger: ".o_kanban_record:contains(Engineer A) .o_month_dissatisfied:contains(1)",
        },
        {
            content: "Open A's orders waiting for review",
            trigger: ".o_kanban_record:contains(Engineer A) button.o_month_to_review",
            run: "click",
        },
        {
            content: "The order to review is listed",
            trigger: ".o_breadcrumb:contains(Orders Waiting for Review)",
        },
        {
            trigger: ".o_list_view .o_data_row:contains(Self-rated)",
        },
    ],
});

tours.add("helpdesk_engineer_appraisal_phone_acknowledge_tour", {
    steps: () => [
        {
            content: "On a phone the engineer's buttons are at the top of the sheet",
            trigger: ".o_form_sheet .o_appraisal_engineer_buttons button[name='action_acknowledge']",
            run: "click",
        },
        {
            content: "Acknowledged: only the appeal is left",
            trigger:
                ".o_appraisal_engineer_buttons:not(:has(button[name='action_acknowledge'])) button[name='action_appeal']",
        },
    ],
});

tours.add("helpdesk_engineer_appraisal_review_queue_tour", {
    steps: () => [
        ...openAppraisalMenu("helpdesk_ticket_to_review_menu", "Open Orders to Review"),
        {
            content: "The queue shows the self-rating and the engineer without work log",
            trigger:
                ".o_data_row:contains(Boiler check):contains(Hard (1.5)) td[name='engineer_without_log_ids']:contains(Engineer B)",
        },
        {
            content: "Set the final difficulty in the list",
            trigger: ".o_data_row:contains(Boiler check) td[name='difficulty_id']",
            run: "click",
        },
        {
            trigger: ".o_data_row.o_selected_row td[name='difficulty_id'] input",
            run: "edit Standard",
        },
        {
            trigger: ".ui-autocomplete .dropdown-item:contains(Standard (1))",
            run: "click",
        },
        {
            content: "Save the line",
            trigger: ".o_list_button_save",
            run: "click",
        },
        {
            content: "The order is reviewed",
            trigger:
                ".o_data_row:contains(Boiler check) td[name='rating_state']:contains(Reviewed)",
        },
    ],
});
