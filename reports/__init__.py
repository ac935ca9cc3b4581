from . import helpdesk_service_area_month
