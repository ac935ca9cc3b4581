/** @odoo-module **/
/* Copyright 2026 Helpdesk Engineer Appraisal contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

const tours = registry.category("web_tour.tours");

/**
 * Click a report of the Print menu and wait until the browser got the file:
 * the web client downloads it with a request to /report/download, and the
 * tour must not end before the server has answered it.
 */
function printReport(reportName) {
    return {
        content: `Print ${reportName} and wait for the download`,
        trigger: `.o-dropdown-item:contains(${reportName})`,
        // The server renders the report: more than the default 10 seconds on
        // a busy machine.
        timeout: 30000,
        async run(helpers) {
            const downloaded = new Promise((resolve) => {
                const observer = new PerformanceObserver((entries) => {
                    const isDownload = (entry) =>
                        new URL(entry.name).pathname === "/report/download";
                    if (entries.getEntries().some(isDownload)) {
                        observer.disconnect();
                        resolve();
                    }
                });
                observer.observe({type: "resource"});
            });
            await helpers.click();
            await downloaded;
        },
    };
}

/** Open a menu of the Appraisal menu of the Helpdesk app. */
function appraisalMenuSteps(menuXmlid, description) {
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

/** Click a workflow button of the appraisal form and check the new stage. */
function workflowSteps(button, stage) {
    return [
        {
            content: `Click ${button}`,
            trigger: `.o_form_statusbar button[name='${button}']`,
            run: "click",
        },
        {
            content: `The appraisal is now at the stage ${stage}`,
            trigger: `.o_statusbar_status .o_arrow_button_current:contains(${stage})`,
        },
    ];
}

tours.add("helpdesk_engineer_appraisal_generate_tour", {
    steps: () => [
        ...appraisalMenuSteps(
            "helpdesk_engineer_appraisal_generate_menu",
            "Open Generate Appraisals"
        ),
        {
            content: "Pick the month to appraise",
            trigger: ".modal .o_field_widget[name='month'] input",
            run: "edit 10/01/2026",
        },
        {
            content: "Generate the appraisals of the month",
            trigger: ".modal-footer button[name='action_generate']",
            run: "click",
        },
        {
            content: "The generated appraisals are listed: open engineer A's",
            trigger: ".o_list_view .o_data_row:contains(Engineer A) td[name='total_score']",
            run: "click",
        },
        {
            // The month shows as a month (issue 15, item 8), no longer as its first day.
            content: "The appraisal of October is a draft with A's total",
            trigger:
                ".o_form_view:has(.o_field_widget[name='month']:contains(2026-10)) .o_field_widget[name='total_score']:contains(83.75)",
        },
        ...workflowSteps("action_send_to_engineer", "Self-Assessment"),
    ],
});

tours.add("helpdesk_engineer_appraisal_acknowledge_tour", {
    steps: () => workflowSteps("action_acknowledge", "Supervisor Review"),
});

tours.add("helpdesk_engineer_appraisal_supervisor_review_tour", {
    steps: () => workflowSteps("action_review", "Department Approval"),
});

tours.add("helpdesk_engineer_appraisal_approve_print_tour", {
    steps: () => [
        ...workflowSteps("action_approve", "Done"),
        {
            content: "Open the form's actions",
            trigger: ".o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Open the Print menu",
            trigger: ".o-dropdown--menu button:contains(Print)",
            run: "click",
        },
        printReport("Appraisal Report"),
        {
            content: "The form is usable again once the report is downloaded",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Done)",
        },
    ],
});

tours.add("helpdesk_engineer_appraisal_team_xlsx_tour", {
    steps: () => [
        {
            content: "Select engineer A's appraisal",
            trigger: ".o_data_row:contains(Engineer A) .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Select engineer B's appraisal",
            trigger: ".o_data_row:contains(Engineer B) .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Open the Print menu of the selection",
            trigger: ".o_cp_action_menus button:has(.fa-print)",
            run: "click",
        },
        printReport("Team Appraisals (XLSX)"),
        {
            content: "The list is usable again once the file is downloaded",
            trigger: ".o_list_view .o_data_row:contains(Engineer A)",
        },
    ],
});

tours.add("helpdesk_engineer_appraisal_analysis_tour", {
    steps: () => [
        ...appraisalMenuSteps(
            "helpdesk_engineer_appraisal_analysis_menu",
            "Open Reporting > Appraisal Analysis"
        ),
        {
            content: "The pivot opens on the departments by month",
            trigger: ".o_pivot thead th:contains(October 2026)",
        },
        {
            content: "with the average total of the month",
            trigger: ".o_pivot tbody tr:has(th:contains(Repairs)) td:first .o_value:contains(65.25)",
        },
        {
            content: "Switch to the graph",
            trigger: ".o_switch_view.o_graph",
            run: "click",
        },
        {
            content: "The graph counts the grades of each month",
            trigger: ".o_graph_renderer canvas",
        },
        ...appraisalMenuSteps(
            "helpdesk_ticket_credit_analysis_menu",
            "Open Reporting > Credit Analysis"
        ),
        {
            content: "The pivot opens on the points of each engineer by month",
            trigger: ".o_pivot tbody tr:has(th:contains(Engineer A)) td:first .o_value:contains(34.50)",
        },
    ],
});
