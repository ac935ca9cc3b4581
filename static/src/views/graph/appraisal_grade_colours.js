/** @odoo-module **/
// Copyright 2026 Helpdesk Engineer Appraisal contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {GraphRenderer} from "@web/views/graph/graph_renderer";
import {patch} from "@web/core/utils/patch";

/**
 * One colour per grade, the hues of the lists' badges and of the XLSX cells:
 * excellent green, good blue, pass grey, below standard yellow, fail red.
 */
export const GRADE_COLOURS = {
    excellent: "#28a745",
    good: "#17a2b8",
    pass: "#adb5bd",
    below_standard: "#ffc107",
    fail: "#dc3545",
};

const GRADED_MODELS = ["helpdesk.engineer.appraisal", "helpdesk.engineer.appraisal.summary"];

patch(GraphRenderer.prototype, {
    getBarChartData() {
        const data = super.getBarChartData(...arguments);
        const {resModel, fields} = this.model.metaData;
        if (!GRADED_MODELS.includes(resModel) || !fields.grade) {
            return data;
        }
        const colourOf = Object.fromEntries(
            fields.grade.selection.map(([value, label]) => [label, GRADE_COLOURS[value]])
        );
        for (const dataset of data.datasets) {
            if (colourOf[dataset.label]) {
                // Grouped by grade second: one dataset (and legend entry) per grade.
                dataset.backgroundColor = colourOf[dataset.label];
            } else if (data.labels.some((label) => colourOf[label])) {
                // Grouped by grade first: one bar per grade.
                dataset.backgroundColor = data.labels.map(
                    (label) => colourOf[label] || dataset.backgroundColor
                );
            }
        }
        return data;
    },
});
