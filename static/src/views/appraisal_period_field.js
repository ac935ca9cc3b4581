/** @odoo-module **/
// Copyright 2026 Helpdesk Engineer Appraisal contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {DateTimeField, dateField} from "@web/views/fields/datetime/datetime_field";
import {registry} from "@web/core/registry";

/**
 * A period as people name it: "2026-11", "2026 Q4", "2026 H2", "2026".
 * The field stays a Date (the first day of the period), for searching,
 * grouping and sorting.
 *
 * @param {luxon.DateTime|false} value first day of the period
 * @param {String} period "month" (default), "quarter", "half_year" or "year"
 * @returns {String}
 */
export function formatAppraisalPeriod(value, period) {
    if (!value) {
        return "";
    }
    switch (period) {
        case "quarter":
            return `${value.year} Q${value.quarter}`;
        case "half_year":
            return `${value.year} H${value.month <= 6 ? 1 : 2}`;
        case "year":
            return `${value.year}`;
        default:
            return value.toFormat("yyyy-MM");
    }
}

export class AppraisalPeriodField extends DateTimeField {
    static props = {
        ...DateTimeField.props,
        period: {type: String, optional: true},
        periodField: {type: String, optional: true},
    };

    /** Read-only, the period's name; editable, the date picker's date. */
    getFormattedValue(valueIndex) {
        if (!this.props.readonly) {
            return super.getFormattedValue(valueIndex);
        }
        const period = this.props.periodField
            ? this.props.record.data[this.props.periodField]
            : this.props.period;
        return formatAppraisalPeriod(this.values[valueIndex], period);
    }
}

export const appraisalPeriodField = {
    ...dateField,
    component: AppraisalPeriodField,
    extractProps: (fieldInfo, dynamicInfo) => ({
        ...dateField.extractProps(fieldInfo, dynamicInfo),
        period: fieldInfo.options.period,
        periodField: fieldInfo.options.period_field,
    }),
};

registry.category("fields").add("appraisal_period", appraisalPeriodField);
