/** @odoo-module **/
/* Copyright 2026 Helpdesk Engineer Appraisal contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

const tours = registry.category("web_tour.tours");

/** Click a workflow button of the sheet form and check the new stage. */
function sheetWorkflowSteps(button, stage) {
    return [
        {
            content: `Click ${button}`,
            trigger: `.o_form_statusbar button[name='${button}']`,
            run: "click",
        },
        {
            content: `The sheet is now at the stage ${stage}`,
            trigger: `.o_statusbar_status .o_arrow_button_current:contains(${stage})`,
        },
    ];
}

/** Type ``value`` in the column ``field`` of the sheet line ``line``. */
function lineCellSteps(line, field, value) {
    return [
        {
            content: `Edit ${field} of the line ${line}`,
            trigger: `.o_field_widget[name='line_ids'] .o_data_row:contains(${line}) td[name='${field}']`,
            run: "click",
        },
        {
            content: `Type ${value}`,
            trigger: `.o_field_widget[name='line_ids'] .o_data_row:contains(${line}) td[name='${field}'] input`,
            run: `edit ${value}`,
        },
    ];
}

// A manager writes a template with one line and previews it on engineer A's
// October: 100 x 34.5 / 40 = 86.25, Good.
tours.add("helpdesk_appraisal_sheet_template_tour", {
    steps: () => [
        {
            content: "Create a template",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Name it",
            trigger: ".o_field_widget[name='name'] input",
            run: "edit Tour template",
        },
        {
            content: "Add a line",
            trigger: ".o_field_widget[name='line_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Label the line",
            trigger: ".modal .o_field_widget[name='name'] input",
            run: "edit Tour workload",
        },
        {
            content: "It measures the workload points",
            trigger: ".modal .o_field_widget[name='metric'] select",
            run: 'select "points"',
        },
        {
            content: "Proportional to the target",
            trigger: ".modal .o_field_widget[name='rule_kind'] select",
            run: 'select "proportional"',
        },
        {
            content: "Worth the whole 100 points",
            trigger: ".modal .o_field_widget[name='weight'] input",
            run: "edit 100",
        },
        {
            content: "Against a target of 40 points",
            trigger: ".modal .o_field_widget[name='target'] input",
            run: "edit 40",
        },
        {
            content: "Save the line",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The line is in the template",
            trigger: ".o_field_widget[name='line_ids'] .o_data_row:contains(Tour workload)",
        },
        {
            content: "Preview the template",
            trigger: ".o_form_statusbar button[name='action_preview']",
            run: "click",
        },
        {
            content: "On engineer A",
            trigger: ".modal .o_field_widget[name='employee_id'] input",
            run: "edit Engineer A",
        },
        {
            content: "Pick engineer A",
            trigger: ".ui-autocomplete .dropdown-item:contains(Engineer A)",
            run: "click",
        },
        {
            content: "In October",
            trigger: ".modal .o_field_widget[name='day'] input",
            run: "edit 10/01/2026",
        },
        {
            content: "Leave the date: the preview is computed",
            trigger: ".modal .o_field_widget[name='maximum']",
            run: "click",
        },
        {
            content: "The period shown is October",
            trigger: ".modal .o_field_widget[name='period_label']:contains(2026-10)",
        },
        {
            content: "The preview shows the line's formula and points",
            trigger:
                ".modal .o_kpi_preview_lines tr:contains(Tour workload):contains(100 x 0.8625 = 86.25)",
        },
        {
            content: "And the total and the grade",
            trigger:
                ".modal:has(.o_field_widget[name='grade_id']:contains(Good)) .o_field_widget[name='total_score']:contains(86.25)",
        },
        {
            content: "Close the preview",
            trigger: ".modal-footer button:contains(Close)",
            run: "click",
        },
        {
            content: "Back on the template",
            trigger: "body:not(:has(.modal)) .o_form_view .o_field_widget[name='name']",
        },
    ],
});

// Engineer A scores themselves on their sent sheet and submits it.
tours.add("helpdesk_appraisal_sheet_self_tour", {
    steps: () => [
        {
            content: "The sheet waits for the self-assessment",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Self-Assessment)",
        },
        ...lineCellSteps("Attitude", "self_value", "4"),
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The line earns the self score: 74.75 + 4",
            trigger: ".o_field_widget[name='total_score']:contains(78.75)",
        },
        ...sheetWorkflowSteps("action_submit", "Supervisor Review"),
    ],
});

// The supervisor gives the final value with a comment and reviews.
tours.add("helpdesk_appraisal_sheet_review_tour", {
    steps: () => [
        ...lineCellSteps("Attitude", "supervisor_value", "3"),
        ...lineCellSteps("Attitude", "supervisor_note", "Late twice"),
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The supervisor's value replaces the self score: 74.75 + 3",
            trigger: ".o_field_widget[name='total_score']:contains(77.75)",
        },
        ...sheetWorkflowSteps("action_review", "Department Approval"),
    ],
});
