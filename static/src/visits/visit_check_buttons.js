/** @odoo-module **/
// Copyright 2026 Helpdesk Engineer Appraisal contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {Component} from "@odoo/owl";
import {registry} from "@web/core/registry";
import {standardWidgetProps} from "@web/views/widgets/standard_widget_props";
import {useService} from "@web/core/utils/hooks";

/**
 * The browser's position, if it gives one within a few seconds; nothing
 * otherwise (refused, unavailable, no geolocation): checking in never
 * depends on it.
 *
 * @returns {Promise<Object>} {latitude, longitude} or {}
 */
function currentPosition() {
    return new Promise((resolve) => {
        if (!navigator.geolocation) {
            resolve({});
            return;
        }
        navigator.geolocation.getCurrentPosition(
            ({coords}) => resolve({latitude: coords.latitude, longitude: coords.longitude}),
            () => resolve({}),
            {timeout: 5000, maximumAge: 60000}
        );
    });
}

/** Check in / check out on the order of the form, for the current user. */
export class VisitCheckButtons extends Component {
    static template = "helpdesk_engineer_appraisal.VisitCheckButtons";
    static props = {...standardWidgetProps};

    setup() {
        this.orm = useService("orm");
    }

    async checkIn() {
        const record = this.props.record;
        await record.save();
        const position = await currentPosition();
        await this.orm.call("helpdesk.ticket", "action_check_in", [[record.resId]], position);
        await record.load();
    }

    async checkOut() {
        const record = this.props.record;
        await record.save();
        await this.orm.call("helpdesk.ticket", "action_check_out", [[record.resId]]);
        await record.load();
    }
}

registry.category("view_widgets").add("visit_check_buttons", {
    component: VisitCheckButtons,
});
