from . import helpdesk_service_area_month
from . import helpdesk_engineer_appraisal_summary
from . import helpdesk_engineer_appraisal_report
from . import helpdesk_engineer_appraisal_team_xlsx
from . import helpdesk_engineer_appraisal_credits_xlsx
from . import helpdesk_engineer_appraisal_year_xlsx
from . import helpdesk_service_area_month_xlsx
from . import helpdesk_appraisal_sheet_xlsx
