from . import helpdesk_engineer_appraisal_generate
from . import helpdesk_engineer_appraisal_lock
from . import helpdesk_appraisal_sheet_generate
from . import helpdesk_appraisal_sheet_preview
